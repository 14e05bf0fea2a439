/**
 * A render run: one Vite server, N pinned browsers, and a queue of jobs that keeps every worker
 * busy across scene boundaries. Videos are cut into fixed segments, so who renders a segment never
 * changes its bytes.
 */
import {randomBytes} from 'node:crypto';
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {mkdir, rename, rm, writeFile} from 'node:fs/promises';
import {basename, join, resolve} from 'node:path';
import {createRequire} from 'node:module';
import type {Plugin} from 'vite';
import type {RenderOptions} from './args';
import {RGBA_FORMATS, UsageError} from './args';
import {RenderError, sceneFailed, Worker} from './browser';
import {allowedCpus} from './affinity';
import {blocksOf, evenlySpaced, FrameRangeError, framesOf, SEGMENT_SECONDS, segmentsOf, toFrame} from './plan';
import {Progress} from './progress';
import {Block, SceneCost, victims} from './schedule';
import {frameCost, mark} from './timing';
import type {EncoderName, RenderJob, RenderOutcome, SceneInfo, Segment} from './protocol';
import {ROOT, startServer, type DataPacket, type RenderServer} from './server';
import {narrationFor, prepareVoices, type NarrationSettings} from '../narration/render';
import type {Cue} from '../narration/types';
import {narrationOptions} from '../narration/vitePlugin';
import {ffmpegMessage, resolveFfmpeg} from './tools';
import {checkShards, codeHash, shardSegments, writeShard} from './shard';
import {presenterHtml, slideFile} from './presenter';
import {
  DiscardOutput,
  FormatOutput,
  ioMessage,
  muxToMp4,
  PngOutput,
  SegmentStore,
  VideoOutput,
  type Output,
  type RgbaFormat,
} from './sinks';

export interface Tools {
  browserPath: string;
  ffmpeg: string | null;
  ffprobe: string | null;
}

/** What a finished scene reports: its frames and where they went. */
export interface SceneResult {
  scene: string;
  frames: number;
  seconds: number;
  path: string;
}

/** Partial files are named by PID; one whose process is gone is a leftover and goes. */
export async function sweepStale(dir: string): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /\.(\d+)\.(partial|parts)$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await rm(join(dir, name), {recursive: true, force: true});
  }
}

const secondsLabel = (t: number) => `${Number(t.toFixed(3))}s`;
const token = () => randomBytes(18).toString('base64url');

interface Task {
  run(worker: Worker): Promise<void>;
  /** Segments a video task may render: a free worker can take the unclaimed tail as a new task. */
  block?: Block;
  split?(thief: Worker): Task | null;
}

export class Run {
  private server: RenderServer | null = null;
  private readonly workers: Worker[] = [];
  private readonly launching: Promise<Worker>[] = [];
  private readonly outputs = new Set<Output>();
  /** Hidden folders this run made, removed when it stops early. */
  private readonly temps = new Set<string>();
  private closing: Promise<void> | null = null;
  private readonly out: string;
  private readonly cpus = allowedCpus();
  /** How long measuring each scene took: about what a page pays to prepare it (schedule.ts). */
  private readonly measured = new Map<string, {ms: number; frames: number}>();
  /** The scene and frame each worker's page was left at by its last video job. */
  private readonly at = new Map<Worker, {scene: string; frame: number}>();
  /** Each measured scene's narration cues. */
  private readonly cues = new Map<string, Cue[]>();
  /** Called as each scene's output is complete, before render() returns (the cache records it here). */
  onDone: ((result: SceneResult) => Promise<void>) | null = null;

  constructor(
    private readonly o: RenderOptions,
    private readonly tools: Tools,
    private readonly log: (line: string) => void = line => process.stderr.write(line + '\n'),
  ) {
    this.out = resolve(o.out);
  }

  /** Starts the server and the first browser side by side: neither waits for the other. */
  async start(): Promise<void> {
    const plugins = [
      ...(this.o.encoder === 'stock-ffmpeg' ? stockExporter() : []),
      narrationOptions({voice: this.o.audio ? this.o.voice : 'none'}),
    ];
    // The voices are made (or found cached) first: a missing espeak-ng fails here, in one line.
    const voiced = this.o.audio
      ? prepareVoices(ROOT, this.o.voice, this.tools.ffmpeg ?? resolveFfmpeg())
      : Promise.resolve();
    const server = voiced.then(() => startServer(this.o.project, plugins, this.o.encoder === 'stock-ffmpeg'));
    const browsers = Promise.all(Array.from({length: this.expectedWorkers()}, () => this.launch()));
    // Side chains for timing only: a failure is reported by the await below, not here.
    server.then(
      () => mark('server: ready'),
      () => {},
    );
    browsers.then(
      () => mark('browsers: launched'),
      () => {},
    );
    const [s, workers] = await Promise.all([server, browsers]);
    this.server = s;
    for (const w of workers) w.ready().catch(() => {});
  }

  private launch(): Promise<Worker> {
    const k = this.launching.length;
    const worker = Worker.launch(() => this.server!, {
      browserPath: this.tools.browserPath,
      cpu: this.cpus[k % this.cpus.length],
      // NNM_ONE_CPU=1 keeps each browser on its own CPU, as before widening (benchmarks compare the two).
      spread: process.env.NNM_ONE_CPU ? [] : this.cpus,
      verbose: this.o.verbose,
      startTimeout: this.o.startTimeout,
      frameTimeout: this.o.frameTimeout,
    }).then(w => {
      this.workers.push(w);
      if (this.server) w.ready().catch(() => {});
      return w;
    });
    this.launching.push(worker);
    return worker;
  }

  /** Up to `n` workers, launching the missing ones. */
  private async pool(n: number): Promise<Worker[]> {
    while (this.launching.length < n) this.launch();
    return Promise.all(this.launching.slice(0, n));
  }

  /**
   * Runs tasks on up to n workers; each worker takes the next task when it is free, and when none is
   * left it takes the tail of the video block that would finish last (schedule.ts).
   */
  private async drain(tasks: Task[], n: number): Promise<void> {
    const pieces = tasks.reduce((k, t) => k + (t.block?.segments.length ?? 1), 0);
    const workers = await this.pool(Math.max(1, Math.min(n, pieces)));
    const queue = [...tasks];
    const running = new Map<Block, Task>();
    const next = (worker: Worker): Task | null => {
      const queued = queue.shift();
      if (queued) return queued;
      for (const block of victims(running.keys())) {
        const stolen = running.get(block)!.split!(worker);
        if (stolen) return stolen;
      }
      return null;
    };
    await Promise.all(
      workers.map(async w => {
        for (let task = next(w); task; task = next(w)) {
          if (task.block) running.set(task.block, task);
          try {
            await task.run(w);
          } finally {
            if (task.block) running.delete(task.block);
          }
        }
      }),
    );
  }

  private workerCount(): number {
    return this.o.workers ?? this.cpus.length;
  }

  /** Workers worth starting before the scenes are measured: one for stills, lists and short ranges. */
  private expectedWorkers(): number {
    const o = this.o;
    if (o.list || o.join || o.still || o.sheet) return o.join ? 0 : 1;
    const bound =
      o.range && Number.isFinite(o.range[1]) ? Math.ceil((o.range[1] - o.range[0]) / SEGMENT_SECONDS) : Infinity;
    return Math.max(1, Math.min(this.workerCount(), bound));
  }

  async list(): Promise<SceneInfo[]> {
    const [w] = await this.pool(1);
    return w.list(this.o.fps);
  }

  private async infos(scenes: string[]): Promise<Map<string, SceneInfo>> {
    const infos = new Map<string, SceneInfo>();
    // Measuring runs a scene's logic once without drawing: one worker does it while the others start.
    const [w] = await this.pool(1);
    for (const scene of scenes) {
      const t0 = performance.now();
      const info = await w.info(scene, this.o.fps);
      infos.set(scene, info);
      this.measured.set(scene, {ms: performance.now() - t0, frames: info.frames});
    }
    mark('scenes measured');
    return infos;
  }

  private usage(scene: string, info: SceneInfo, what: string): UsageError {
    return new UsageError(
      `${what} is past the end of "${scene}", which lasts ${info.seconds.toFixed(2)} s (${info.frames} frames at ${this.o.fps} fps)`,
    );
  }

  private framesFor(scene: string, info: SceneInfo): [number, number] {
    try {
      return framesOf(this.o.range, this.o.fps, info.frames);
    } catch (e) {
      if (!(e instanceof FrameRangeError)) throw e;
      const [a, b] = this.o.range!;
      const text = `--range ${a}:${Number.isFinite(b) ? b : ''}`;
      if (/end/.test(e.message)) throw this.usage(scene, info, text);
      throw new UsageError(`${text} ${e.message}`);
    }
  }

  private job(scene: string, mode: RenderJob['mode'], segments: Segment[], frames: number[] = []): RenderJob {
    const {width, height, fps, transparent} = this.o;
    const encoder = RGBA_FORMATS.includes(this.o.format) ? 'rgba' : this.o.encoder;
    return {scene, width, height, fps, mode, segments, frames, encoder, transparent, token: token()};
  }

  private track<T extends Output>(output: T): T {
    this.outputs.add(output);
    return output;
  }

  /** Runs one page job into `output`, turning any failure into one line that names the scene. */
  private async execute(
    worker: Worker,
    job: RenderJob,
    output: Output & {failure?: Error | null},
    block?: Block,
  ): Promise<RenderOutcome & {ok: true}> {
    const handler = output.handler();
    let first = true;
    const data = (packet: DataPacket) => {
      if (first) mark(`first data from "${job.scene}"`);
      first = false;
      return handler(packet);
    };
    const outcome = await worker.render({...job, claims: Boolean(block)}, data, index => block?.claim(index) ?? true);
    if (outcome.ok && outcome.cost) frameCost(job.scene, outcome.frames, outcome.cost);
    if (outcome.ok) return outcome;
    // The page saw "refused data"; the sink knows what really failed (ffmpeg, the disk).
    if (output.failure) throw new RenderError(`scene "${job.scene}": ${output.failure.message}`);
    throw sceneFailed(job.scene, outcome.failure);
  }

  /** Renders every scene the options ask for; results arrive in scene order. */
  async render(scenes: string[]): Promise<SceneResult[]> {
    if (this.o.join) return this.join(scenes);
    const infos = await this.infos(scenes);
    for (const [scene, info] of infos) this.cues.set(scene, info.cues);
    const tasks: Task[] = [];
    const finishing: Promise<SceneResult>[] = [];
    for (const scene of scenes) {
      const {tasks: t, done} = this.plan(scene, infos.get(scene)!);
      tasks.push(...t);
      finishing.push(done.then(async r => (await this.onDone?.(r), r)));
    }
    finishing.forEach(p => p.catch(() => {}));
    await this.drain(tasks, this.workerCount());
    return Promise.all(finishing);
  }

  /** The jobs of one scene, and a promise of its finished output once all of them ran. */
  private plan(scene: string, info: SceneInfo): {tasks: Task[]; done: Promise<SceneResult>} {
    const o = this.o;
    if (o.still || o.sheet) return this.planStills(scene, info);
    if (o.slides) return this.planSlides(scene, info);
    const [from, to] = this.framesFor(scene, info);
    if (o.format === 'png') return this.planSequence(scene, from, to);
    return this.planVideo(scene, from, to);
  }

  /**
   * Splits work into blocks, one task each; `finish` runs when the last block is in. With `steal`,
   * each block is a Block of segments whose unclaimed tail a free worker may take as a new task.
   */
  private blocks<T>(
    scene: string,
    total: number,
    blocks: T[][],
    output: Output,
    jobOf: (block: T[]) => RenderJob,
    finish: (encoder: EncoderName) => Promise<string>,
    steal?: {cost: SceneCost; block: (items: T[]) => Block; items: (block: Block) => T[]},
  ) {
    const progress = new Progress(scene);
    progress.begin(total);
    let started: number | null = null;
    let remaining = blocks.length;
    let encoder: EncoderName = 'png';
    let settle: (r: SceneResult) => void = () => {};
    let fail: (e: unknown) => void = () => {};
    const done = new Promise<SceneResult>((ok, no) => ((settle = ok), (fail = no)));
    let tick: NodeJS.Timeout | undefined;
    const taskOf = (items: T[], block = steal?.block(items)): Task => ({
      block,
      split: thief => {
        const at = this.at.get(thief);
        const tail = block?.split(at?.scene === scene ? at.frame : null);
        if (!tail) return null;
        mark(`${scene}: a free worker takes frames ${tail.segments[0].from}–${tail.segments.at(-1)!.to - 1}`);
        remaining++;
        return taskOf(steal!.items(tail), tail);
      },
      run: async worker => {
        started ??= performance.now();
        tick ??= setInterval(() => output.frames > 0 && progress.update(output.frames), 250);
        try {
          this.at.delete(worker);
          const outcome = await this.execute(worker, jobOf(items), output, block);
          const last = block?.owned.at(-1);
          if (last) this.at.set(worker, {scene, frame: last.to - 1});
          encoder = outcome.encoder;
          if (--remaining > 0) return;
          clearInterval(tick);
          const path = await finish(encoder);
          this.outputs.delete(output);
          const seconds = (performance.now() - started) / 1000;
          progress.update(output.frames, true);
          progress.end(
            `${output.frames} frames in ${seconds.toFixed(1)}s (${(output.frames / seconds).toFixed(1)} fps) → ${basename(this.out)}/${basename(path)}`,
          );
          settle({scene, frames: output.frames, seconds, path});
        } catch (e) {
          clearInterval(tick);
          // Sinks and the mux throw plain errors that already say what failed; name the scene.
          const err =
            e instanceof RenderError || e instanceof UsageError
              ? e
              : new RenderError(`scene "${scene}": ${(e as Error).message}`, (e as Error).stack);
          fail(err);
          throw err;
        }
      },
    });
    return {tasks: blocks.map(items => taskOf(items)), done};
  }

  /** A video's segments as one block that free workers split by taking its tail (schedule.ts). */
  private stealing(scene: string) {
    const {ms, frames} = this.measured.get(scene) ?? {ms: 0, frames: 1};
    const cost = new SceneCost(frames, ms);
    return {cost, block: (segments: Segment[]) => new Block(segments, cost), items: (b: Block) => b.segments};
  }

  /** One video of frames [from, to); `final` defaults to <out>/<scene>.<format>, `tag` tells its parts apart. */
  private planVideo(
    scene: string,
    from: number,
    to: number,
    final = join(this.out, `${scene}.${this.o.format}`),
    tag = scene,
  ) {
    const o = this.o;
    const segmentFrames = SEGMENT_SECONDS * o.fps;
    const all = segmentsOf(from, to, segmentFrames);
    const partsDir = join(this.out, `.${tag}.${process.pid}.parts`);
    const mine = o.shard ? shardSegments(all, o.shard[0], o.shard[1]) : all;
    const expected = mine.reduce((n, s) => n + s.to - s.from, 0);
    if (o.encoder === 'discard' || o.encoder === 'stock-ffmpeg') {
      const output = this.track(new DiscardOutput());
      return this.blocks(
        scene,
        expected,
        o.encoder === 'stock-ffmpeg' ? blocksOf(all, this.workerCount()).filter(b => b.length) : [all],
        output,
        b => this.job(scene, 'video', b),
        async () => (o.encoder === 'stock-ffmpeg' ? join(this.out, `bench-stock-${scene}.mp4`) : '(discarded)'),
        o.encoder === 'stock-ffmpeg' ? undefined : this.stealing(scene),
      );
    }
    const target = {...this.videoTools(), width: o.width, height: o.height, fps: o.fps, partsDir};
    if (o.shard) {
      const [k, n] = o.shard;
      if (mine.length === 0)
        throw new UsageError(
          `--shard ${k}/${n}: "${scene}" has only ${all.length} segments of ${SEGMENT_SECONDS} s; use at most ${all.length} shards`,
        );
      // Segments keep their index in the whole render; the store counts them from this block's first.
      const local = mine.map((s, i) => ({...s, index: i}));
      const store = this.track(new SegmentStore({...target, segments: mine.length, expectedFrames: expected}));
      const browser = () => this.workers[0]?.version ?? 'unknown';
      return this.blocks(
        scene,
        expected,
        [local],
        store,
        b => this.job(scene, 'video', b),
        async encoder => {
          await store.finish();
          try {
            return await writeShard(this.out, store.segmentFiles(), {
              settings: {
                scene,
                width: o.width,
                height: o.height,
                fps: o.fps,
                frames: [from, to],
                segmentFrames,
                encoder,
                browser: browser(),
                narration: this.narration(scene),
              },
              code: codeHash(),
              shard: k,
              shards: n,
              segments: [mine[0].index, mine[mine.length - 1].index + 1],
              totalSegments: all.length,
              frames: expected,
            });
          } finally {
            await store.abort();
          }
        },
        this.stealing(scene),
      );
    }
    const whole = {...target, segments: all.length, expectedFrames: expected};
    const paths = {tmpPath: join(this.out, `.${basename(final)}.${process.pid}.partial`), finalPath: final};
    const output = this.track(
      RGBA_FORMATS.includes(o.format)
        ? new FormatOutput(whole, {...paths, format: o.format as RgbaFormat, transparent: o.transparent, loop: o.loop})
        : new VideoOutput(
            whole,
            paths,
            narrationFor(ROOT, target.ffmpeg, scene, o.fps, from, to, final, this.narration(scene)),
          ),
    );
    return this.blocks(
      scene,
      expected,
      [all],
      output,
      b => this.job(scene, 'video', b),
      async () => {
        await output.finish();
        return final;
      },
      this.stealing(scene),
    );
  }

  /**
   * `--slides`: one MP4 per slide, cut where the scene calls `beginSlide`, and a presenter page.
   * They are made in a hidden folder that becomes <out>/<scene>/ once every slide is in.
   */
  private planSlides(scene: string, info: SceneInfo) {
    const bounds = [...new Set([0, ...info.slides, info.frames])].sort((a, b) => a - b);
    const tmp = join(this.out, `.${scene}-slides.${process.pid}.partial`);
    const dir = join(this.out, scene);
    this.temps.add(tmp);
    const made = mkdir(tmp, {recursive: true});
    const slides = bounds.slice(0, -1).map((from, i) => {
      const plan = this.planVideo(scene, from, bounds[i + 1], join(tmp, slideFile(i)), `${scene}-slide-${i + 1}`);
      // A slide's mux writes into the hidden folder, which must exist by then.
      return {...plan, tasks: plan.tasks.map(t => ({run: async (w: Worker) => (await made, t.run(w))}))};
    });
    const done = (async (): Promise<SceneResult> => {
      const results = await Promise.all(slides.map(p => p.done));
      try {
        await writeFile(
          join(tmp, 'slides.html'),
          presenterHtml(
            scene,
            results.map((_, i) => slideFile(i)),
          ),
        );
        await rm(dir, {recursive: true, force: true});
        await rename(tmp, dir);
      } catch (e) {
        throw new RenderError(`scene "${scene}": ${ioMessage(e)}`);
      }
      this.temps.delete(tmp);
      const frames = results.reduce((n, r) => n + r.frames, 0);
      this.log(`${scene}: ${results.length} slides, ${frames} frames → ${basename(this.out)}/${scene}/slides.html`);
      return {scene, frames, seconds: results.reduce((n, r) => n + r.seconds, 0), path: dir};
    })();
    done.catch(() => {});
    return {tasks: slides.flatMap(p => p.tasks), done};
  }

  private planSequence(scene: string, from: number, to: number) {
    const frames = Array.from({length: to - from}, (_, i) => from + i);
    const names = new Map(frames.map(f => [f, `${scene}_${String(f - from).padStart(5, '0')}.png`]));
    const dir = join(this.out, scene);
    const output = this.track(new PngOutput(names, join(this.out, `.${scene}.${process.pid}.partial`), dir, true));
    return this.blocks(
      scene,
      frames.length,
      blocksOf(frames, this.workerCount()).filter(b => b.length),
      output,
      b => this.job(scene, 'frames', [], b),
      async () => {
        await output.finish();
        return dir;
      },
    );
  }

  private planStills(scene: string, info: SceneInfo) {
    const o = this.o;
    let names: Map<number, string>;
    if (o.sheet) {
      names = new Map(evenlySpaced(0, info.frames, o.sheet).map((f, i) => [f, `${String(i).padStart(3, '0')}.png`]));
    } else {
      names = new Map();
      for (const t of o.still!) {
        const f = toFrame(t, o.fps);
        if (f >= info.frames) throw this.usage(scene, info, `--still ${t}`);
        names.set(f, `${scene}-${secondsLabel(t)}.png`);
      }
    }
    const tmp = join(this.out, `.${scene}-stills.${process.pid}.partial`);
    const frames = [...names.keys()].sort((a, b) => a - b);
    const sheetDir = join(this.out, `.${scene}-sheet.${process.pid}.parts`);
    const output = this.track(new PngOutput(names, tmp, o.sheet ? sheetDir : this.out, false));
    return this.blocks(
      scene,
      frames.length,
      [frames],
      output,
      b => this.job(scene, 'frames', [], b),
      async () => {
        await output.finish();
        if (!o.sheet) return join(this.out, names.get(frames[0])!);
        try {
          return await this.tile(scene, sheetDir, frames.length);
        } finally {
          await rm(sheetDir, {recursive: true, force: true});
        }
      },
    );
  }

  /** Lays the sheet's frames out in a grid with ffmpeg's tile filter. */
  private async tile(scene: string, dir: string, count: number): Promise<string> {
    const cols = Math.ceil(Math.sqrt(count));
    const rows = Math.ceil(count / cols);
    const final = join(this.out, `${scene}-sheet.png`);
    const tmp = join(this.out, `.${scene}-sheet.png.${process.pid}.partial`);
    const width = Math.min(640, this.o.width);
    const r = spawnSync(
      this.needFfmpeg(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-y',
        '-framerate',
        '1',
        '-i',
        join(dir, '%03d.png'),
        '-vf',
        `scale=${width}:-2,tile=${cols}x${rows}:padding=8:margin=8`,
        '-frames:v',
        '1',
        '-f',
        'image2',
        '-c:v',
        'png',
        tmp,
      ],
      {encoding: 'utf8'},
    );
    if (r.status !== 0) {
      await rm(tmp, {force: true});
      throw new RenderError(`the contact sheet failed: ${ffmpegMessage(r.stderr)}`);
    }
    await rename(tmp, final);
    return final;
  }

  private needFfmpeg(): string {
    if (!this.tools.ffmpeg) throw new RenderError('this render needs ffmpeg');
    return this.tools.ffmpeg;
  }

  private videoTools() {
    return {ffmpeg: this.needFfmpeg(), ffprobe: this.tools.ffprobe ?? this.needFfmpeg()};
  }

  /** What the narration of a scene's video depends on (the cues the page reported). */
  private narration(scene: string): NarrationSettings {
    return {voice: this.o.audio ? this.o.voice : null, subs: this.o.subs, cues: this.cues.get(scene) ?? []};
  }

  /** `--join`: checks the shards in --out and muxes each scene's into one MP4. */
  private async join(scenes: string[]): Promise<SceneResult[]> {
    const results: SceneResult[] = [];
    await mkdir(this.out, {recursive: true});
    for (const scene of scenes) {
      const started = performance.now();
      const {files, frames, manifest} = await checkShards(this.out, scene);
      const final = join(this.out, `${scene}.mp4`);
      const {
        fps,
        frames: [from, to],
        narration,
      } = manifest.settings;
      const narrate = narration && narrationFor(ROOT, this.needFfmpeg(), scene, fps, from, to, final, narration);
      const dir = join(this.out, `.${scene}-join.${process.pid}.parts`);
      this.temps.add(dir);
      try {
        await mkdir(dir, {recursive: true});
        await muxToMp4(files, {
          ...this.videoTools(),
          fps,
          expectedFrames: frames,
          tmpPath: join(this.out, `.${scene}.mp4.${process.pid}.partial`),
          finalPath: final,
          narrated: await narrate?.(dir),
        });
      } finally {
        await rm(dir, {recursive: true, force: true});
        this.temps.delete(dir);
      }
      const seconds = (performance.now() - started) / 1000;
      this.log(
        `${scene}: joined ${manifest.shards} shards, ${frames} frames in ${seconds.toFixed(1)}s → ${basename(this.out)}/${basename(final)}`,
      );
      results.push({scene, frames, seconds, path: final});
    }
    return results;
  }

  /** Stops every output, browser and the server. Every caller waits for the same clean-up. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.outputs].map(o => o.abort().catch(() => {})));
      await Promise.all([...this.temps].map(t => rm(t, {recursive: true, force: true})));
      const launched = await Promise.allSettled(this.launching);
      await Promise.all(launched.map(l => (l.status === 'fulfilled' ? l.value.close() : undefined)));
      await this.server?.close().catch(() => {});
    })();
    return this.closing;
  }
}

/** Benchmarks only: Motion Canvas's stock FFmpeg exporter, which needs its Vite plugin and HMR. */
function stockExporter(): Plugin[] {
  const require = createRequire(import.meta.url);
  return [(require('@motion-canvas/ffmpeg') as {default: () => Plugin}).default()];
}

/** Node side of a render: Vite + headless Chromium + a sink per scene. Used by the CLI and the benchmarks. */
import {rmSync, writeFileSync} from 'node:fs';
import {access, constants, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type Browser, type Page} from 'playwright-core';
import type {Plugin} from 'vite';
import type {RenderJob, RenderOutcome, RenderStart, SceneInfo} from './protocol';
import {RENDER_PAGE, startServer, type RenderServer} from './server';
import type {Sink} from './sinks';
import {Progress} from './progress';
import {onPath} from './tools';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A failure to report as one line; `detail` is shown under --verbose. */
export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface HeadlessOptions {
  browserPath: string;
  project: string;
  verbose: boolean;
  /** Benchmarks only: extra Vite plugins and HMR. */
  extraPlugins?: Plugin[];
  hmr?: boolean;
}

export class Headless {
  private sink: Sink | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly server: RenderServer,
    private readonly browser: Browser,
    private readonly verbose: boolean,
  ) {}

  static async start(o: HeadlessOptions): Promise<Headless> {
    const server = await startServer(o.project, o.extraPlugins, o.hmr);
    let browser: Browser;
    const pinned = pinnedToOneCpu(o.browserPath);
    try {
      browser = await chromium.launch({
        executablePath: pinned ?? o.browserPath,
        headless: true,
        // The marker lets tests (and people) find this run's browser with `ps`.
        args: [...CHROMIUM_ARGS, `--nnm-render=${process.pid}`],
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (e) {
      await server.close();
      throw new RenderError(`could not start the browser at ${o.browserPath}`, (e as Error).message);
    } finally {
      if (pinned) rmSync(pinned, {force: true});
    }
    return new Headless(server, browser, o.verbose);
  }

  /** Opens a fresh render page and waits until the project has loaded. */
  private async openPage(): Promise<Page> {
    const page = await this.browser.newPage();
    const bootError = new Promise<never>((_, fail) =>
      page.on('pageerror', e => fail(new RenderError(`the project failed to load: ${e.message}`, e.stack))),
    );
    if (this.verbose) page.on('console', m => process.stderr.write(`[browser] ${m.text()}\n`));
    await page.goto(this.server.url + RENDER_PAGE);
    await Promise.race([page.waitForFunction(() => window.nnm?.ready === true, null, {timeout: 120_000}), bootError]);
    bootError.catch(() => {});
    return page;
  }

  async list(fps: number): Promise<SceneInfo[]> {
    const page = await this.openPage();
    try {
      return await page.evaluate(f => window.nnm!.list(f), fps);
    } finally {
      await page.close();
    }
  }

  /**
   * Renders one job. `makeSink` is called when the page has chosen its encoder;
   * the sink is finished on success and aborted on any failure.
   */
  async render(job: RenderJob, makeSink: (start: RenderStart) => Sink, progress: Progress): Promise<number> {
    const page = await this.openPage();
    let exited = () => {};
    const crashed = new Promise<never>((_, fail) => {
      page.on('crash', () => fail(new RenderError(`the browser crashed while rendering "${job.scene}"`)));
      exited = () => fail(new RenderError(`the browser exited while rendering "${job.scene}"`));
      this.browser.on('disconnected', exited);
    });
    crashed.catch(() => {});
    await page.exposeFunction('nnmStart', async (start: RenderStart) => {
      this.sink = makeSink(start);
      progress.begin(start.totalFrames);
    });
    this.server.setHandler(async packet => {
      if (!this.sink) throw new Error('data arrived before the render started');
      await this.sink.accept(packet);
      progress.update(this.sink.frames);
    });
    try {
      const outcome = await Promise.race([page.evaluate(j => window.nnm!.render(j), job) as Promise<RenderOutcome>, crashed]);
      if (!outcome.ok) {
        const {message, frame, stack} = outcome.failure;
        const at = frame === null ? '' : ` at frame ${frame}`;
        throw new RenderError(`scene "${job.scene}" failed${at}: ${message}`, stack);
      }
      if (!this.sink) throw new RenderError(`scene "${job.scene}" rendered no frames`);
      await this.sink.finish();
      const frames = this.sink.frames;
      progress.update(frames, true);
      return frames;
    } catch (e) {
      await this.sink?.abort();
      throw e;
    } finally {
      this.browser.off('disconnected', exited);
      this.sink = null;
      this.server.setHandler(null);
      if (!page.isClosed()) await page.close().catch(() => {});
    }
  }

  /** Stops the current sink, the browser and the server. Every caller waits for the same clean-up. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.sink?.abort().catch(() => {});
      await this.browser.close().catch(() => {});
      await this.server.close().catch(() => {});
    })();
    return this.closing;
  }
}

/**
 * Chromium's H.264 encoder splits work across as many threads as it sees CPUs and balances
 * them by timing, so its output differs from run to run. Pinned to one CPU it encodes the same
 * bytes every time. That costs speed (measured at 1080p60: 43 against 55 fps), so NNM_UNPINNED=1
 * trades reproducibility back for it. Returns a launcher script, or null without `taskset`.
 */
function pinnedToOneCpu(browserPath: string): string | null {
  const taskset = process.env.NNM_UNPINNED ? null : onPath('taskset');
  if (!taskset) return null;
  const script = join(tmpdir(), `nnm-chromium-${process.pid}-${Date.now()}.sh`);
  writeFileSync(script, `#!/bin/sh\nexec ${taskset} -c 0 ${JSON.stringify(browserPath)} "$@"\n`, {mode: 0o755});
  return script;
}

export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, {recursive: true});
    await access(dir, constants.W_OK);
  } catch {
    throw new RenderError(`output directory "${dir}" is not writable`);
  }
}

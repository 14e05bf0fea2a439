/**
 * The render cache. A video is rendered again only when something that can change its bytes
 * changed: the key hashes the scene's module graph (every file its imports reach), its `.meta`,
 * narration and voice files, the project file, the whole render pipeline, the package versions,
 * the browser, ffmpeg and espeak-ng versions, and every option except those that only change speed
 * or logging. The key sits beside the output in a hidden sidecar, written after a successful render,
 * together with the output's own hash, so a replaced or damaged output is never taken as current.
 */
import {createHash} from 'node:crypto';
import {spawnSync} from 'node:child_process';
import {createReadStream, existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {readFile, rename, rm, writeFile} from 'node:fs/promises';
import {basename, dirname, join, relative, resolve} from 'node:path';
import {build, type Plugin} from 'esbuild';
import type {RenderOptions} from './args';
import type {Run} from './run';
import {onPath} from './tools';

export const CACHE_FORMAT = 'nn-motion-cache/1';

/** Options that change how fast or where a render runs, never its bytes; every other option is in the key. */
const NOT_OUTPUT = new Set<string>([
  'scenes',
  'out',
  'workers',
  'frameTimeout',
  'startTimeout',
  'list',
  'help',
  'verbose',
  'force',
  'project',
  'lectureList',
]);

/** Files written beside a video that belong to it (the subtitles): they must still be there, unchanged. */
const COMPANIONS = ['srt', 'vtt'];

/** Environment variables that change the bytes of a render. */
const OUTPUT_ENV = ['NNM_UNPINNED'];

/** Whether a render can be cached: a whole-file video (any range), not stills, sequences, shards or slides. */
export function cacheable(o: RenderOptions): boolean {
  return (
    !o.list &&
    !o.still &&
    !o.sheet &&
    !o.shard &&
    !o.join &&
    !o.slides &&
    o.format !== 'png' &&
    (o.encoder === 'auto' || o.encoder === 'webcodecs' || o.encoder === 'x264')
  );
}

export interface KeyInput {
  /** The project root: file names in the key are relative to it. */
  root: string;
  /** Modules whose whole import graph counts (the scene file, its narration). */
  entries: string[];
  /** Further files, hashed as they are: label → path (a missing file counts as absent). */
  files: Record<string, string>;
  /** Folders whose files all count (a scene's recorded voices). */
  dirs: string[];
  /** Data that decides the output and is not a file (a title card's titles). */
  extra?: unknown;
  options: RenderOptions;
  /** Tool versions, from `toolVersions`. */
  tools: Record<string, string | null>;
}

export interface CacheKey {
  key: string;
  /** Each input's own hash, to say what changed. */
  inputs: Record<string, string>;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function fileSha(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const CODE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * Every local file `entry` reaches through its imports, found by esbuild's resolver (the same
 * rules Vite follows: index files, extensions). Packages stay outside (their versions count
 * instead); an import with a query (`./x.meta?meta`) or of an asset counts as the file itself.
 */
export async function moduleGraph(entry: string, root: string): Promise<string[]> {
  const extra = new Set<string>();
  const outside: Plugin = {
    name: 'nnm-graph',
    setup(b) {
      b.onResolve({filter: /^virtual:|\?/}, args => {
        const [path] = args.path.split('?');
        if (path.startsWith('.')) extra.add(resolve(args.resolveDir, path));
        return {external: true};
      });
      // An asset (an image, a sound) is a file as named, with an extension esbuild cannot read.
      b.onResolve({filter: /^\./}, args => {
        const file = resolve(args.resolveDir, args.path);
        if (CODE.test(file) || !existsSync(file) || !statSync(file).isFile()) return undefined;
        extra.add(file);
        return {external: true};
      });
    },
  };
  const r = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'esm',
    logLevel: 'silent',
    plugins: [outside],
  });
  return [...Object.keys(r.metafile.inputs).map(f => resolve(root, f)), ...extra].filter(
    f => !f.includes('node_modules'),
  );
}

function* filesUnder(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

function firstLine(command: string, args: string[]): string | null {
  const r = spawnSync(command, args, {encoding: 'utf8', timeout: 10_000});
  return r.status === 0 ? (r.stdout.trim().split('\n')[0] ?? '') : null;
}

/** The versions of the programs that make the bytes: the browser, ffmpeg, and espeak-ng when installed. */
export function toolVersions(browser: string | null, ffmpeg: string | null): Record<string, string | null> {
  const espeak = onPath('espeak-ng');
  return {
    browser: browser ? firstLine(browser, ['--version']) : null,
    ffmpeg: ffmpeg ? firstLine(ffmpeg, ['-version']) : null,
    espeak: espeak ? firstLine(espeak, ['--version']) : null,
  };
}

/** Installed versions of the project's dependencies (node_modules may differ from the lock file). */
function packageVersions(root: string): Record<string, string | null> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  const names = [manifest.dependencies, manifest.devDependencies, manifest.optionalDependencies]
    .flatMap(d => Object.keys(d ?? {}))
    .sort();
  const versions: Record<string, string | null> = {};
  for (const name of names) {
    try {
      versions[name] = (
        JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {version: string}
      ).version;
    } catch {
      versions[name] = null;
    }
  }
  return versions;
}

const pipelines = new Map<string, Promise<Record<string, string>>>();

/** The render pipeline, shared by every key: src/render, what the CLI and the render page import, the build set-up. */
function pipelineFiles(root: string): Promise<Record<string, string>> {
  let files = pipelines.get(root);
  if (!files) {
    files = (async () => {
      const all = new Set<string>([
        ...filesUnder(join(root, 'src/render')),
        ...(await moduleGraph(join(root, 'src/render/cli.ts'), root)),
        ...(await moduleGraph(join(root, 'src/render/page.ts'), root)),
        ...['package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'].map(f => join(root, f)),
      ]);
      return Object.fromEntries([...all].map(f => [relative(root, f), f]));
    })();
    pipelines.set(root, files);
  }
  return files;
}

/** The settings part of the key: every option that can change the output. */
export function outputSettings(o: RenderOptions): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !NOT_OUTPUT.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** The key of one output. Throws when a module cannot be parsed; callers then render without the cache. */
export async function computeKey(input: KeyInput): Promise<CacheKey> {
  const {root} = input;
  const files: Record<string, string> = {...(await pipelineFiles(root))};
  for (const entry of input.entries) for (const f of await moduleGraph(entry, root)) files[relative(root, f)] = f;
  for (const dir of input.dirs) for (const f of filesUnder(dir)) files[relative(root, f)] = f;
  Object.assign(files, input.files);
  const inputs: Record<string, string> = {};
  for (const label of Object.keys(files).sort())
    inputs[label] = existsSync(files[label]) ? await fileSha(files[label]) : 'absent';
  inputs['(packages)'] = sha(JSON.stringify(packageVersions(root)));
  inputs['(tools)'] = sha(JSON.stringify(input.tools));
  inputs['(settings)'] = sha(JSON.stringify(outputSettings(input.options)));
  inputs['(environment)'] = sha(JSON.stringify(OUTPUT_ENV.map(k => process.env[k] ?? null)));
  if (input.extra !== undefined) inputs['(data)'] = sha(JSON.stringify(input.extra));
  return {key: sha(JSON.stringify([CACHE_FORMAT, inputs])), inputs};
}

/** The inputs of scene `id` of a project: its graph, `.meta`, narration and voices, and the project file. */
export function sceneInput(
  root: string,
  projectFile: string,
  sceneFile: string,
  id: string,
  o: RenderOptions,
  tools: Record<string, string | null>,
): KeyInput {
  const dir = dirname(sceneFile);
  const narration = ['.narration.ts', '.narration.tsx'].map(e => join(dir, id + e));
  const project = resolve(root, projectFile);
  return {
    root,
    entries: [sceneFile, ...narration.filter(existsSync)],
    files: Object.fromEntries(
      [join(dir, `${id}.meta`), ...narration, project, project.replace(/\.[jt]sx?$/, '.meta')].map(f => [
        relative(root, f),
        f,
      ]),
    ),
    dirs: [join(dir, `${id}.voice`)],
    options: o,
    tools,
  };
}

interface Sidecar {
  format: string;
  key: string;
  inputs: Record<string, string>;
  output: {bytes: number; sha256: string};
  companions: Record<string, string>;
}

export const sidecarPath = (output: string) => join(dirname(output), `.${basename(output)}.key`);

const companionsOf = (output: string) =>
  COMPANIONS.map(ext => output.replace(/\.[^.]+$/, `.${ext}`)).filter(existsSync);

export interface Freshness {
  fresh: boolean;
  /** Why not, in a few words: the inputs that changed, or what happened to the output. */
  reason: string;
}

/** Whether `output` was rendered from exactly `key`, and is still the file that render wrote. */
export async function checkFresh(output: string, key: CacheKey): Promise<Freshness> {
  let side: Sidecar;
  try {
    side = JSON.parse(await readFile(sidecarPath(output), 'utf8')) as Sidecar;
    if (side.format !== CACHE_FORMAT) throw new Error('old format');
  } catch {
    return {fresh: false, reason: 'no cache record'};
  }
  if (side.key !== key.key) {
    const names = new Set([...Object.keys(side.inputs), ...Object.keys(key.inputs)]);
    const changed = [...names].filter(n => side.inputs[n] !== key.inputs[n]).sort();
    const shown = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
    return {fresh: false, reason: `changed: ${shown || 'the cache format'}`};
  }
  if (
    !existsSync(output) ||
    statSync(output).size !== side.output.bytes ||
    (await fileSha(output)) !== side.output.sha256
  ) {
    return {fresh: false, reason: 'the output file is missing or was replaced'};
  }
  const now = companionsOf(output)
    .map(f => basename(f))
    .sort();
  if (JSON.stringify(now) !== JSON.stringify(Object.keys(side.companions).sort()))
    return {fresh: false, reason: 'its subtitle files changed'};
  for (const name of now) {
    if ((await fileSha(join(dirname(output), name))) !== side.companions[name])
      return {fresh: false, reason: `${name} was edited`};
  }
  return {fresh: true, reason: 'up to date'};
}

export interface CachedRender {
  /** The options of this run: its project, output folder and format decide the file names. */
  o: RenderOptions;
  scenes: string[];
  inputOf(scene: string): KeyInput;
  /** A started run for `o`; only asked for when something is stale. */
  open(o: RenderOptions): Promise<Run>;
  log(line: string): void;
}

/**
 * Renders the scenes whose output is not up to date (all of them with --force) and records each
 * key as its output completes. The keys are taken before rendering, so an edit made while a
 * render runs leaves that output stale.
 */
export async function renderCached(job: CachedRender): Promise<void> {
  const out = resolve(job.o.out);
  const keys = new Map<string, CacheKey>();
  const stale: string[] = [];
  for (const scene of job.scenes) {
    let key: CacheKey | null = null;
    try {
      key = await computeKey(job.inputOf(scene));
    } catch (e) {
      // A module esbuild cannot read: render without the cache, and let the render report it.
      job.log(`${scene}: not cached (${(e as Error).message.split('\n')[0]})`);
    }
    if (key) keys.set(scene, key);
    if (key && !job.o.force) {
      const f = await checkFresh(join(out, `${scene}.${job.o.format}`), key);
      if (f.fresh) {
        job.log(`${scene}: up to date`);
        continue;
      }
      if (f.reason !== 'no cache record') job.log(`${scene}: rendering again (${f.reason})`);
    }
    stale.push(scene);
  }
  if (stale.length === 0) return;
  const run = await job.open(job.o);
  run.onDone = async r => {
    const key = keys.get(r.scene);
    if (key) await recordRender(r.path, key);
  };
  await run.render(stale);
}

/** Records that `output` (and the subtitles beside it) was just rendered from `key`: written atomically. */
export async function recordRender(output: string, key: CacheKey): Promise<void> {
  const companions: Record<string, string> = {};
  for (const file of companionsOf(output)) companions[basename(file)] = await fileSha(file);
  const side: Sidecar = {
    format: CACHE_FORMAT,
    key: key.key,
    inputs: key.inputs,
    output: {bytes: statSync(output).size, sha256: await fileSha(output)},
    companions,
  };
  const path = sidecarPath(output);
  const tmp = `${path}.${process.pid}.partial`;
  try {
    await writeFile(tmp, JSON.stringify(side, null, 1) + '\n');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, {force: true});
    throw e;
  }
}

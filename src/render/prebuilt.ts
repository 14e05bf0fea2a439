/**
 * The render page, built once with `vite build` and kept in node_modules/.cache/nnm-render, so a
 * render starts by serving static files instead of transforming modules on the fly. A build is
 * reused while every source file it was made from (its module graph, outside node_modules) has the
 * same bytes and the lock file, Vite config and build settings are unchanged.
 */
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {basename, join, parse, relative, resolve, sep} from 'node:path';
import type {Plugin} from 'vite';
import {LAZY_SCENE} from './protocol';

export const CACHE_DIR = 'node_modules/.cache/nnm-render';
/** Bump when the build settings below change. */
const BUILD_FORMAT = 'nnm-render-build/2';

/** What else a build depends on: `slot` picks its cache slot (the voice), `key` must match to reuse it (the clips). */
export interface BuildVariant {
  slot: string;
  key: string;
}

interface Inputs {
  format: string;
  key: string;
  /** Source file (relative to the root) → sha256 of its bytes. */
  files: Record<string, string>;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** What picks the cache slot: the project, the lock file, the Vite config, and the build settings. */
function slotKey(root: string, projectFile: string, plugins: Plugin[], variant: BuildVariant): string {
  const parts = [BUILD_FORMAT, relative(root, resolve(root, projectFile)), variant.slot, ...plugins.map(p => p.name)];
  for (const file of ['package-lock.json', 'vite.config.ts']) {
    const path = join(root, file);
    parts.push(existsSync(path) ? sha(readFileSync(path)) : '-');
  }
  return sha(parts.join('\0')).slice(0, 16);
}

/** Whether every recorded input of the build in `dir` still has its bytes. */
async function fresh(root: string, dir: string, key: string): Promise<boolean> {
  let inputs: Inputs;
  try {
    inputs = JSON.parse(await readFile(join(dir, 'inputs.json'), 'utf8')) as Inputs;
  } catch {
    return false;
  }
  if (inputs.format !== BUILD_FORMAT || inputs.key !== key || !existsSync(join(dir, 'page'))) return false;
  for (const [file, hash] of Object.entries(inputs.files)) {
    try {
      if (sha(await readFile(join(root, file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The build a slot's `current` file names, if any. */
async function current(slot: string): Promise<string | null> {
  try {
    const name = (await readFile(join(slot, 'current'), 'utf8')).trim();
    return /^[\w.-]+$/.test(name) ? join(slot, name) : null;
  } catch {
    return null;
  }
}

/** Builds that are no longer current go once they are old enough that no render can still be serving them. */
async function prune(slot: string, keep: string): Promise<void> {
  for (const name of readdirSync(slot)) {
    const path = join(slot, name);
    if (name === 'current' || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 3_600_000) await rm(path, {recursive: true, force: true});
    } catch {}
  }
}

/** Records every module of the bundle that lives outside node_modules (queries and virtual ids dropped). */
function recordInputs(root: string, files: Record<string, string>): Plugin {
  return {
    name: 'nn-motion:record-inputs',
    generateBundle() {
      for (const id of this.getModuleIds()) {
        if (id.startsWith('\0')) continue;
        const path = id.split('?')[0];
        if (!path.startsWith(root + sep) || path.includes(`${sep}node_modules${sep}`) || !existsSync(path)) continue;
        files[relative(root, path)] = sha(readFileSync(path));
      }
    },
  };
}

/**
 * In the built page the project's scenes load on demand: each `import x from './x?scene'` of the
 * project file becomes `{name, nnmLoad}`, and the scene's module (and the model it computes at
 * import) is a chunk of its own that the page fetches only for a scene it renders.
 */
function lazyScenes(root: string, projectFile: string): Plugin {
  const project = resolve(root, projectFile);
  const prefix = '\0nnm-lazy-scene:';
  return {
    name: 'nn-motion:lazy-scenes',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (importer?.split('?')[0] !== project || !/[?&]scene\b/.test(source)) return null;
      const real = await this.resolve(source, importer, {skipSelf: true});
      return real ? prefix + real.id : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const real = id.slice(prefix.length);
      const name = parse(real.split('?')[0]).name;
      return `export default {name: ${JSON.stringify(name)}, ${LAZY_SCENE}: () => import(${JSON.stringify(real)})};`;
    },
  };
}

/**
 * The folder of a built render page for `projectFile`, building it when the cache has none that fits.
 * `plugins` are the render server's own (the project bridge and any extras); `page` is the HTML entry;
 * `variant` what the build depends on beyond its sources.
 */
export async function prebuiltPage(
  root: string,
  projectFile: string,
  page: string,
  plugins: Plugin[],
  variant: BuildVariant,
): Promise<string> {
  const slot = join(root, CACHE_DIR, slotKey(root, projectFile, plugins, variant));
  const found = await current(slot);
  if (found && (await fresh(root, found, variant.key))) return join(found, 'page');
  // Each build gets its own folder, never changed after; `current` is switched by a rename, so a
  // render serving an older build keeps its files.
  const dir = join(slot, `${Date.now().toString(36)}-${process.pid}`);
  const files: Record<string, string> = {};
  await mkdir(dir, {recursive: true});
  try {
    const {build} = await import('vite');
    const entry = resolve(root, page.replace(/^\//, ''));
    await build({
      root,
      configFile: resolve(root, 'vite.config.ts'),
      logLevel: 'silent',
      clearScreen: false,
      mode: 'development',
      plugins: [
        ...plugins,
        lazyScenes(root, projectFile),
        recordInputs(root, files),
        // Motion Canvas's plugin makes its projects the inputs; the render page is ours.
        {name: 'nn-motion:render-input', enforce: 'post', options: o => ({...o, input: {render: entry}})},
      ],
      build: {
        outDir: join(dir, 'page'),
        emptyOutDir: true,
        minify: false,
        sourcemap: false,
        reportCompressedSize: false,
        copyPublicDir: false,
        target: 'esnext',
      },
    });
    await writeFile(
      join(dir, 'inputs.json'),
      JSON.stringify({format: BUILD_FORMAT, key: variant.key, files} satisfies Inputs),
    );
    const pointer = join(slot, `current.${process.pid}.tmp`);
    await writeFile(pointer, basename(dir));
    await rename(pointer, join(slot, 'current'));
  } catch (e) {
    await rm(dir, {recursive: true, force: true});
    throw e;
  }
  await prune(slot, dir);
  return join(dir, 'page');
}

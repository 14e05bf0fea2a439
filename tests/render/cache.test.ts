import {appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseArgs} from '../../src/render/args';
import {
  cacheable,
  checkFresh,
  computeKey,
  moduleGraph,
  recordRender,
  sceneInput,
  sidecarPath,
} from '../../src/render/cache';
import {scenePaths} from '../../src/render/sceneIds';
import {ROOT} from '../helpers/media';

/**
 * The key is computed on a copy of the project (src/, the build files, and each dependency's
 * package.json), so every case edits a real file and nothing here touches the checkout.
 */
const copy = mkdtempSync(join(tmpdir(), 'nnm-cache-'));
const TOOLS = {browser: 'Chromium 1.0', ffmpeg: 'ffmpeg version 5.1', espeak: null};

function copyProject(to: string) {
  cpSync(join(ROOT, 'src'), join(to, 'src'), {recursive: true});
  for (const f of ['package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'])
    copyFileSync(join(ROOT, f), join(to, f));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  const names = [manifest.dependencies, manifest.devDependencies, manifest.optionalDependencies].flatMap(d =>
    Object.keys(d ?? {}),
  );
  // Fresh files, not links: the cases edit them. The tsconfig chain esbuild follows comes too.
  for (const name of [
    ...names,
    '@motion-canvas/2d/tsconfig.project.json',
    '@motion-canvas/core/tsconfig.project.json',
  ]) {
    const file = name.endsWith('.json') ? name : `${name}/package.json`;
    mkdirSync(dirname(join(to, 'node_modules', file)), {recursive: true});
    try {
      writeFileSync(join(to, 'node_modules', file), readFileSync(join(ROOT, 'node_modules', file)));
    } catch {
      // an optional dependency that did not install
    }
  }
}

const edit = (file: string, text = '\n// edited\n') => appendFileSync(join(copy, file), text);

async function keyOf(
  scene: string,
  argv: string[] = ['-q', 'l'],
  tools: Record<string, string | null> = TOOLS,
  root = copy,
) {
  const project = 'src/project.ts';
  const file = scenePaths(join(root, project)).get(scene)!;
  return computeKey(sceneInput(root, project, file, scene, parseArgs([scene, ...argv]), tools));
}

describe('the render cache key', () => {
  let base: string;
  beforeAll(async () => {
    copyProject(copy);
    base = (await keyOf('xor-line')).key;
  }, 30_000);

  /** Applies `change` to the copy and returns xor-line's key after it (each case builds on the last). */
  async function after(change: () => void): Promise<string> {
    const before = (await keyOf('xor-line')).key;
    change();
    const now = (await keyOf('xor-line')).key;
    return now === before ? 'unchanged' : 'changed';
  }

  it('is the same for the same inputs, and the same on a second copy of the project', async () => {
    expect((await keyOf('xor-line')).key).toBe(base);
    const twin = mkdtempSync(join(tmpdir(), 'nnm-cache-twin-'));
    copyProject(twin);
    expect((await keyOf('xor-line', ['-q', 'l'], TOOLS, twin)).key).toBe(base);
  });

  it("walks the scene's imports: its model, the components it imports and the engine files they reach", async () => {
    const graph = (await moduleGraph(join(copy, 'src/scenes/xor-line.tsx'), copy)).map(f => f.slice(copy.length + 1));
    expect(graph).toEqual(
      expect.arrayContaining([
        'src/scenes/xor-line.model.ts',
        'src/components/NetworkDiagram.tsx',
        'src/nn/perceptron.ts',
        'src/fonts.ts',
      ]),
    );
    expect(graph).not.toContain('src/scenes/loss-bowl.tsx');
  });

  it('counts an imported asset, and a file imported with a query, as the files themselves', async () => {
    writeFileSync(join(copy, 'src/scenes/probe.png'), 'png');
    writeFileSync(join(copy, 'src/scenes/probe.txt'), 'text');
    writeFileSync(
      join(copy, 'src/scenes/probe.tsx'),
      "import a from './probe.png';\nimport b from './probe.txt?raw';\nimport './xor-line.model';\nexport default [a, b];\n",
    );
    const graph = (await moduleGraph(join(copy, 'src/scenes/probe.tsx'), copy)).map(f => f.slice(copy.length + 1));
    expect(graph).toEqual(
      expect.arrayContaining([
        'src/scenes/probe.png',
        'src/scenes/probe.txt',
        'src/scenes/xor-line.model.ts',
        'src/nn/perceptron.ts',
      ]),
    );
  });

  it.each([
    ['a component the scene imports', 'src/components/NetworkDiagram.tsx'],
    ['an engine file the scene reaches', 'src/nn/perceptron.ts'],
    ["the scene's model", 'src/scenes/xor-line.model.ts'],
    ["the scene's .meta (its seed, time events)", 'src/scenes/xor-line.meta'],
    ['the fonts', 'src/fonts.ts'],
    ['the theme', 'src/components/theme.ts'],
    ['the render pipeline', 'src/render/sinks.ts'],
    ['the render page', 'src/render/page.ts'],
    ['the project file', 'src/project.ts'],
    ['the lock file', 'package-lock.json'],
    ['the Vite config', 'vite.config.ts'],
  ])('editing %s invalidates it', async (_, file) => {
    expect(await after(() => edit(file))).toBe('changed');
  });

  it('a narration file appearing, and then each edit of a line, invalidates it', async () => {
    const narration = 'src/scenes/xor-line.narration.ts';
    const lines = (zh: string) => `export default [{key: 'intro', zh: '${zh}', en: 'Four points'}];\n`;
    expect(await after(() => writeFileSync(join(copy, narration), lines('四个点')))).toBe('changed');
    expect(await after(() => writeFileSync(join(copy, narration), lines('四个点。')))).toBe('changed');
  });

  it('a recorded voice dropped in, or replaced, invalidates it', async () => {
    const voice = join(copy, 'src/scenes/xor-line.voice');
    mkdirSync(voice, {recursive: true});
    expect(await after(() => writeFileSync(join(voice, 'intro.wav'), 'RIFF one take'))).toBe('changed');
    expect(await after(() => writeFileSync(join(voice, 'intro.wav'), 'RIFF another take'))).toBe('changed');
  });

  it('a font package of another version invalidates it', async () => {
    const pkg = join(copy, 'node_modules/@fontsource/noto-sans-sc/package.json');
    const bumped = readFileSync(pkg, 'utf8').replace(/"version":\s*"([^"]+)"/, '"version": "$1-next"');
    expect(await after(() => writeFileSync(pkg, bumped))).toBe('changed');
  });

  it.each([
    ['-q m', ['-q', 'm']],
    ['--fps 10', ['-q', 'l', '--fps', '10']],
    ['--size', ['-q', 'l', '--size', '640x360']],
    ['--range', ['-q', 'l', '--range', '0:2']],
    ['--encoder x264', ['-q', 'l', '--encoder', 'x264']],
    ['--format webm', ['-q', 'l', '--format', 'webm']],
  ])('the flag %s gives another key', async (_, argv) => {
    expect((await keyOf('xor-line', argv)).key).not.toBe((await keyOf('xor-line')).key);
  });

  it('an option added later (say --subs) counts without anyone listing it; speed and logging options do not', async () => {
    const o = parseArgs(['xor-line', '-q', 'l']);
    const file = scenePaths(join(copy, 'src/project.ts')).get('xor-line')!;
    const key = (extra: object) =>
      computeKey(sceneInput(copy, 'src/project.ts', file, 'xor-line', {...o, ...extra}, TOOLS)).then(k => k.key);
    const plain = await key({});
    expect(await key({subs: 'en'})).not.toBe(plain);
    expect(await key({workers: 1, verbose: true, frameTimeout: 5, out: '/elsewhere', force: true})).toBe(plain);
  });

  it('another browser, ffmpeg or espeak-ng version invalidates it', async () => {
    const now = (await keyOf('xor-line')).key;
    for (const tools of [
      {...TOOLS, browser: 'Chromium 2.0'},
      {...TOOLS, ffmpeg: 'ffmpeg version 6'},
      {...TOOLS, espeak: 'eSpeak NG 1.52'},
    ]) {
      expect((await keyOf('xor-line', ['-q', 'l'], tools)).key).not.toBe(now);
    }
  });

  it('touching an unrelated scene, or an engine file the scene never reaches, does not', async () => {
    expect(await after(() => edit('src/scenes/loss-bowl.tsx'))).toBe('unchanged');
    expect(await after(() => edit('src/scenes/loss-bowl.narration.ts', 'export default [];\n'))).toBe('unchanged');
    expect(await after(() => edit('src/math/dual.ts'))).toBe('unchanged');
    expect(await after(() => edit('README.md', 'notes'))).toBe('unchanged');
  });

  it('only whole-file videos are cached', () => {
    expect(cacheable(parseArgs(['x']))).toBe(true);
    expect(cacheable(parseArgs(['x', '--range', '1:2']))).toBe(true);
    for (const argv of [
      ['--still', '1'],
      ['--sheet', '4'],
      ['--shard', '0/2'],
      ['--join'],
      ['--slides'],
      ['--format', 'png'],
      ['--list'],
    ]) {
      expect(cacheable(parseArgs(['x', ...argv])), argv.join(' ')).toBe(false);
    }
  });
});

describe('the cache record beside the output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnm-cache-out-'));
  const output = join(dir, 'scene.mp4');
  const key = {key: 'k1', inputs: {'src/a.ts': 'h1'}};

  it('is fresh only for the same key and the very file that render wrote, subtitles included', async () => {
    writeFileSync(output, 'video bytes');
    writeFileSync(join(dir, 'scene.srt'), '1\n00:00:00,000 --> 00:00:01,000\n你好\n');
    expect((await checkFresh(output, key)).reason).toBe('no cache record');
    await recordRender(output, key);
    expect(JSON.parse(readFileSync(sidecarPath(output), 'utf8')).key).toBe('k1');
    expect(await checkFresh(output, key)).toEqual({fresh: true, reason: 'up to date'});

    expect((await checkFresh(output, {key: 'k2', inputs: {'src/a.ts': 'h2'}})).reason).toBe('changed: src/a.ts');
    writeFileSync(output, 'video byteZ');
    expect((await checkFresh(output, key)).reason).toMatch(/missing or was replaced/);
    writeFileSync(output, 'video bytes');
    expect((await checkFresh(output, key)).fresh).toBe(true);
    writeFileSync(join(dir, 'scene.srt'), '1\n00:00:00,000 --> 00:00:01,000\n再见\n');
    expect((await checkFresh(output, key)).reason).toBe('scene.srt was edited');
  });
});

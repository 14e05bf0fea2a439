import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {allowedCpus, browserTree, cpusOf} from '../../src/render/affinity';
import {marker} from '../../src/render/browser';
import {framemd5, messageLines, probe, processesMatching, runCli} from '../helpers/media';

const outDir = (tag: string) => mkdtempSync(join(tmpdir(), `nnm-par-${tag}-`));
const SCENE = 'tangent-slope';
// 6 s at 15 fps: 90 frames in three 2-second segments.
const BASE = [SCENE, '-q', 'l'];

function leftovers(pid: number): string[] {
  return [...processesMatching(`--nnm-render=${pid}`), ...processesMatching(`.${pid}.partial`)];
}

async function render(args: string[], out: string) {
  const r = await runCli([...args, '--out', out]);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return join(out, `${SCENE}.mp4`);
}

describe('segment-exact parallel rendering', () => {
  let single: string;
  let singleBytes: Buffer;

  beforeAll(async () => {
    single = await render([...BASE, '--workers', '1'], outDir('w1'));
    singleBytes = readFileSync(single);
  });

  it.each([2, 3])('--workers %i writes the same MP4, byte for byte, as --workers 1', async workers => {
    const mp4 = await render([...BASE, '--workers', String(workers)], outDir(`w${workers}`));
    expect(readFileSync(mp4).equals(singleBytes)).toBe(true);
    expect(framemd5(mp4)).toBe(framemd5(single));
  });

  it('three --shard K/3 processes, joined, equal the single-process render byte for byte', async () => {
    const out = outDir('shards');
    // Separate processes, each with its own server and browser, as on a cluster.
    const runs = await Promise.all(
      [0, 1, 2].map(k => runCli([...BASE, '--shard', `${k}/3`, '--start-timeout', '180', '--out', out])),
    );
    for (const r of runs) expect(r.code).toBe(0);
    const joined = await runCli([SCENE, '--join', '--out', out]);
    expect(joined.code).toBe(0);
    expect(readFileSync(join(out, `${SCENE}.mp4`)).equals(singleBytes)).toBe(true);
  });

  it('a range that does not fall on segment boundaries has exactly its frames, whoever renders it', async () => {
    // 0.5 s … 2.7 s at 15 fps: frames 8 … 40, 33 frames across two segments.
    const a = await render([...BASE, '--range', '0.5:2.7', '--workers', '1'], outDir('r1'));
    const b = await render([...BASE, '--range', '0.5:2.7', '--workers', '2'], outDir('r2'));
    expect(Number(probe(a).nb_frames)).toBe(33);
    expect(Number(probe(a).duration)).toBeCloseTo(33 / 15, 3);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it.each([15, 30, 60])('at %i fps the MP4 holds as many frames as --list says', async fps => {
    const list = await runCli(['--list', '--fps', String(fps)]);
    const listed = Number(new RegExp(`${SCENE}\\s+\\S+s\\s+(\\d+) frames`).exec(list.stdout)?.[1]);
    expect(listed).toBe(6 * fps);
    const mp4 = await render([SCENE, '--fps', String(fps), '--size', '320x180'], outDir(`fps${fps}`));
    expect(Number(probe(mp4).nb_frames)).toBe(listed);
  });

  it('SIGTERM during a two-worker render stops every browser and leaves no file', async () => {
    const out = outDir('term');
    let signalled = false;
    const r = await runCli([SCENE, '-q', 'h', '--workers', '2', '--out', out], {
      onStderr: (text, pid) => {
        if (!signalled && /tangent-slope: [1-9]\d*\/\d+ frames/.test(text)) {
          signalled = true;
          process.kill(pid, 'SIGTERM');
        }
      },
    });
    expect(signalled).toBe(true);
    expect(r.code).toBe(130);
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(r.pid)).toEqual([]);
  });
});

describe('where the browser runs', () => {
  it.runIf(allowedCpus().length > 1)(
    'a renderer starts on one CPU (so its encoder counts one) and then runs on every CPU; the zygotes stay on one',
    async () => {
      let seen: {renderers: number[][]; zygotes: number[][]} | null = null;
      const r = await runCli([SCENE, '-q', 'h', '--workers', '1', '--out', outDir('cpus')], {
        onStderr: (text, pid) => {
          if (seen || !/tangent-slope: [1-9]\d*\/\d+ frames/.test(text)) return;
          const tree = browserTree(marker(pid));
          const kind = (type: string) => tree.filter(p => p.cmd.includes(`--type=${type} `)).map(p => cpusOf(p.pid)!);
          seen = {renderers: kind('renderer'), zygotes: kind('zygote')};
        },
      });
      expect(r.code).toBe(0);
      expect(seen!.renderers.length).toBeGreaterThan(0);
      for (const cpus of seen!.renderers) expect(cpus).toEqual(allowedCpus());
      expect(seen!.zygotes.length).toBeGreaterThan(0);
      for (const cpus of seen!.zygotes) expect(cpus).toHaveLength(1);
    },
  );
});

describe('a worker that crashes mid-render', () => {
  it('fails the render with one line naming the scene and frame, while the other worker renders; no file, no process', async () => {
    const out = outDir('crash');
    let killed: number | null = null;
    // 24 s at 1080p60, twelve segments: each worker has six (at least ~5 s of work on a fast machine)
    // when the first progress line comes, ~2 s in.
    const r = await runCli(['chain-rule-gears', '-q', 'h', '--range', '0:24', '--workers', '2', '--out', out], {
      onStderr: (text, pid) => {
        const done = Number([...text.matchAll(/chain-rule-gears: (\d+)\/\d+ frames/g)].pop()?.[1] ?? 0);
        if (killed !== null || done < 30) return;
        // Both workers are mid-block; kill the first worker's browser, not its children.
        const browsers = processesMatching(`--nnm-render=${pid}`).filter(l => !l.includes('--type='));
        expect(browsers).toHaveLength(2);
        killed = Number(browsers[0].split(/\s+/)[0]);
        process.kill(killed, 'SIGKILL');
      },
    });
    expect(killed).not.toBeNull();
    expect(r.code).toBe(1);
    expect(messageLines(r.stderr)).toEqual([
      expect.stringMatching(/^error: the browser (exited|crashed) while rendering "chain-rule-gears" at frame \d+$/),
    ]);
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(r.pid)).toEqual([]);
  });
});

describe('shard join refuses shards that do not belong together', () => {
  let shards: string;

  beforeAll(async () => {
    shards = outDir('join');
    for (const k of [0, 1, 2]) expect((await runCli([...BASE, '--shard', `${k}/3`, '--out', shards])).code).toBe(0);
  });

  /** A copy of the good shards to break one way. */
  function copy(): string {
    const dir = outDir('broken');
    for (const f of readdirSync(shards)) copyFileSync(join(shards, f), join(dir, f));
    return dir;
  }

  function editManifest(
    dir: string,
    k: number,
    edit: (m: Record<string, unknown> & {settings: Record<string, unknown>}) => void,
  ) {
    const file = join(dir, `${SCENE}.shard-${k}-of-3.json`);
    const m = JSON.parse(readFileSync(file, 'utf8'));
    edit(m);
    writeFileSync(file, JSON.stringify(m));
  }

  async function refused(dir: string, message: RegExp) {
    const r = await runCli([SCENE, '--join', '--out', dir]);
    expect(r.code).toBe(1);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir).filter(f => f.endsWith('.mp4') || f.includes('partial'))).toEqual([]);
  }

  it('a missing shard', async () => {
    const dir = copy();
    rmSync(join(dir, `${SCENE}.shard-2-of-3.json`));
    await refused(dir, /shard 2\/3 of "tangent-slope" is missing/);
  });

  it('a duplicated shard', async () => {
    const dir = copy();
    copyFileSync(join(dir, `${SCENE}.shard-1-of-3.json`), join(dir, `${SCENE}.shard-1-of-3-again.json`));
    await refused(dir, /shard 1\/3 of "tangent-slope" appears twice/);
  });

  it('a shard of another scene', async () => {
    const dir = copy();
    editManifest(dir, 1, m => (m.settings.scene = 'xor-line'));
    await refused(dir, /belongs to scene "xor-line"/);
  });

  it('a shard rendered with other settings', async () => {
    const dir = copy();
    editManifest(dir, 2, m => (m.settings.fps = 30));
    await refused(dir, /rendered with other settings/);
  });

  it('a shard rendered from other code', async () => {
    const dir = copy();
    editManifest(dir, 0, m => (m.code = 'not-this-code'));
    await refused(dir, /rendered from other code/);
  });

  it('a truncated shard', async () => {
    const dir = copy();
    const data = join(dir, `${SCENE}.shard-1-of-3.h264`);
    truncateSync(data, Math.floor(readFileSync(data).length / 2));
    await refused(dir, /shard 1\/3 of "tangent-slope" is truncated or corrupt/);
  });

  it('no shards at all', async () => {
    await refused(outDir('empty'), /no shards of "tangent-slope"/);
  });
});

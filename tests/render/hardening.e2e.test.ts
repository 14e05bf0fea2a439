import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FFMPEG, messageLines, processesMatching, runCli, runNpm, outputsIn} from '../helpers/media';

const outDir = (tag: string) => mkdtempSync(join(tmpdir(), `nnm-hard-${tag}-`));
const SCENE = 'tangent-slope';
const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

function leftovers(pid: number): string[] {
  return [...processesMatching(`--nnm-render=${pid}`), ...processesMatching(`.${pid}.partial`)];
}

/** The CLI's node process, found by the unique output folder on its command line. */
function cliPid(out: string): number | null {
  const line = processesMatching(out).find(l => l.includes('cli.ts'));
  return line ? Number(line.split(/\s+/)[0]) : null;
}

describe('times past the end of the scene are usage errors', () => {
  it.each([
    [
      ['--range', '9999:10000'],
      /--range 9999:10000 is past the end of "tangent-slope", which lasts 6\.00 s \(90 frames at 15 fps\)/,
    ],
    [['--still', '9999'], /--still 9999 is past the end of "tangent-slope", which lasts 6\.00 s/],
  ])('%j exits 2, says how long the scene is, and keeps the earlier file', async (flags, message) => {
    const out = outDir('past');
    writeFileSync(join(out, `${SCENE}.mp4`), 'an earlier render');
    const r = await runCli([SCENE, '-q', 'l', ...flags, '--out', out]);
    expect(r.code).toBe(2);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(outputsIn(out)).toEqual([`${SCENE}.mp4`]);
    expect(readFileSync(join(out, `${SCENE}.mp4`), 'utf8')).toBe('an earlier render');
  });
});

describe('a full disk never replaces a good file', () => {
  const mount = join(tmpdir(), `nnm-full-${process.pid}`);
  let mounted = false;

  beforeAll(() => {
    mkdirSync(mount, {recursive: true});
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', mount]).status === 0;
  });

  afterAll(() => {
    if (mounted) spawnSync('umount', [mount]);
  });

  it.each([
    ['an MP4', ['-q', 'l']],
    ['a still', ['--still', '1']],
  ])('%s: one line naming the cause, exit 1, the earlier output intact, no partial files', async (_, flags) => {
    // Root may mount a small tmpfs; elsewhere this test cannot make a disk full and says so.
    expect(mounted, 'mount -t tmpfs needs root').toBe(true);
    for (const f of readdirSync(mount)) rmSync(join(mount, f), {recursive: true, force: true});
    const good = flags[0] === '--still' ? `${SCENE}-1s.png` : `${SCENE}.mp4`;
    const before = Buffer.alloc(20_000, 7);
    writeFileSync(join(mount, good), before);
    // Fill the disk to about 40 KB free.
    const filler = join(mount, 'filler');
    writeFileSync(filler, Buffer.alloc(1));
    const free = Number(execFileSync('df', ['--output=avail', '-B1', mount]).toString().split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 40_000), 1));
    const r = await runCli([SCENE, ...flags, '--out', mount]);
    expect(r.code).toBe(1);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/no space left on device/);
    expect(readFileSync(join(mount, good)).equals(before)).toBe(true);
    expect(outputsIn(mount)).toEqual([good, 'filler'].sort());
    expect(leftovers(r.pid)).toEqual([]);
  });
});

describe('ffmpeg and browser failures are reported as themselves', () => {
  /** An ffmpeg that answers the start-up check like the real one but fails the mux with its own message. */
  function brokenFfmpeg(): string {
    const dir = outDir('ffmpeg');
    const path = join(dir, 'ffmpeg');
    writeFileSync(
      path,
      `#!/bin/sh\ncase "$2" in -muxers|-encoders) exec ${FFMPEG} "$@";; esac\ncat >/dev/null\necho "[mp4 @ 0x1] Error writing trailer: the disk is on fire" >&2\nexit 0\n`,
    );
    chmodSync(path, 0o755);
    return path;
  }

  it("ffmpeg's own last error line surfaces, even when it exits 0", async () => {
    const out = outDir('mux');
    const r = await runCli([SCENE, '-q', 'l', '--range', '0:1', '--out', out], {env: {FFMPEG_PATH: brokenFfmpeg()}});
    expect(r.code).toBe(1);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/Error writing trailer: the disk is on fire/);
    expect(r.stderr).not.toMatch(/HTTP 500/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a browser that never finishes starting times out with one line and leaves no process', async () => {
    const dir = outDir('chrome');
    const chrome = join(dir, 'chromium');
    writeFileSync(chrome, '#!/bin/sh\nexec sleep 300\n');
    chmodSync(chrome, 0o755);
    const out = outDir('start');
    const r = await runCli([SCENE, '-q', 'l', '--start-timeout', '2', '--out', out], {env: {CHROME_PATH: chrome}});
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error: the browser at .*chromium did not start within 2 s \(--start-timeout\)$/);
    expect(processesMatching(`--nnm-render=${r.pid}`)).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('the watchdog stops a scene that hangs', () => {
  it.each([
    ['busy-loop', /scene "busy-loop" made no progress for 3 s/],
    ['never-advances', /scene "never-advances" made no progress for 3 s at frame \d+/],
  ])('%s ends with the timeout message, exit 1, no file and no process', async (scene, message) => {
    const out = outDir('hang');
    const r = await runCli([
      scene,
      '-q',
      'l',
      '--frame-timeout',
      '3',
      '--project',
      'tests/fixtures/hanging.project.ts',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/--frame-timeout/);
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(r.pid)).toEqual([]);
  });
});

describe('killing any process of the command stops the render for good', () => {
  async function killMidRender(signal: NodeJS.Signals, target: 'npm' | 'node') {
    const out = outDir(`kill-${target}`);
    let killed = false;
    let node: number | null = null;
    const r = await runNpm([SCENE, '-q', 'h', '--out', out], {
      onStderr: (text, npmPid) => {
        if (killed || !/tangent-slope: [1-9]\d*\/\d+ frames/.test(text)) return;
        killed = true;
        node = cliPid(out);
        process.kill(target === 'npm' ? npmPid : node!, signal);
      },
    });
    expect(killed).toBe(true);
    expect(node).not.toBeNull();
    // The render must stop within about 2 s and never write its output afterwards.
    await sleep(2500);
    expect(cliPid(out)).toBeNull();
    expect(processesMatching(`--nnm-render=${node}`)).toEqual([]);
    await sleep(4000);
    expect(readdirSync(out)).toEqual([]);
    return r;
  }

  it('SIGKILL to the outermost npm process', async () => {
    await killMidRender('SIGKILL', 'npm');
  });

  it('SIGTERM to the outermost npm process', async () => {
    await killMidRender('SIGTERM', 'npm');
  });

  it('SIGHUP to the render (a closed terminal) cleans up like SIGTERM', async () => {
    const r = await killMidRender('SIGHUP', 'node');
    expect(r.stderr).toMatch(/interrupted \(SIGHUP\)/);
  });
});

describe('leftovers of earlier runs', () => {
  it('partial files of a process that is gone are swept; those of a live one are kept', async () => {
    const out = outDir('sweep');
    const dead = 4_000_000 + Math.floor(Math.random() * 100_000);
    writeFileSync(join(out, `.${SCENE}.mp4.${dead}.partial`), 'stale');
    mkdirSync(join(out, `.${SCENE}.${dead}.parts`));
    writeFileSync(join(out, `.${SCENE}.mp4.${process.pid}.partial`), 'live');
    const r = await runCli([SCENE, '-q', 'l', '--range', '0:0.5', '--out', out]);
    expect(r.code).toBe(0);
    expect(outputsIn(out)).toEqual(
      [`.${SCENE}.mp4.${process.pid}.partial`, `${SCENE}.mp4`, `${SCENE}.srt`, `${SCENE}.vtt`].sort(),
    );
    expect(existsSync(join(tmpdir(), `nnm-chromium-${r.pid}`))).toBe(false);
  });
});

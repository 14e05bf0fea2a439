import {existsSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {processesMatching, runCli} from '../helpers/media';

const outDir = () => mkdtempSync(join(tmpdir(), 'nnm-out-'));

function leftovers(pid: number): string[] {
  return [...processesMatching(`--nnm-render=${pid}`), ...processesMatching(`.${pid}.partial`)];
}

describe('render CLI failures', () => {
  it('an unknown scene lists the known ids, exits 2 and writes nothing', async () => {
    const out = outDir();
    const r = await runCli(['no-such-scene', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown scene "no-such-scene"; known scenes: .*tangent-slope/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a bad flag is one line and exit 2', async () => {
    const r = await runCli(['--size', '100x7']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: bad --size/);
  });

  it('a missing browser says how to install one', async () => {
    const r = await runCli(['tangent-slope', '--out', outDir()], {env: {CHROME_PATH: '/nonexistent/chromium'}});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CHROME_PATH/);
  });

  it('a missing ffmpeg is a clear error', async () => {
    const r = await runCli(['tangent-slope', '--out', outDir()], {env: {FFMPEG_PATH: '/nonexistent/ffmpeg'}});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FFMPEG_PATH/);
  });

  it('an unwritable output directory is a clear error', async () => {
    // Root can write anywhere, so make the output path run through a regular file.
    const blocker = join(outDir(), 'a-file');
    writeFileSync(blocker, '');
    const r = await runCli(['tangent-slope', '--out', join(blocker, 'sub')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/output directory .* is not writable/);
  });

  it('a scene that throws names the scene, the frame and the message, and leaves no file or process', async () => {
    const out = outDir();
    const r = await runCli([
      'throws-midway',
      '-q',
      'l',
      '--out',
      out,
      '--project',
      'tests/fixtures/throwing.project.ts',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scene "throws-midway" failed at frame \d+: the fixture scene broke on purpose/);
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(r.pid)).toEqual([]);
  });

  it('a browser that dies mid-render is one clear line, exit 1, and no partial file', async () => {
    const out = outDir();
    let killed = false;
    const r = await runCli(['tangent-slope', '-q', 'h', '--out', out], {
      onStderr: (text, pid) => {
        if (killed || !/tangent-slope: \d+\/\d+ frames/.test(text)) return;
        killed = true;
        for (const line of processesMatching(`--nnm-render=${pid}`))
          process.kill(Number(line.split(/\s+/)[0]), 'SIGKILL');
      },
    });
    expect(killed).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: the browser (exited|crashed) while rendering "tangent-slope"/);
    expect(readdirSync(out)).toEqual([]);
    expect(leftovers(r.pid)).toEqual([]);
  });

  it('SIGTERM mid-render exits 130, removes the partial file and stops Chromium and ffmpeg', async () => {
    const out = outDir();
    let signalled = false;
    const r = await runCli(['tangent-slope', '-q', 'h', '--out', out], {
      onStderr: (text, pid) => {
        if (!signalled && /tangent-slope: \d+\/\d+ frames/.test(text)) {
          signalled = true;
          process.kill(pid, 'SIGTERM');
        }
      },
    });
    expect(signalled).toBe(true);
    expect(r.code).toBe(130);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, 'tangent-slope.mp4'))).toBe(false);
    expect(leftovers(r.pid)).toEqual([]);
  });
});

import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/media';

/**
 * Runs scripts/setup.sh with a PATH of stubs: apt-get, sudo and npm only record their arguments,
 * and `ps` is there or not. Chromium, ffmpeg and (unless asked) Tesseract and espeak-ng count as present.
 */
function setupWith({
  ps,
  tesseract = true,
  espeak = true,
}: {
  ps: boolean;
  tesseract?: boolean;
  espeak?: boolean;
}): string[] {
  const bin = mkdtempSync(join(tmpdir(), 'nnm-setup-'));
  const log = join(bin, 'calls.log');
  try {
    for (const tool of ['bash', 'dirname', 'id'])
      symlinkSync(
        execFileSync('bash', ['-c', `command -v ${tool}`])
          .toString()
          .trim(),
        join(bin, tool),
      );
    if (ps) symlinkSync(execFileSync('bash', ['-c', 'command -v ps']).toString().trim(), join(bin, 'ps'));
    for (const stub of ['apt-get', 'npm']) {
      writeFileSync(join(bin, stub), `#!/bin/sh\necho "${stub} $*" >> "${log}"\n`);
      chmodSync(join(bin, stub), 0o755);
    }
    writeFileSync(join(bin, 'sudo'), `#!/bin/sh\nexec "$@"\n`);
    chmodSync(join(bin, 'sudo'), 0o755);
    writeFileSync(log, '');
    execFileSync(join(ROOT, 'scripts/setup.sh'), {
      env: {
        PATH: bin,
        CHROME_PATH: '/usr/bin/true',
        FFMPEG_PATH: '/usr/bin/true',
        HOME: bin,
        ...(tesseract ? {TESSERACT_PATH: '/usr/bin/true'} : {}),
        ...(espeak ? {ESPEAK_NG_PATH: '/usr/bin/true'} : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(l => l.startsWith('apt-get'));
  } finally {
    rmSync(bin, {recursive: true, force: true});
  }
}

describe('scripts/setup.sh', () => {
  it('installs procps with apt-get when ps is missing', () => {
    const calls = setupWith({ps: false});
    expect(calls[0]).toBe('apt-get update -qq');
    expect(calls[1]).toMatch(/^apt-get install -y -qq procps$/);
  });

  it('installs tesseract-ocr with apt-get when Tesseract is missing', () => {
    const calls = setupWith({ps: true, tesseract: false});
    expect(calls[1]).toMatch(/^apt-get install -y -qq tesseract-ocr$/);
  });

  it('installs espeak-ng with apt-get when espeak-ng is missing', () => {
    const calls = setupWith({ps: true, espeak: false});
    expect(calls[1]).toMatch(/^apt-get install -y -qq espeak-ng$/);
  });

  it('asks apt-get for nothing when ps, Chromium, ffmpeg, Tesseract and espeak-ng are all there', () => {
    expect(setupWith({ps: true})).toEqual([]);
  });
});

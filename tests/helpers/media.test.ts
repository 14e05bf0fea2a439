import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {processesMatching} from './media';

describe('processesMatching', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('throws, naming procps, when ps is not installed, instead of reporting no processes', () => {
    const empty = mkdtempSync(join(tmpdir(), 'nnm-no-ps-'));
    try {
      process.env.PATH = empty;
      expect(() => processesMatching('anything')).toThrow(/`ps` is not installed.*procps/);
    } finally {
      process.env.PATH = path;
      rmSync(empty, {recursive: true, force: true});
    }
  });

  it('finds a running process by a marker on its command line, and not once it has exited', async () => {
    const marker = `nnm-marker-${process.pid}-${Date.now()}`;
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], {stdio: 'ignore'});
    await new Promise(done => child.once('spawn', done));
    try {
      const found = processesMatching(marker);
      expect(found).toHaveLength(1);
      expect(Number(found[0].split(/\s+/)[0])).toBe(child.pid);
    } finally {
      const exited = new Promise(done => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    expect(processesMatching(marker)).toEqual([]);
  });
});

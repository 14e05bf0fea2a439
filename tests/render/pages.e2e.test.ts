/** A worker renders each scene in a fresh page, so nothing a scene leaves behind piles up over a long render. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/media';

describe('render pages', () => {
  it('one worker rendering two scenes opens a page for each (NNM_TIMING shows every page opened)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nnm-pages-'));
    const r = await runCli(
      ['tangent-slope', 'derivative-probe', '-q', 'l', '--range', '0:1', '--workers', '1', '--out', out],
      {
        env: {NNM_TIMING: '1'},
      },
    );
    expect(r.code, r.stderr).toBe(0);
    // The first page measures both scenes and renders the first; the second scene gets its own.
    expect(r.stderr.match(/page: opened/g)).toHaveLength(2);
  }, 120_000);
});

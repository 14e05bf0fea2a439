/**
 * Glyph fallback: text outside the fonts' start-up subsets (Greek, maths) is drawn in the bundled
 * font on the very first frame without `registerText`, exactly as when it is registered.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/media';

const out = mkdtempSync(join(tmpdir(), 'nnm-glyphs-'));
afterAll(() => rmSync(out, {recursive: true, force: true}));

async function firstFrame(project: string, dir: string): Promise<Buffer> {
  const r = await runCli(['glyphs', '--project', project, '--still', '0', '-q', 'l', '--out', join(out, dir)]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, dir, 'glyphs-0s.png'));
}

describe('glyphs', () => {
  it('unregistered Greek and maths text draws the same pixels as registered text on frame 0', async () => {
    const registered = await firstFrame('tests/fixtures/glyphs-registered.project.ts', 'registered');
    const automatic = await firstFrame('tests/fixtures/glyphs.project.ts', 'automatic');
    expect(automatic.length).toBeGreaterThan(1000);
    expect(automatic.equals(registered)).toBe(true);
  }, 300_000);
});

/** The final encodes of WebM and MOV write the same bytes on one thread or several. */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {formatArgs, type RgbaFormat} from '../../src/render/sinks';
import {FFMPEG} from '../helpers/media';

const dir = mkdtempSync(join(tmpdir(), 'nnm-threads-'));
const list = join(dir, 'list.txt');
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function ffmpeg(args: string[]) {
  const r = spawnSync(FFMPEG, args, {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  // Two lossless RGBA segments of a moving, half-transparent picture, as the renderer keeps them.
  const files = [0, 1].map(k => {
    const file = join(dir, `seg-${k}.nut`);
    ffmpeg([
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1280x720:rate=30:duration=1,format=rgba,colorchannelmixer=aa=0.6`,
      '-vf',
      `hue=h=${k * 90}`,
      '-c:v',
      'ffv1',
      '-pix_fmt',
      'bgra',
      '-f',
      'nut',
      file,
    ]);
    return file;
  });
  writeFileSync(list, files.map(f => `file '${f}'\nduration 1\n`).join(''));
}, 60_000);

describe.each<[RgbaFormat, boolean]>([
  ['webm', false],
  ['webm', true],
  ['mov', true],
])('%s (transparent: %s)', (format, transparent) => {
  it('is the same, byte for byte, on 1, 2 and 4 threads', () => {
    const bytes = [1, 2, 4].map(threads => {
      const out = join(dir, `out-${threads}.${format}`);
      ffmpeg(formatArgs({format, transparent, loop: true}, list, out, threads));
      return readFileSync(out);
    });
    expect(bytes[0].length).toBeGreaterThan(10_000);
    expect(bytes[1].equals(bytes[0])).toBe(true);
    expect(bytes[2].equals(bytes[0])).toBe(true);
  }, 120_000);
});

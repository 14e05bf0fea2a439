import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {muxArgs} from '../../src/render/sinks';
import {FFMPEG, FFPROBE} from '../helpers/media';

const dir = mkdtempSync(join(tmpdir(), 'nnm-mux-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('muxing Annex B into MP4', () => {
  it('gives frame k the exact time k/fps, even past the point where microsecond rounding drifts', () => {
    const fps = 30;
    const raw = join(dir, 'in.h264');
    // 150 tiny frames: the raw demuxer's 1/30 s steps drift by a whole MP4 tick near frame 98.
    const enc = spawnSync(FFMPEG, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=64x64:rate=${fps}`,
      '-frames:v',
      '150',
      '-c:v',
      'libx264',
      '-bf',
      '0',
      '-f',
      'h264',
      raw,
    ]);
    expect(enc.status).toBe(0);
    const out = join(dir, 'out.mp4');
    const args = muxArgs({fps}, out).map(a => (a === 'pipe:0' ? raw : a));
    expect(spawnSync(FFMPEG, args).status).toBe(0);
    const probe = spawnSync(FFPROBE, ['-v', 'error', '-show_entries', 'packet=pts', '-of', 'csv=p=0', out], {
      encoding: 'utf8',
    });
    const pts = probe.stdout.trim().split('\n').map(Number);
    expect(pts).toHaveLength(150);
    const wrong = pts.map((p, k) => [k, p] as const).filter(([k, p]) => p !== k * 512);
    expect(wrong).toEqual([]);
  });
});

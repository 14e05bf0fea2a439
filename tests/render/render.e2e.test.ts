import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {c2p} from '../../src/components/axisMath';
import {AXES, AXES_Y, fx, X_START} from '../../src/scenes/tangent-slope.model';
import {colors} from '../../src/components/theme';
import {
  colorDistance,
  decodeFrame,
  decodePng,
  designToPixel,
  framemd5,
  hex,
  probe,
  runCli,
  outputsIn,
} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const DOT = hex(colors.highlight);
const BACKGROUND = hex(colors.background);

/** Design-space position of the graph point (x, y), as the scene's Axes maps it. */
const toPx = (x: number, y: number): [number, number] => {
  const [px, py] = c2p(AXES, x, y);
  return [px, py + AXES_Y];
};

describe('end-to-end render of the pipeline scene at -q l', () => {
  const out = mkdtempSync(join(tmpdir(), 'nnm-e2e-'));
  const mp4 = join(out, 'tangent-slope.mp4');

  beforeAll(async () => {
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:1', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  it('writes only the final MP4 and its subtitles, no temporary files', () => {
    expect(outputsIn(out)).toEqual(['tangent-slope.mp4', 'tangent-slope.srt', 'tangent-slope.vtt']);
  });

  it('is H.264 yuv420p, limited range BT.709, 854x480 at a constant 15 fps', () => {
    const s = probe(mp4);
    expect(s.codec_name).toBe('h264');
    expect(s.pix_fmt).toBe('yuv420p');
    expect(s.color_range).toBe('tv');
    expect(s.color_space).toBe('bt709');
    expect([s.width, s.height]).toEqual([W, H]);
    expect(s.r_frame_rate).toBe('15/1');
    expect(s.avg_frame_rate).toBe('15/1');
  });

  it('holds exactly round(1 s · 15 fps) = 15 frames for --range 0:1 (end excluded)', () => {
    const s = probe(mp4);
    expect(Number(s.nb_frames)).toBe(FPS);
    expect(Number(s.duration)).toBeCloseTo(1, 2);
  });

  it('draws the dot where the engine puts f(x) in the first frame, and not elsewhere', () => {
    const pixel = decodeFrame(mp4, 0, W, H);
    const [px, py] = designToPixel(toPx(X_START, fx(X_START)), W, H);
    expect(colorDistance(pixel(px, py), DOT)).toBeLessThan(40);
    // The mirror point holds no dot: the check would catch a misplaced marker.
    const [mx, my] = designToPixel(toPx(-X_START, fx(X_START)), W, H);
    expect(colorDistance(pixel(mx, my), DOT)).toBeGreaterThan(150);
    // Limited-range decoding gives back the theme background in a corner.
    expect(colorDistance(pixel(5, 5), BACKGROUND)).toBeLessThan(12);
  });

  it('the same command twice gives identical decoded frames (framemd5)', async () => {
    const again = mkdtempSync(join(tmpdir(), 'nnm-e2e-'));
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:1', '--out', again]);
    expect(r.code).toBe(0);
    expect(framemd5(join(again, 'tangent-slope.mp4'))).toBe(framemd5(mp4));
  });

  it('the libx264 fallback writes the same picture', async () => {
    const x264 = mkdtempSync(join(tmpdir(), 'nnm-e2e-'));
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:0.5', '--encoder', 'x264', '--out', x264]);
    expect(r.code).toBe(0);
    const s = probe(join(x264, 'tangent-slope.mp4'));
    expect([s.codec_name, s.pix_fmt, s.color_range, s.color_space]).toEqual(['h264', 'yuv420p', 'tv', 'bt709']);
    const a = decodeFrame(join(x264, 'tangent-slope.mp4'), 0, W, H);
    const b = decodeFrame(mp4, 0, W, H);
    const [px, py] = designToPixel(toPx(X_START, fx(X_START)), W, H);
    expect(colorDistance(a(px, py), b(px, py))).toBeLessThan(30);
    expect(colorDistance(a(5, 5), b(5, 5))).toBeLessThan(12);
  });

  it('--still writes one PNG named after the time', async () => {
    const stills = mkdtempSync(join(tmpdir(), 'nnm-still-'));
    const r = await runCli(['tangent-slope', '-q', 'l', '--still', '0', '--out', stills]);
    expect(r.code).toBe(0);
    expect(readdirSync(stills)).toEqual(['tangent-slope-0s.png']);
    const pixel = decodePng(join(stills, 'tangent-slope-0s.png'), W, H);
    const [px, py] = designToPixel(toPx(X_START, fx(X_START)), W, H);
    expect(colorDistance(pixel(px, py), DOT)).toBeLessThan(10);
  });

  it('--format png writes a numbered PNG sequence in a folder named after the scene', async () => {
    const seq = mkdtempSync(join(tmpdir(), 'nnm-seq-'));
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:0.2', '--format', 'png', '--out', seq]);
    expect(r.code).toBe(0);
    expect(readdirSync(seq)).toEqual(['tangent-slope']);
    const frames = readdirSync(join(seq, 'tangent-slope')).sort();
    expect(frames).toEqual(['tangent-slope_00000.png', 'tangent-slope_00001.png', 'tangent-slope_00002.png']);
    const first = decodePng(join(seq, 'tangent-slope', frames[0]), W, H);
    const [px, py] = designToPixel(toPx(X_START, fx(X_START)), W, H);
    expect(colorDistance(first(px, py), DOT)).toBeLessThan(10);
  });

  it('--list prints every scene with its duration', async () => {
    const r = await runCli(['--list', '-q', 'l']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tangent-slope\s+6\.00s\s+90 frames @15/);
    expect(r.stdout).toMatch(/chain-rule-gears\s+\d+\.\d\ds/);
  });
});

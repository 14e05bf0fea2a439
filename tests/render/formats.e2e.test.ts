import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {c2p} from '../../src/components/axisMath';
import {colors} from '../../src/components/theme';
import {AXES, AXES_Y, X_START, fx} from '../../src/scenes/tangent-slope.model';
import {
  FFMPEG,
  FFPROBE,
  type Rgb,
  colorDistance,
  countFrames,
  decodePng,
  decodeRgba,
  designToPixel,
  hex,
  messageLines,
  runCli,
  outputsIn,
} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SECONDS = 0.6;
const FRAMES = Math.round(SECONDS * FPS);
const DOT = hex(colors.highlight);
const BACKGROUND = hex(colors.background);

/** Where the engine puts the scene's dot in the first frame, and a pixel of empty background. */
const dot = designToPixel(
  ((p: [number, number]) => [p[0], p[1] + AXES_Y] as [number, number])(c2p(AXES, X_START, fx(X_START))),
  W,
  H,
);
const empty: [number, number] = [W * 0.08, H * 0.92];

interface Stream {
  codec_name: string;
  pix_fmt: string;
  width: number;
  height: number;
  r_frame_rate: string;
  tags?: Record<string, string>;
}

function stream(file: string): {stream: Stream; duration: number} {
  const json = execFileSync(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_streams',
    '-show_format',
    '-of',
    'json',
    file,
  ]);
  const info = JSON.parse(json.toString()) as {streams: Stream[]; format: {duration: string}};
  return {stream: info.streams[0], duration: Number(info.format.duration)};
}

async function render(format: string, ...flags: string[]) {
  const out = mkdtempSync(join(tmpdir(), `nnm-${format}-`));
  const r = await runCli([
    'tangent-slope',
    '-q',
    'l',
    '--range',
    `0:${SECONDS}`,
    '--format',
    format,
    ...flags,
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(outputsIn(out), 'only the final file, no temporaries').toEqual([`tangent-slope.${format}`]);
  return join(out, `tangent-slope.${format}`);
}

const rgb = ([r, g, b]: number[]): Rgb => [r, g, b];

describe('--format gif', () => {
  let looping = '';
  let once = '';
  beforeAll(async () => {
    looping = await render('gif');
    once = await render('gif', '--no-loop');
  }, 120_000);

  it('is a GIF of the range: every frame, at the frame rate', () => {
    const {stream: s, duration} = stream(looping);
    expect([s.codec_name, s.width, s.height]).toEqual(['gif', W, H]);
    expect(countFrames(looping)).toBe(FRAMES);
    // GIF delays are whole hundredths, so each 1/15 s frame lands within 1 cs.
    expect(Math.abs(duration - SECONDS)).toBeLessThan(FRAMES * 0.01);
  });

  it('loops forever by default and plays once with --no-loop (the NETSCAPE2.0 block)', () => {
    expect(readFileSync(looping).includes('NETSCAPE2.0')).toBe(true);
    expect(readFileSync(once).includes('NETSCAPE2.0')).toBe(false);
  });

  it('draws the dot where the engine puts it, over the theme background', () => {
    const pixel = decodeRgba(looping, 0, W, H);
    expect(colorDistance(rgb(pixel(...dot)), DOT)).toBeLessThan(40);
    expect(colorDistance(rgb(pixel(...empty)), BACKGROUND)).toBeLessThan(12);
    expect(colorDistance(rgb(pixel(...empty)), DOT)).toBeGreaterThan(100);
  });
});

describe.each([
  ['webm', 'vp9', /^yuv420p$/],
  ['mov', 'prores', /^yuva444p1[02]le$/],
])('--format %s --transparent', (format, codec, pixFmt) => {
  let file = '';
  beforeAll(async () => {
    file = await render(format, '--transparent');
  }, 120_000);

  it(`is ${codec} with an alpha channel, at the size and frame rate asked for`, () => {
    const {stream: s} = stream(file);
    expect([s.codec_name, s.width, s.height, s.r_frame_rate]).toEqual([codec, W, H, `${FPS}/1`]);
    expect(s.pix_fmt).toMatch(pixFmt);
    // VP9 carries alpha as side data, flagged on the stream rather than in pix_fmt.
    if (format === 'webm') expect(s.tags?.alpha_mode).toBe('1');
    expect(countFrames(file)).toBe(FRAMES);
  });

  it('is see-through where nothing is drawn and opaque at the dot the engine places', () => {
    for (const frame of [0, FRAMES - 1]) {
      const pixel = decodeRgba(file, frame, W, H);
      expect(pixel(...empty)[3], `frame ${frame}: background alpha`).toBeLessThanOrEqual(2);
    }
    const first = decodeRgba(file, 0, W, H);
    expect(first(...dot)[3]).toBeGreaterThanOrEqual(250);
    expect(colorDistance(rgb(first(...dot)), DOT)).toBeLessThan(40);
  });
});

describe('--format webm without --transparent', () => {
  it('is opaque: the theme background fills the frame', async () => {
    const file = await render('webm');
    expect(stream(file).stream.tags?.alpha_mode).toBeUndefined();
    const pixel = decodeRgba(file, 0, W, H);
    expect(pixel(...empty)[3]).toBe(255);
    expect(colorDistance(rgb(pixel(...empty)), BACKGROUND)).toBeLessThan(12);
  }, 120_000);
});

describe('a WebM of several segments, rendered by two workers', () => {
  // 4.6 s at 15 fps: 69 frames in segments of 30, 30 and 9, joined twice.
  const range = ['-q', 'l', '--range', '0:4.6', '--workers', '2'];

  it('holds every frame in order across the joins (each join frame matches its PNG, not a neighbour)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nnm-joins-'));
    const [webm, png] = await Promise.all([
      runCli(['tangent-slope', ...range, '--format', 'webm', '--out', out]),
      runCli(['tangent-slope', ...range, '--format', 'png', '--out', join(out, 'png')]),
    ]);
    expect(webm.code, webm.stderr).toBe(0);
    expect(png.code, png.stderr).toBe(0);
    const file = join(out, 'tangent-slope.webm');
    expect(countFrames(file)).toBe(69);
    const still = (k: number) =>
      decodePng(join(out, 'png', 'tangent-slope', `tangent-slope_${String(k).padStart(5, '0')}.png`), W, H);
    for (const k of [29, 30, 31, 59, 60]) {
      const frame = decodeRgba(file, k, W, H);
      const distance = (ref: (x: number, y: number) => Rgb) => {
        let sum = 0;
        for (let y = 0; y < H; y += 4) for (let x = 0; x < W; x += 4) sum += colorDistance(rgb(frame(x, y)), ref(x, y));
        return sum;
      };
      const [before, at, after] = [k - 1, k, k + 1].map(j => distance(still(j)));
      expect(at, `frame ${k}`).toBeLessThan(Math.min(before, after));
    }
  }, 180_000);
});

describe('bad format combinations', () => {
  it.each([
    [['--format', 'gif', '--transparent'], /--transparent needs a format with alpha/],
    [['--format', 'webm', '--encoder', 'x264'], /--encoder only applies to mp4/],
    [['--slides', '--format', 'gif'], /--slides cannot be combined/],
  ])('%j exits 2 with one line and writes nothing', async (flags, message) => {
    const out = mkdtempSync(join(tmpdir(), 'nnm-badfmt-'));
    const r = await runCli(['tangent-slope', ...flags, '--out', out]);
    expect(r.code).toBe(2);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });
});

it('ffmpeg can decode VP9 alpha here (otherwise the alpha checks above prove nothing)', () => {
  const encoders = execFileSync(FFMPEG, ['-v', 'error', '-decoders']).toString();
  expect(encoders).toMatch(/libvpx-vp9/);
});

/**
 * Optical reading of numbers in decoded video frames with Tesseract (Debian's tesseract-ocr): decode a
 * frame, crop a box, upscale and binarise it (light text on a dark background becomes black on white),
 * and read it as one line of digits and signs.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {FFMPEG} from './media';

export const TESSERACT = process.env.TESSERACT_PATH ?? 'tesseract';

/** Whether a tesseract binary answers: the truth test says plainly when it is missing. */
export function hasTesseract(): boolean {
  try {
    execFileSync(TESSERACT, ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
}

/** One decoded frame as 8-bit RGB. */
export interface RgbFrame {
  width: number;
  height: number;
  rgb: Buffer;
}

/** Frame `index` of a video, decoded by ffmpeg to RGB (full-range conversion done by ffmpeg's swscale). */
export function decodeRgbFrame(file: string, index: number, width: number, height: number): RgbFrame {
  const rgb = execFileSync(
    FFMPEG,
    ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${index})`, '-vsync', '0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    {maxBuffer: 64 * 1024 * 1024},
  );
  if (rgb.length !== width * height * 3) throw new Error(`frame ${index} of ${file} is not ${width}×${height} (${rgb.length} bytes)`);
  return {width, height, rgb};
}

/** A box in a frame's pixels: left, top, width, height. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A grey image, 0 black … 255 white. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The box cut out of the frame with its text made black on white: each pixel's brightest channel (so
 * red and yellow text read as bright as white), thresholded between the crop's background and its
 * brightest ink, trimmed to the ink, scaled (bilinear) so the ink is `inkHeight` px tall, and framed
 * by a white margin. Null when the box holds no ink.
 */
export function prepareCrop(frame: RgbFrame, box: PixelBox, inkHeight = 36): Grey | null {
  const bx = Math.max(0, Math.floor(box.x));
  const by = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(frame.width, Math.ceil(box.x + box.width)) - bx);
  const h = Math.max(1, Math.min(frame.height, Math.ceil(box.y + box.height)) - by);
  const bright = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((by + y) * frame.width + bx + x) * 3;
      bright[y * w + x] = Math.max(frame.rgb[i], frame.rgb[i + 1], frame.rgb[i + 2]);
    }
  }
  const sorted = Float64Array.from(bright).sort();
  const lo = sorted[Math.floor(sorted.length * 0.1)];
  const hi = sorted[sorted.length - 1];
  if (hi - lo < 24) return null;
  const threshold = lo + (hi - lo) * 0.45;
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (bright[y * w + x] <= threshold) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  const scale = inkHeight / (y1 - y0 + 1);
  const pad = Math.round(inkHeight / 2);
  const iw = Math.round((x1 - x0 + 1) * scale);
  const ih = Math.round((y1 - y0 + 1) * scale);
  const W = iw + 2 * pad;
  const H = ih + 2 * pad;
  const data = new Uint8Array(W * H).fill(255);
  const at = (x: number, y: number) => bright[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
  for (let Y = 0; Y < ih; Y++) {
    const fy = y0 + (Y + 0.5) / scale - 0.5;
    const yi = Math.floor(fy);
    const ty = fy - yi;
    for (let X = 0; X < iw; X++) {
      const fx = x0 + (X + 0.5) / scale - 0.5;
      const xi = Math.floor(fx);
      const tx = fx - xi;
      const v =
        at(xi, yi) * (1 - tx) * (1 - ty) + at(xi + 1, yi) * tx * (1 - ty) + at(xi, yi + 1) * (1 - tx) * ty + at(xi + 1, yi + 1) * tx * ty;
      data[(Y + pad) * W + X + pad] = v > threshold ? 0 : 255;
    }
  }
  return {width: W, height: H, data};
}

/** Writes a grey image as binary PGM (which Tesseract reads), and a PNG copy when `png` is given. */
export function writeGrey(image: Grey, pgm: string, png?: string): void {
  mkdirSync(dirname(pgm), {recursive: true});
  writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`), Buffer.from(image.data)]));
  if (png) execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', pgm, png]);
}

/** Characters a number can be drawn with: digits, point, the three dashes, plus, comma and e. */
export const NUMBER_WHITELIST = '0123456789.-\u2212+,e';

/** Reads one line of digits and signs from an image file. Returns Tesseract's text, trimmed. */
export function readNumberImage(file: string): string {
  const out = execFileSync(
    TESSERACT,
    [file, 'stdout', '--psm', '7', '-l', 'eng', '-c', `tessedit_char_whitelist=${NUMBER_WHITELIST}`],
    {stdio: ['ignore', 'pipe', 'ignore'], env: {...process.env, OMP_THREAD_LIMIT: '1'}},
  );
  return out.toString().trim();
}

/** Ink heights the crop is read at: Tesseract misreads a glyph now and then at one size, rarely at most. */
export const READ_HEIGHTS = [28, 32, 36, 40, 48];

/**
 * Reads the number in a box of a frame: the crop at each of READ_HEIGHTS, each read by Tesseract, and
 * the reading most of them agree on (the first in order on a tie). `save` (a path without extension)
 * keeps the 36 px crop as PGM and PNG. Empty when the box holds no ink.
 */
export function readNumber(frame: RgbFrame, box: PixelBox, save: string): {text: string; reads: string[]} {
  const reads: string[] = [];
  for (const height of READ_HEIGHTS) {
    const image = prepareCrop(frame, box, height);
    if (!image) return {text: '', reads};
    const file = height === 36 ? `${save}.pgm` : `${save}.${height}.pgm`;
    writeGrey(image, file, height === 36 ? `${save}.png` : undefined);
    reads.push(readNumberImage(file));
    if (height !== 36) rmSync(file, {force: true});
  }
  const count = new Map<string, number>();
  for (const r of reads) count.set(r, (count.get(r) ?? 0) + 1);
  const text = [...count].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  return {text, reads};
}

/**
 * A number string reduced to what OCR can tell apart: no spaces, and every dash (hyphen, minus sign,
 * en dash) one hyphen. "  −0.125" and "-0.125" are the same reading.
 */
export function normaliseNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/[\u2212\u2013\u2014]/g, '-');
}

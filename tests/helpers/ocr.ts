/**
 * Optical reading of numbers in decoded video frames with Tesseract (Debian's tesseract-ocr): decode a
 * frame, crop a box, upscale and binarise it (light text on a dark background becomes black on white),
 * and read it as one line of digits and signs.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
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
 * The box cut out of the frame, scaled up `scale`× (bilinear), with text made black on white: each
 * pixel's brightest channel (so red and yellow text read as bright as white) stretched between the
 * crop's background and its text, inverted and thresholded, and framed by a white margin.
 */
export function prepareCrop(frame: RgbFrame, box: PixelBox, scale = 4, pad = 16): Grey {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.height));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const bright = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * frame.width + x0 + x) * 3;
      bright[y * w + x] = Math.max(frame.rgb[i], frame.rgb[i + 1], frame.rgb[i + 2]);
    }
  }
  const sorted = Float64Array.from(bright).sort();
  const lo = sorted[Math.floor(sorted.length * 0.1)];
  const hi = sorted[sorted.length - 1];
  const threshold = lo + (hi - lo) * 0.45;
  const W = w * scale + 2 * pad;
  const H = h * scale + 2 * pad;
  const data = new Uint8Array(W * H).fill(255);
  const at = (x: number, y: number) => bright[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
  for (let Y = 0; Y < h * scale; Y++) {
    const fy = (Y + 0.5) / scale - 0.5;
    const yi = Math.floor(fy);
    const ty = fy - yi;
    for (let X = 0; X < w * scale; X++) {
      const fx = (X + 0.5) / scale - 0.5;
      const xi = Math.floor(fx);
      const tx = fx - xi;
      const v =
        at(xi, yi) * (1 - tx) * (1 - ty) + at(xi + 1, yi) * tx * (1 - ty) + at(xi, yi + 1) * (1 - tx) * ty + at(xi + 1, yi + 1) * tx * ty;
      data[(Y + pad) * W + X + pad] = hi - lo < 24 ? 255 : v > threshold ? 0 : 255;
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

/**
 * A number string reduced to what OCR can tell apart: no spaces, and every dash (hyphen, minus sign,
 * en dash) one hyphen. "  −0.125" and "-0.125" are the same reading.
 */
export function normaliseNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/[\u2212\u2013\u2014]/g, '-');
}

/**
 * Optical reading of numbers in decoded video frames with Tesseract (Debian's tesseract-ocr): decode a
 * frame, crop a box, upscale and binarise it (light text on a dark background becomes black on white),
 * and read it as one line of digits and signs.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {dirname, join} from 'node:path';
import {FFMPEG, type Rgb} from './media';

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

/** Frames `indices` of a video, decoded by one ffmpeg run to RGB (full-range conversion by ffmpeg's swscale). */
export function decodeRgbFrames(file: string, indices: number[], width: number, height: number): Map<number, RgbFrame> {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length === 0) return new Map();
  const select = sorted.map(i => `eq(n\\,${i})`).join('+');
  const rgb = execFileSync(
    FFMPEG,
    ['-v', 'error', '-i', file, '-vf', `select=${select}`, '-vsync', '0', '-frames:v', String(sorted.length), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    {maxBuffer: sorted.length * width * height * 3 + 1024},
  );
  const size = width * height * 3;
  if (rgb.length !== sorted.length * size) throw new Error(`frames ${sorted.join(', ')} of ${file}: got ${rgb.length / size} frames of ${width}×${height}`);
  return new Map(sorted.map((f, k) => [f, {width, height, rgb: rgb.subarray(k * size, (k + 1) * size)}]));
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
 * The run of non-zero counts (gaps up to `gap` zeros allowed inside) that holds index `prefer`, else
 * the one with the largest sum: [first, last].
 */
function heaviestRun(counts: number[], gap: number, prefer = -1): [number, number] {
  let best: [number, number] = [0, counts.length - 1];
  let bestSum = -1;
  for (let i = 0; i < counts.length; ) {
    if (counts[i] === 0) { i++; continue; }
    let end = i;
    let sum = 0;
    let zeros = 0;
    for (let j = i; j < counts.length; j++) {
      if (counts[j] === 0) { if (++zeros > gap) break; continue; }
      zeros = 0;
      end = j;
      sum += counts[j];
    }
    if (prefer >= i && prefer <= end) return [i, end];
    if (sum > bestSum) { best = [i, end]; bestSum = sum; }
    i = end + 1;
  }
  return best;
}

/**
 * The box cut out of the frame with its text made black on white. A pixel's inkiness is its closeness
 * to the text's `colour` (so white text over a yellow surface, or dark text on a light node, still
 * stands out), or without it its brightest channel. Thresholded between the crop's background and
 * its strongest ink, trimmed to its line of ink (see heaviestRun), scaled (bilinear) so the ink is
 * `inkHeight` px tall, and framed by a white margin. Null when the box holds no ink.
 */
export function prepareCrop(frame: RgbFrame, box: PixelBox, inkHeight = 36, colour: Rgb | null = null): Grey | null {
  const bx = Math.max(0, Math.floor(box.x));
  const by = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(frame.width, Math.ceil(box.x + box.width)) - bx);
  const h = Math.max(1, Math.min(frame.height, Math.ceil(box.y + box.height)) - by);
  const bright = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((by + y) * frame.width + bx + x) * 3;
      const [r, g, b] = [frame.rgb[i], frame.rgb[i + 1], frame.rgb[i + 2]];
      bright[y * w + x] = colour ? 255 - Math.min(255, Math.hypot(r - colour[0], g - colour[1], b - colour[2])) : Math.max(r, g, b);
    }
  }
  const sorted = Float64Array.from(bright).sort();
  const lo = sorted[Math.floor(sorted.length * 0.1)];
  const hi = sorted[sorted.length - 1];
  if (hi - lo < 24) return null;
  const threshold = lo + (hi - lo) * 0.45;
  const ink = (x: number, y: number) => bright[y * w + x] > threshold;
  // The line of text: the band of ink rows holding the most ink (a neighbour's glyph or a curve that
  // pokes into the box sits apart, past blank rows), then the columns of ink in that band, grouped
  // where gaps are under half the band's height, keeping the group with the most ink.
  const rows = Array.from({length: h}, (_, y) => Array.from({length: w}, (_, x) => +ink(x, y)).reduce((a, b) => a + b, 0));
  const [y0, y1] = heaviestRun(rows, 0, Math.floor(h / 2));
  const cols = Array.from({length: w}, (_, x) => {
    let n = 0;
    for (let y = y0; y <= y1; y++) n += +ink(x, y);
    return n;
  });
  const [x0, x1] = heaviestRun(cols, Math.floor((y1 - y0 + 1) / 2));
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

/** Writes a grey image as binary PGM (which Tesseract reads). */
export function writeGrey(image: Grey, pgm: string): void {
  mkdirSync(dirname(pgm), {recursive: true});
  writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`), Buffer.from(image.data)]));
}

/** A PNG copy of a PGM, for people to look at. */
export function pgmToPng(pgm: string, png: string): void {
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', pgm, png]);
}

/** Characters a number can be drawn with: digits, point, the three dashes, plus, comma and e. */
export const NUMBER_WHITELIST = '0123456789.-\u2212+,e';

/** Tesseract on a list of images in one process: one line of digits and signs per image (pages split by form feeds). */
function tesseractList(files: string[], list: string, psm: number): Promise<string[]> {
  writeFileSync(list, files.join('\n') + '\n');
  return new Promise((done, fail) => {
    const child = spawn(TESSERACT, [list, 'stdout', '--psm', String(psm), '-l', 'eng', '-c', `tessedit_char_whitelist=${NUMBER_WHITELIST}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, OMP_THREAD_LIMIT: '1'},
    });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('error', fail);
    child.on('exit', code => {
      // Every page but the last ends with a form feed; an empty page is an empty string.
      const pages = out.split('\f').map(p => p.trim());
      if (code !== 0 || pages.length !== files.length) fail(new Error(`tesseract read ${pages.length} of ${files.length} images (exit ${code}): ${err.trim().split('\n').pop()}`));
      else done(pages);
    });
  });
}

/**
 * Reads many images with a few Tesseract processes (one per CPU, each given a list of files), so the
 * language data loads once per process rather than once per number. Results are in `files`' order.
 */
export async function readNumberImages(files: string[], workdir: string, psm = 7, processes = Math.max(1, Math.min(2, availableParallelism()))): Promise<string[]> {
  if (files.length === 0) return [];
  mkdirSync(workdir, {recursive: true});
  const parts = Array.from({length: processes}, (_, k) => files.slice(Math.floor((k * files.length) / processes), Math.floor(((k + 1) * files.length) / processes)));
  const reads = await Promise.all(parts.map((part, k) => (part.length ? tesseractList(part, join(workdir, `list-${k}.txt`), psm) : Promise.resolve([]))));
  return reads.flat();
}

/**
 * How a crop is read: Tesseract's page mode (7 one line, 10 one character) and the ink height it is
 * scaled to. The first is tried on every number, the rest only when it disagrees with the drawn string.
 */
export const READS: {psm: number; height: number}[] = [
  {psm: 7, height: 28}, {psm: 7, height: 20}, {psm: 7, height: 24}, {psm: 7, height: 32}, {psm: 7, height: 36}, {psm: 7, height: 40},
];

/** One number to read: a box of a decoded frame, its text colour, the string it should show, and where its crop goes (no extension). */
export interface ReadJob {
  frame: RgbFrame;
  box: PixelBox;
  ink: Rgb | null;
  expected: string;
  save: string;
}

/** A box's reading: the one kept, and every read (one per way in READS tried). */
export interface ReadResult {
  text: string;
  reads: string[];
}

/**
 * Reads every job's box: once the first way in READS, and, when that read differs from the expected
 * string, every other way too (Tesseract misreads JetBrains Mono's flat-topped 3 as 5, or its dotted
 * 0 as 8, at one size or another); then the reading most ways agree on is kept (the earliest on a
 * tie). The first crop stays as `<save>.pgm`. Empty text when the box holds no ink.
 */
export async function readNumbers(jobs: ReadJob[], workdir: string): Promise<ReadResult[]> {
  const results: ReadResult[] = jobs.map(() => ({text: '', reads: []}));
  let pending = jobs.map((_, i) => i);
  for (const [pass, {psm, height}] of READS.entries()) {
    const files: string[] = [];
    const owners: number[] = [];
    for (const i of pending) {
      const image = prepareCrop(jobs[i].frame, jobs[i].box, height, jobs[i].ink);
      if (!image) continue;
      const file = pass === 0 ? `${jobs[i].save}.pgm` : join(workdir, `retry-${i}-${pass}.pgm`);
      writeGrey(image, file);
      files.push(file);
      owners.push(i);
    }
    const reads = await readNumberImages(files, workdir, psm);
    owners.forEach((i, k) => results[i].reads.push(reads[k]));
    if (pass > 0) for (const f of files) rmSync(f, {force: true});
    if (pass === 0) pending = owners.filter(i => normaliseNumber(results[i].reads[0]) !== normaliseNumber(jobs[i].expected));
    if (pending.length === 0) break;
  }
  for (const r of results) {
    if (r.reads.length === 0) continue;
    const count = new Map<string, number>();
    for (const read of r.reads) count.set(normaliseNumber(read), (count.get(normaliseNumber(read)) ?? 0) + 1);
    const [best] = [...count].reduce((top, c) => (c[1] > top[1] ? c : top));
    r.text = r.reads.find(read => normaliseNumber(read) === best)!;
  }
  return results;
}

/**
 * A number string reduced to what OCR can tell apart: no spaces, and every dash (hyphen, minus sign,
 * en dash) one hyphen. "  −0.125" and "-0.125" are the same reading.
 */
export function normaliseNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/[\u2212\u2013\u2014]/g, '-');
}

/**
 * Optical reading of numbers in decoded video frames with Tesseract (Debian's tesseract-ocr): decode a
 * frame, crop a box, upscale and binarise it (light text on a dark background becomes black on white),
 * and read it as one line of digits and signs.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {availableParallelism} from 'node:os';
import {dirname, join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {FFMPEG, ROOT, type Rgb} from './media';

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
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=${select}`,
      '-vsync',
      '0',
      '-frames:v',
      String(sorted.length),
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    {maxBuffer: sorted.length * width * height * 3 + 1024},
  );
  const size = width * height * 3;
  if (rgb.length !== sorted.length * size)
    throw new Error(`frames ${sorted.join(', ')} of ${file}: got ${rgb.length / size} frames of ${width}×${height}`);
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
  for (let i = 0; i < counts.length;) {
    if (counts[i] === 0) {
      i++;
      continue;
    }
    let end = i;
    let sum = 0;
    let zeros = 0;
    for (let j = i; j < counts.length; j++) {
      if (counts[j] === 0) {
        if (++zeros > gap) break;
        continue;
      }
      zeros = 0;
      end = j;
      sum += counts[j];
    }
    if (prefer >= i && prefer <= end) return [i, end];
    if (sum > bestSum) {
      best = [i, end];
      bestSum = sum;
    }
    i = end + 1;
  }
  return best;
}

/** The per-channel median of a crop's pixels: its background, since text covers a minority of them. */
function medianColour(w: number, h: number, pixel: (x: number, y: number) => Rgb): Rgb {
  const channel = (c: number) => {
    const values = Float64Array.from({length: w * h}, (_, i) => pixel(i % w, Math.floor(i / w))[c]).sort();
    return values[values.length >> 1];
  };
  return [channel(0), channel(1), channel(2)];
}

/**
 * How far a pixel has gone from the background towards the ink, 0…255: a projection, linear in the
 * pixel, so the half-resolution chroma of 4:2:0 video blurs a glyph evenly instead of fattening one side.
 */
function towards(ink: Rgb, background: Rgb): (p: Rgb) => number {
  const d = ink.map((v, c) => v - background[c]);
  const norm = d.reduce((a, v) => a + v * v, 0) || 1;
  return p => 255 * Math.max(0, Math.min(1, p.reduce((a, v, c) => a + (v - background[c]) * d[c], 0) / norm));
}

/**
 * The box cut out of the frame with its text made black on white (or grey, unless `binarise`). A
 * pixel's inkiness is how far it has gone from the crop's background towards the text's `colour` (so
 * white text over a yellow surface, or dark text on a light node, still stands out), or without a
 * colour its brightest channel. Thresholded between the background and the strongest ink, trimmed to
 * its line of ink (see heaviestRun), scaled (bilinear) so the ink is `inkHeight` px tall, and framed by
 * a white margin. Null when the box holds no ink.
 */
export function prepareCrop(
  frame: RgbFrame,
  box: PixelBox,
  inkHeight = 36,
  colour: Rgb | null = null,
  binarise = true,
): Grey | null {
  const bx = Math.max(0, Math.floor(box.x));
  const by = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(frame.width, Math.ceil(box.x + box.width)) - bx);
  const h = Math.max(1, Math.min(frame.height, Math.ceil(box.y + box.height)) - by);
  const pixel = (x: number, y: number): Rgb => {
    const i = ((by + y) * frame.width + bx + x) * 3;
    return [frame.rgb[i], frame.rgb[i + 1], frame.rgb[i + 2]];
  };
  const inkiness = colour ? towards(colour, medianColour(w, h, pixel)) : (p: Rgb) => Math.max(...p);
  const bright = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) bright[y * w + x] = inkiness(pixel(x, y));
  const sorted = Float64Array.from(bright).sort();
  const lo = sorted[Math.floor(sorted.length * 0.1)];
  const hi = sorted[sorted.length - 1];
  if (hi - lo < 24) return null;
  const threshold = lo + (hi - lo) * 0.45;
  const ink = (x: number, y: number) => bright[y * w + x] > threshold;
  // The line of text: the band of ink rows holding the most ink (a neighbour's glyph or a curve that
  // pokes into the box sits apart, past blank rows), then the columns of ink in that band, grouped
  // where gaps are under half the band's height, keeping the group with the most ink.
  const rows = Array.from({length: h}, (_, y) =>
    Array.from({length: w}, (_, x) => +ink(x, y)).reduce((a, b) => a + b, 0),
  );
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
        at(xi, yi) * (1 - tx) * (1 - ty) +
        at(xi + 1, yi) * tx * (1 - ty) +
        at(xi, yi + 1) * (1 - tx) * ty +
        at(xi + 1, yi + 1) * tx * ty;
      data[(Y + pad) * W + X + pad] = binarise
        ? v > threshold
          ? 0
          : 255
        : 255 - Math.round(Math.max(0, Math.min(1, (v - lo) / (hi - lo))) * 255);
    }
  }
  return {width: W, height: H, data};
}

/** Writes a grey image as binary PGM (which Tesseract reads). */
export function writeGrey(image: Grey, pgm: string): void {
  mkdirSync(dirname(pgm), {recursive: true});
  writeFileSync(
    pgm,
    Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`), Buffer.from(image.data)]),
  );
}

/** A PNG copy of a PGM, for people to look at. */
export function pgmToPng(pgm: string, png: string): void {
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', pgm, png]);
}

/** Characters a number can be drawn with: digits, point, the three dashes, plus, comma and e. */
export const NUMBER_WHITELIST = '0123456789.-\u2212+,e';

/**
 * Tesseract's English model from npm (@tesseract.js-data/eng, the full 4.0.0 data with both the LSTM
 * and the legacy engine), unpacked once: every machine then reads with the same model, whatever
 * Debian's tesseract-ocr-eng ships.
 */
export function tessdataDir(): string {
  const dir = join(ROOT, 'node_modules/.cache/nn-motion-tessdata');
  const model = join(dir, 'eng.traineddata');
  if (existsSync(model)) return dir;
  const gz = join(
    dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')),
    '4.0.0/eng.traineddata.gz',
  );
  mkdirSync(dir, {recursive: true});
  writeFileSync(`${model}.part`, gunzipSync(readFileSync(gz)));
  renameSync(`${model}.part`, model);
  return dir;
}

/** How a crop is read: the ink height it is scaled to, binarised or grey, and Tesseract's engine (1 LSTM, 0 legacy). */
export interface ReadWay {
  height: number;
  binarise: boolean;
  oem: 0 | 1;
}

/** Tesseract on a list of images in one process: one line of digits and signs per image (pages split by form feeds). */
function tesseractList(files: string[], list: string, oem: number): Promise<string[]> {
  writeFileSync(list, files.join('\n') + '\n');
  const args = [list, 'stdout', '--tessdata-dir', tessdataDir(), '--oem', String(oem), '--psm', '7', '-l', 'eng'];
  return new Promise((done, fail) => {
    const child = spawn(TESSERACT, [...args, '-c', `tessedit_char_whitelist=${NUMBER_WHITELIST}`], {
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
      if (code !== 0 || pages.length !== files.length)
        fail(
          new Error(
            `tesseract read ${pages.length} of ${files.length} images (exit ${code}): ${err.trim().split('\n').pop()}`,
          ),
        );
      else done(pages);
    });
  });
}

/**
 * Reads many images as single lines with a few Tesseract processes (one per CPU, each given a list of
 * files), so the model loads once per process rather than once per number. Results are in `files`' order.
 */
export async function readNumberImages(
  files: string[],
  workdir: string,
  oem: 0 | 1 = 1,
  processes = Math.max(1, Math.min(2, availableParallelism())),
): Promise<string[]> {
  if (files.length === 0) return [];
  mkdirSync(workdir, {recursive: true});
  const parts = Array.from({length: processes}, (_, k) =>
    files.slice(Math.floor((k * files.length) / processes), Math.floor(((k + 1) * files.length) / processes)),
  );
  const reads = await Promise.all(
    parts.map((part, k) =>
      part.length ? tesseractList(part, join(workdir, `list-${k}.txt`), oem) : Promise.resolve([]),
    ),
  );
  return reads.flat();
}

/**
 * The ways a crop is read. The first is tried on every number, the rest only when it disagrees with
 * the drawn string. Each way misreads a few of JetBrains Mono's glyphs (its flat-topped 3 as 5, its
 * dotted 0 as 8 or as nothing), but measured over every number in the project no two ways misread the
 * same one, so the majority is right.
 */
export const READS: ReadWay[] = [
  {height: 36, binarise: true, oem: 1},
  {height: 32, binarise: true, oem: 1},
  {height: 36, binarise: true, oem: 0},
  {height: 28, binarise: false, oem: 1},
  {height: 28, binarise: true, oem: 1},
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
 * string, every other way too; then the reading most ways agree on is kept (the earliest on a tie). The first crop stays as `<save>.pgm`. Empty text when the box holds no ink.
 */
export async function readNumbers(jobs: ReadJob[], workdir: string): Promise<ReadResult[]> {
  const results: ReadResult[] = jobs.map(() => ({text: '', reads: []}));
  let pending = jobs.map((_, i) => i);
  for (const [pass, {height, binarise, oem}] of READS.entries()) {
    const files: string[] = [];
    const owners: number[] = [];
    for (const i of pending) {
      const image = prepareCrop(jobs[i].frame, jobs[i].box, height, jobs[i].ink, binarise);
      if (!image) continue;
      const file = pass === 0 ? `${jobs[i].save}.pgm` : join(workdir, `retry-${i}-${pass}.pgm`);
      writeGrey(image, file);
      files.push(file);
      owners.push(i);
    }
    const reads = await readNumberImages(files, workdir, oem);
    owners.forEach((i, k) => results[i].reads.push(reads[k]));
    if (pass > 0) for (const f of files) rmSync(f, {force: true});
    if (pass === 0)
      pending = owners.filter(i => normaliseNumber(results[i].reads[0]) !== normaliseNumber(jobs[i].expected));
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

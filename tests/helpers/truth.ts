/**
 * The truth check: every number on screen, read back from the real MP4 with OCR and compared with the
 * string the node draws and with the value the scene's model gives at that time.
 *
 * One inspector (render server + browser) measures where each number node is at sampled frames; one
 * CLI run renders the scenes to MP4 at `-q m` and a low frame rate (every frame is a sample time); each
 * number's box is cut from the decoded frame, scaled up, binarised and read by Tesseract.
 */
import {mkdirSync, rmSync} from 'node:fs';
import {join, relative} from 'node:path';
import {Inspector} from '../../src/render/inspect';
import type {LayoutSample, NumberBox} from '../../src/render/layoutCheck';
import {ROOT, runCli} from './media';
import {decodeRgbFrame, normaliseNumber, readNumber, type PixelBox} from './ocr';

/** The model's value for a number on screen at time t, or undefined when the model has none for it. */
export type ModelValue = (n: NumberBox, t: number) => number | undefined;

export interface TruthOptions {
  /** Project file relative to the repository. */
  project: string;
  scenes: string[];
  /** Per scene, the model's values (scenes absent compare OCR with the drawn string only). */
  models: Record<string, ModelValue>;
  /** Frame rate of both the inspection and the render: every frame is a sample time. */
  fps: number;
  /** Where the video, the crops and the report go. */
  out: string;
  /** At least this many frames per scene (when it shows numbers at that many). */
  minFrames: number;
}

export const VIDEO = {width: 1280, height: 720, quality: 'm'} as const;

/** One number read at one frame. */
export interface Reading {
  scene: string;
  frame: number;
  time: number;
  node: NumberBox;
  /** The crop, in video pixels. */
  box: PixelBox;
  /** The majority reading, and every reading (one per crop size). */
  ocr: string;
  reads: string[];
  /** What the node draws (its Txt's text). */
  drawn: string;
  /** The model's value, when the scene maps this number to one. */
  engine: number | undefined;
  /** The drawn string's number and the model's value rounded as shown; undefined without a model value. */
  modelEqual: boolean | undefined;
  ocrEqual: boolean;
  /** The saved crop (PNG), relative to the repository. */
  image: string;
}

export interface SceneTruth {
  scene: string;
  frames: number[];
  /** The frames' times in seconds. */
  times: number[];
  readings: Reading[];
  /** Labels of numbers the scene's model does not map (compared by OCR only). */
  unmapped: string[];
}

/** A number that is fully drawn and big enough to read (fades and tiny text are left to other tests). */
export const readable = (n: NumberBox) => n.opacity >= 0.99 && n.text.trim() !== '' && n.width > 0 && n.fontPx >= 20;

/** What to call a number in messages: its kind and label, or its kind and key. */
export const nameOf = (n: NumberBox) => (n.label ? `${n.kind} "${n.label}"` : `${n.kind} ${n.key}`);

/** A number's identity across frames: the owner's key. */
const idOf = (n: NumberBox) => n.key;

/**
 * The frames to read: every number's middle of its readable span (so each readout is seen), then the
 * first and last frame showing numbers and the middle one, until there are `min`; slide starts showing
 * numbers are added too (beat boundaries).
 */
export function chooseFrames(samples: LayoutSample[], min: number, slides: number[] = []): number[] {
  const shown = samples.map(s => ({frame: s.frame, ids: new Set((s.numbers ?? []).filter(readable).map(idOf))})).filter(s => s.ids.size > 0);
  if (shown.length === 0) return [];
  const chosen = new Set<number>();
  const ids = [...new Set(shown.flatMap(s => [...s.ids]))];
  for (const id of ids) {
    if ([...chosen].some(f => shown.find(s => s.frame === f)!.ids.has(id))) continue;
    const span = shown.filter(s => s.ids.has(id));
    chosen.add(span[Math.floor(span.length / 2)].frame);
  }
  for (const f of slides) if (shown.some(s => s.frame === f)) chosen.add(f);
  const extra = [shown[0], shown[shown.length - 1], shown[Math.floor(shown.length / 2)], shown[Math.floor(shown.length / 4)], shown[Math.floor((3 * shown.length) / 4)]];
  for (const s of extra) if (chosen.size < min) chosen.add(s.frame);
  return [...chosen].sort((a, b) => a - b);
}

/** A drawn number string as a number: the minus sign read as '-', scientific notation allowed. */
export function parseShown(s: string): number {
  return Number(s.trim().replace(/\u2212/g, '-'));
}

/** The engine value rounded as the drawn string shows it (fixed decimals, or the mantissa's in scientific). */
export function roundedAsShown(value: number, drawn: string): number {
  const t = drawn.trim();
  if (/e/.test(t)) {
    const digits = (t.split('e')[0].split('.')[1] ?? '').length;
    return Number(value.toExponential(digits));
  }
  const digits = (t.split('.')[1] ?? '').length;
  return Number(value.toFixed(digits));
}

const fmtBox = (b: PixelBox) => `[${b.x.toFixed(0)}, ${b.y.toFixed(0)}, ${(b.x + b.width).toFixed(0)}, ${(b.y + b.height).toFixed(0)}]`;

/** One line per wrong reading: scene, time, box, OCR text, drawn string and engine value, and the crop. */
export function describeMismatch(r: Reading): string {
  const what = [
    !r.ocrEqual ? 'the video does not show what the node draws' : null,
    r.modelEqual === false ? 'the node does not show the engine value' : null,
  ].filter(Boolean).join('; ');
  const engine = r.engine === undefined ? 'no model value' : `engine value ${r.engine} (shown as ${roundedAsShown(r.engine, r.drawn)})`;
  return `${r.scene} @ ${r.time.toFixed(2)} s: ${nameOf(r.node)} box ${fmtBox(r.box)} px at ${VIDEO.width}×${VIDEO.height}: ` +
    `OCR "${r.ocr}" (reads ${r.reads.join(' | ')}), drawn "${r.drawn.trim()}", ${engine}: ${what} (crop: ${r.image})`;
}

export const isWrong = (r: Reading) => !r.ocrEqual || r.modelEqual === false;

/** Design px (1920×1080, top left) to video px, with a small margin so no glyph is cut. */
function toVideo(n: NumberBox): PixelBox {
  const s = VIDEO.width / 1920;
  const mx = 4;
  const my = 2;
  return {x: (n.x - mx) * s, y: (n.y - my) * s, width: (n.width + 2 * mx) * s, height: (n.height + 2 * my) * s};
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'n';

/**
 * Runs the whole check: inspects the scenes while the CLI renders them, then reads every readable number
 * at the chosen frames. Throws only when the tools fail; wrong numbers are returned as readings.
 */
export async function checkTruth(o: TruthOptions): Promise<SceneTruth[]> {
  rmSync(o.out, {recursive: true, force: true});
  mkdirSync(o.out, {recursive: true});
  const videoDir = join(o.out, 'video');
  const timeouts = ['--start-timeout', '600', '--frame-timeout', '600'];
  // The render runs after the inspection, not beside it: two Vite servers re-bundling dependencies at
  // once reload each other's page ("Execution context was destroyed").
  const render = () => runCli([...o.scenes, '-q', VIDEO.quality, '--fps', String(o.fps), '--workers', '1', '--project', o.project, '--out', videoDir, ...timeouts]);
  const plans: {scene: string; samples: LayoutSample[]}[] = [];
  const inspector = await Inspector.start({project: o.project, fps: o.fps, startTimeout: 600, frameTimeout: 600});
  try {
    for (const scene of o.scenes) {
      const info = await inspector.info(scene);
      const all = Array.from({length: info.frames}, (_, f) => f);
      const samples = await inspector.inspectFrames(scene, all);
      const frames = new Set(chooseFrames(samples, o.minFrames, info.slides));
      plans.push({scene, samples: samples.filter(s => frames.has(s.frame))});
    }
  } finally {
    await inspector.close();
  }
  const rendered = await render();
  if (rendered.code !== 0) throw new Error(`render failed (exit ${rendered.code}): ${rendered.stderr.trim().split('\n').pop()}`);

  const results: SceneTruth[] = [];
  for (const {scene, samples} of plans) {
    const video = join(videoDir, `${scene}.mp4`);
    const readings: Reading[] = [];
    const unmapped = new Set<string>();
    for (const sample of samples) {
      const frame = decodeRgbFrame(video, sample.frame, VIDEO.width, VIDEO.height);
      for (const node of (sample.numbers ?? []).filter(readable)) {
        const box = toVideo(node);
        const base = join(o.out, scene, `${sample.time.toFixed(2)}s-${safe(node.label || node.key)}-${safe(node.key)}`);
        const {text: ocr, reads} = readNumber(frame, box, base);
        const drawn = node.text;
        const engine = o.models[scene]?.(node, sample.time);
        if (engine === undefined && node.kind !== 'Txt') unmapped.add(node.label || node.key);
        readings.push({
          scene, frame: sample.frame, time: sample.time, node, box, ocr, reads, drawn, engine,
          ocrEqual: normaliseNumber(ocr) === normaliseNumber(drawn),
          modelEqual: engine === undefined ? undefined : parseShown(drawn) === roundedAsShown(engine, drawn) ||
            (parseShown(drawn) === 0 && roundedAsShown(engine, drawn) === 0),
          image: relative(ROOT, `${base}.png`),
        });
      }
    }
    results.push({scene, frames: samples.map(s => s.frame), times: samples.map(s => s.time), readings, unmapped: [...unmapped]});
  }
  return results;
}

/** The report: one line per scene, then the totals. */
export function summarise(results: SceneTruth[]): string {
  const lines = results.map(r => {
    if (r.readings.length === 0) return `${r.scene}: no readable numbers on screen at any frame`;
    const compared = r.readings.filter(x => x.engine !== undefined).length;
    const wrong = r.readings.filter(isWrong).length;
    const plain = r.readings.filter(x => x.node.kind === 'Txt').length;
    return `${r.scene}: ${r.readings.length} numbers in ${r.frames.length} frames (t = ${r.times.map(t => `${t.toFixed(1)} s`).join(', ')}), ` +
      `${compared} compared with the model, ${r.readings.length - compared} by OCR only` +
      (plain ? ` (${plain} plain-text numbers)` : '') +
      (r.unmapped.length ? `; no model value for ${r.unmapped.map(u => `"${u}"`).join(', ')}` : '') +
      (wrong ? `; ${wrong} WRONG` : '');
  });
  const n = results.reduce((s, r) => s + r.readings.length, 0);
  const m = results.reduce((s, r) => s + r.frames.length, 0);
  const bad = results.reduce((s, r) => s + r.readings.filter(isWrong).length, 0);
  lines.push(`${n} numbers in ${m} frames across ${results.length} scenes, ${bad === 0 ? 'all equal' : `${bad} wrong`}`);
  return lines.join('\n');
}

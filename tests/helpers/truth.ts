/**
 * The truth check: every number on screen, read back from the real MP4 with OCR and compared with the
 * string the node draws and with the value the scene's model gives at that time.
 *
 * One inspector (render server + browser) measures where each number node is at sampled frames; one
 * CLI run renders the scenes to MP4 at `-q m` and a low frame rate (every frame is a sample time); each
 * number's box is cut from the decoded frame, scaled up, binarised and read by Tesseract.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {Inspector} from '../../src/render/inspect';
import type {LayoutSample, NumberBox} from '../../src/render/layoutCheck';
import {ROOT, runCli} from './media';
import {decodeRgbFrames, normaliseNumber, pgmToPng, readNumbers, type PixelBox, type ReadJob} from './ocr';

/** The model's value for a number on screen at time t, or undefined when the model has none for it. */
/**
 * The model's value for a number node at time t, or undefined when the model has none. `frame` is
 * every number node at that frame: a value the scene shows as a function of other numbers on screen
 * (a loss at the shown knobs) is computed from those.
 */
export type ModelValue = (n: NumberBox, t: number, frame: NumberBox[]) => number | undefined;

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
  /** At most this many (default: the larger of minFrames and 5). */
  maxFrames?: number;
}

export const VIDEO = {width: 1920, height: 1080, quality: 'h'} as const;

/** One number read at one frame. */
export interface Reading {
  scene: string;
  frame: number;
  time: number;
  node: NumberBox;
  /** The crop, in video pixels. */
  box: PixelBox;
  /** The reading kept, and every read (one per crop size tried). */
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
  /** Numbers on screen at the chosen frames that were not read, counted by reason. */
  skipped: Map<string, number>;
}

/** Numbers under this many design px are not read (the layout check keeps text at 24 px and up). */
export const MIN_FONT_PX = 20;

/** Why a number on screen is not read, or null when it is read. Every skipped number is counted in the report. */
export function skipReason(n: NumberBox): string | null {
  if (n.text.trim() === '' || n.width <= 0 || n.opacity < 0.05) return 'not on screen';
  if (n.opacity < 0.99) return 'mid-fade';
  if (n.fontPx < MIN_FONT_PX) return `under ${MIN_FONT_PX} px`;
  return null;
}

/** A number that is fully drawn and big enough to read. */
export const readable = (n: NumberBox) => skipReason(n) === null;

/** What to call a number in messages: its kind and label, or its kind and key. */
export const nameOf = (n: NumberBox) => (n.label ? `${n.kind} "${n.label}"` : `${n.kind} ${n.key}`);

/** A number's identity across frames: the owner's key. */
const idOf = (n: NumberBox) => n.key;

/**
 * The frames to read, at most `max`: each time the frame showing the most numbers not yet seen (the
 * middle one of a tie), until every number node has been seen; then the first, last and middle frames
 * showing numbers until there are `min`.
 */
export function chooseFrames(samples: LayoutSample[], min: number, max = Math.max(min, 5)): number[] {
  const shown = samples
    .map(s => ({frame: s.frame, ids: new Set((s.numbers ?? []).filter(readable).map(idOf))}))
    .filter(s => s.ids.size > 0);
  if (shown.length === 0) return [];
  const chosen = new Set<number>();
  const seen = new Set<string>();
  while (chosen.size < max) {
    const gain = shown.map(s => (chosen.has(s.frame) ? 0 : [...s.ids].filter(id => !seen.has(id)).length));
    const best = Math.max(...gain);
    if (best === 0) break;
    const ties = shown.filter((_, i) => gain[i] === best);
    const pick = ties[Math.floor((ties.length - 1) / 2)];
    chosen.add(pick.frame);
    for (const id of pick.ids) seen.add(id);
  }
  const extra = [
    shown[0],
    shown[shown.length - 1],
    shown[Math.floor(shown.length / 2)],
    shown[Math.floor(shown.length / 4)],
    shown[Math.floor((3 * shown.length) / 4)],
  ];
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

const fmtBox = (b: PixelBox) =>
  `[${b.x.toFixed(0)}, ${b.y.toFixed(0)}, ${(b.x + b.width).toFixed(0)}, ${(b.y + b.height).toFixed(0)}]`;

/** One line per wrong reading: scene, time, box, OCR text, drawn string and engine value, and the crop. */
export function describeMismatch(r: Reading): string {
  const what = [
    !r.ocrEqual ? 'the video does not show what the node draws' : null,
    r.modelEqual === false ? 'the node does not show the engine value' : null,
  ]
    .filter(Boolean)
    .join('; ');
  const engine =
    r.engine === undefined
      ? 'no model value'
      : `engine value ${r.engine} (shown as ${roundedAsShown(r.engine, r.drawn)})`;
  return (
    `${r.scene} @ ${r.time.toFixed(2)} s: ${nameOf(r.node)} box ${fmtBox(r.box)} px at ${VIDEO.width}×${VIDEO.height}: ` +
    `OCR "${r.ocr}" (reads ${r.reads.join(' | ')}), drawn "${r.drawn.trim()}", ${engine}: ${what} (crop: ${r.image})`
  );
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

/** Turns a reading's crop (PGM, read by Tesseract) into a PNG next to it, for people to look at. */
function keepPng(r: Reading): void {
  const png = join(ROOT, r.image);
  pgmToPng(png.replace(/\.png$/, '.pgm'), png);
}

/**
 * Runs the whole check: inspects the scenes, renders them with the CLI in one run, then reads every
 * readable number at the chosen frames (all crops of all scenes in one batch of Tesseract runs).
 * Throws only when the tools fail; wrong numbers are returned as readings, with their crop as PNG.
 */
export async function checkTruth(o: TruthOptions): Promise<SceneTruth[]> {
  rmSync(o.out, {recursive: true, force: true});
  mkdirSync(o.out, {recursive: true});
  const videoDir = join(o.out, 'video');
  const timeouts = ['--start-timeout', '600', '--frame-timeout', '600'];
  const plans: {scene: string; samples: LayoutSample[]}[] = [];
  const inspector = await Inspector.start({project: o.project, fps: o.fps, startTimeout: 600, frameTimeout: 600});
  try {
    for (const scene of o.scenes) {
      const info = await inspector.info(scene);
      const samples = await inspector.inspectFrames(
        scene,
        Array.from({length: info.frames}, (_, f) => f),
      );
      const frames = new Set(chooseFrames(samples, o.minFrames, o.maxFrames));
      plans.push({scene, samples: samples.filter(s => frames.has(s.frame))});
    }
  } finally {
    await inspector.close();
  }
  // The render runs after the inspection, not beside it: two Vite servers re-bundling dependencies at
  // once reload each other's page ("Execution context was destroyed").
  const rendered = await runCli([
    ...o.scenes,
    '-q',
    VIDEO.quality,
    '--fps',
    String(o.fps),
    '--workers',
    '1',
    '--project',
    o.project,
    '--out',
    videoDir,
    ...timeouts,
  ]);
  if (rendered.code !== 0)
    throw new Error(`render failed (exit ${rendered.code}): ${rendered.stderr.trim().split('\n').pop()}`);

  const pending: {reading: Omit<Reading, 'ocr' | 'reads' | 'ocrEqual'>; job: ReadJob}[] = [];
  const skipped = new Map<string, Map<string, number>>();
  for (const {scene, samples} of plans) {
    const frames = decodeRgbFrames(
      join(videoDir, `${scene}.mp4`),
      samples.map(s => s.frame),
      VIDEO.width,
      VIDEO.height,
    );
    const skips = new Map<string, number>();
    skipped.set(scene, skips);
    for (const sample of samples) {
      for (const node of sample.numbers ?? []) {
        const reason = skipReason(node);
        if (reason === 'not on screen') continue;
        if (reason) {
          skips.set(reason, (skips.get(reason) ?? 0) + 1);
          continue;
        }
        const box = toVideo(node);
        const save = join(o.out, scene, `${sample.time.toFixed(2)}s-${safe(node.label || node.key)}-${safe(node.key)}`);
        const drawn = node.text;
        const engine = o.models[scene]?.(node, sample.time, sample.numbers ?? []);
        pending.push({
          reading: {
            scene,
            frame: sample.frame,
            time: sample.time,
            node,
            box,
            drawn,
            engine,
            modelEqual:
              engine === undefined
                ? undefined
                : parseShown(drawn) === roundedAsShown(engine, drawn) ||
                  (parseShown(drawn) === 0 && roundedAsShown(engine, drawn) === 0),
            image: relative(ROOT, `${save}.png`),
          },
          job: {frame: frames.get(sample.frame)!, box, ink: node.ink, expected: drawn, save},
        });
      }
    }
  }
  const reads = await readNumbers(
    pending.map(p => p.job),
    join(o.out, 'tesseract'),
  );
  const readings: Reading[] = pending.map(({reading}, i) => ({
    ...reading,
    ocr: reads[i].text,
    reads: reads[i].reads,
    ocrEqual: normaliseNumber(reads[i].text) === normaliseNumber(reading.drawn),
  }));
  for (const r of readings) if (isWrong(r)) keepPng(r);
  writeFileSync(
    join(o.out, 'readings.json'),
    JSON.stringify(
      readings.map(({node, ...r}) => ({
        ...r,
        label: node.label,
        key: node.key,
        kind: node.kind,
        fontPx: node.fontPx,
        ink: node.ink,
      })),
    ),
  );

  return plans.map(({scene, samples}) => {
    const mine = readings.filter(r => r.scene === scene);
    const unmapped = new Set(
      mine.filter(r => r.engine === undefined && r.node.kind !== 'Txt').map(r => r.node.label || r.node.key),
    );
    return {
      scene,
      frames: samples.map(s => s.frame),
      times: samples.map(s => s.time),
      readings: mine,
      unmapped: [...unmapped],
      skipped: skipped.get(scene)!,
    };
  });
}

/** The report: one line per scene, then the totals. */
export function summarise(results: SceneTruth[]): string {
  const lines = results.map(r => {
    if (r.readings.length === 0) return `${r.scene}: no readable numbers on screen at any frame`;
    const compared = r.readings.filter(x => x.engine !== undefined).length;
    const wrong = r.readings.filter(isWrong).length;
    const plain = r.readings.filter(x => x.node.kind === 'Txt').length;
    return (
      `${r.scene}: ${r.readings.length} numbers in ${r.frames.length} frames (t = ${r.times.map(t => `${t.toFixed(1)} s`).join(', ')}), ` +
      `${compared} compared with the model, ${r.readings.length - compared} by OCR only` +
      (plain ? ` (${plain} plain-text numbers)` : '') +
      (r.unmapped.length ? `; no model value for ${r.unmapped.map(u => `"${u}"`).join(', ')}` : '') +
      (r.skipped.size ? `; not read: ${[...r.skipped].map(([why, k]) => `${k} ${why}`).join(', ')}` : '') +
      (wrong ? `; ${wrong} WRONG` : '')
    );
  });
  const n = results.reduce((s, r) => s + r.readings.length, 0);
  const m = results.reduce((s, r) => s + r.frames.length, 0);
  const bad = results.reduce((s, r) => s + r.readings.filter(isWrong).length, 0);
  const skipped = results.reduce((s, r) => s + [...r.skipped.values()].reduce((a, b) => a + b, 0), 0);
  const modelled = results.reduce((s, r) => s + r.readings.filter(x => x.engine !== undefined).length, 0);
  lines.push(
    `${n} numbers in ${m} frames across ${results.length} scenes, ${bad === 0 ? 'all equal' : `${bad} wrong`}` +
      ` (${modelled} also equal to the scene's model${bad ? ' or not' : ''}; ${skipped} on screen not read, counted above)`,
  );
  return lines.join('\n');
}

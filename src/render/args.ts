/** Command-line options of `npm run render`, parsed without side effects so tests can cover every case. */
import type {Voice} from '../narration/types';

export type Quality = 'l' | 'm' | 'h' | 'k';
export type Format = 'mp4' | 'png' | 'gif' | 'webm' | 'mov';
/** Formats Node encodes from raw RGBA frames (ffmpeg), rather than the page's H.264. */
export const RGBA_FORMATS: readonly Format[] = ['gif', 'webm', 'mov'];
/** 'discard' (draw only) and 'stock-ffmpeg' (Motion Canvas's own exporter) exist for benchmarks. */
export type Subs = 'zh' | 'en' | 'both' | 'none';
export type Encoder = 'auto' | 'webcodecs' | 'x264' | 'discard' | 'stock-ffmpeg';

export interface RenderOptions {
  scenes: string[];
  width: number;
  height: number;
  fps: number;
  range: [number, number] | null;
  out: string;
  /** Seconds of each still; null when not taking stills. */
  still: number[] | null;
  /** Frames in a contact sheet; null for none. */
  sheet: number | null;
  /** Parallel browsers; null picks one per CPU. */
  workers: number | null;
  /** Block K of N (K from 0), or null for the whole render. */
  shard: [number, number] | null;
  join: boolean;
  frameTimeout: number;
  startTimeout: number;
  format: Format;
  /** No background: alpha in webm, mov and png. */
  transparent: boolean;
  /** GIF only: loop forever (default) or play once. */
  loop: boolean;
  /** One MP4 per slide (`beginSlide`) in output/<scene>/, plus slides.html. */
  slides: boolean;
  /** Narration: speak the lines (false: --no-audio, silent and timed for reading). */
  audio: boolean;
  voice: Voice;
  /** Which languages the .srt/.vtt files and the MP4's subtitle streams carry. */
  subs: Subs;
  encoder: Encoder;
  list: boolean;
  help: boolean;
  verbose: boolean;
  project: string;
  /** Render even when the cache says the output is up to date. */
  force: boolean;
  /** The lecture's running order and titles (`lecture` only); null for src/lecture.json. */
  lectureList: string | null;
}

/** manim's quality presets: -ql, -qm, -qh, -qk. */
export const QUALITY: Record<Quality, {width: number; height: number; fps: number}> = {
  l: {width: 854, height: 480, fps: 15},
  m: {width: 1280, height: 720, fps: 30},
  h: {width: 1920, height: 1080, fps: 60},
  k: {width: 3840, height: 2160, fps: 60},
};

export const DEFAULT_PROJECT = 'src/project.ts';

/** A user mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const HELP = `Usage: npm run render -- [scene ...] [options]
       npm run render -- lecture [options]

Renders scenes of the project to MP4 (or PNG) in headless Chromium.
With no scene names, every scene is rendered, each to its own file.
\`lecture\` renders every scene of src/lecture.json in order, each after a title card, into lecture.mp4.
A video whose inputs have not changed is not rendered again ("up to date").

Options:
  -q, --quality l|m|h|k  854x480@15, 1280x720@30, 1920x1080@60, 3840x2160@60 (default h)
  --fps N                frames per second (overrides -q)
  --size WxH             output size in pixels, both even (overrides -q)
  --range A:B            render only seconds A to B, end excluded (either side may be empty)
  --still T[,T...]       write a PNG of the frame at each time T (seconds), in one run
  --sheet K              write a contact sheet of K evenly spaced frames (PNG)
  --format F             mp4 (default), png (an image sequence), gif, webm (VP9) or mov (ProRes 4444)
  --transparent          leave the background unpainted: alpha in webm, mov and png
  --no-loop              a GIF that plays once (default: loops forever)
  --slides               one MP4 per slide (beginSlide) in <out>/<scene>/, plus a slides.html presenter
  --voice zh|en          narration voice: espeak-ng Mandarin (cmn) reading the Chinese, or English (default zh)
  --no-audio             no narration audio (silent, lines timed for reading); needs no espeak-ng
  --subs zh|en|both|none subtitles of narrated scenes: <scene>.srt/.vtt and streams in the MP4 (default both)
  --encoder auto|webcodecs|x264
                         auto: WebCodecs H.264 when the browser supports it, else libx264
  --workers N            parallel browsers, each on its own CPU (default: one per CPU)
  --shard K/N            render block K of N (K from 0) into a shard file + manifest
  --join                 check the shards in --out and join them into <scene>.mp4
  --out DIR              output directory (default output/)
  --frame-timeout S      fail when a scene makes no progress for S seconds (default 60)
  --start-timeout S      fail when the browser or page takes longer to start (default 60)
  --force                render even when the output is up to date
  --lecture-list FILE    the lecture's scenes and titles (default src/lecture.json)
  --list                 list scene ids and durations
  --verbose              print stack traces and browser logs
  -h, --help             show this help

A D-second scene at F fps has round(D*F) frames. Output is the same, byte for byte, whatever
--workers or --shard split was used. Environment: CHROME_PATH (browser), FFMPEG_PATH (ffmpeg),
ESPEAK_NG_PATH (espeak-ng).`;

export function parseArgs(argv: string[]): RenderOptions {
  let quality: Quality = 'h';
  let fps: number | null = null;
  let size: [number, number] | null = null;
  let qualityGiven = false;
  let encoderGiven = false;
  const o: RenderOptions = {
    scenes: [],
    width: 0,
    height: 0,
    fps: 0,
    range: null,
    out: 'output',
    still: null,
    sheet: null,
    workers: null,
    shard: null,
    join: false,
    frameTimeout: 60,
    startTimeout: 60,
    format: 'mp4',
    transparent: false,
    loop: true,
    slides: false,
    audio: true,
    voice: 'zh',
    subs: 'both',
    encoder: 'auto',
    list: false,
    help: false,
    verbose: false,
    project: DEFAULT_PROJECT,
    force: false,
    lectureList: null,
  };

  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    // manim style: -ql, -qh
    if (/^-q[lmhk]$/.test(raw)) {
      quality = raw[2] as Quality;
      qualityGiven = true;
      continue;
    }
    switch (flag) {
      case '-q':
      case '--quality':
        quality = parseQuality(value());
        qualityGiven = true;
        break;
      case '--fps':
        fps = parseFps(value());
        break;
      case '--size':
        size = parseSize(value());
        break;
      case '--range':
        o.range = parseRange(value());
        break;
      case '--still':
        o.still = value()
          .split(',')
          .map(v => parseSeconds(v, '--still'));
        break;
      case '--sheet':
        o.sheet = parseWhole(value(), '--sheet', 2, 100);
        break;
      case '--workers':
        o.workers = parseWhole(value(), '--workers', 1, 64);
        break;
      case '--shard':
        o.shard = parseShard(value());
        break;
      case '--join':
        o.join = true;
        break;
      case '--frame-timeout':
        o.frameTimeout = parsePositive(value(), '--frame-timeout');
        break;
      case '--start-timeout':
        o.startTimeout = parsePositive(value(), '--start-timeout');
        break;
      case '--format':
        o.format = parseChoice(value(), ['mp4', 'png', 'gif', 'webm', 'mov'], '--format');
        break;
      case '--transparent':
        o.transparent = true;
        break;
      case '--no-loop':
        o.loop = false;
        break;
      case '--slides':
        o.slides = true;
        break;
      case '--voice':
        o.voice = parseChoice(value(), ['zh', 'en'], '--voice');
        break;
      case '--no-audio':
        o.audio = false;
        break;
      case '--subs':
        o.subs = parseChoice(value(), ['zh', 'en', 'both', 'none'], '--subs');
        break;
      case '--encoder':
        o.encoder = parseChoice(value(), ['auto', 'webcodecs', 'x264', 'discard', 'stock-ffmpeg'], '--encoder');
        encoderGiven = true;
        break;
      case '--out':
        o.out = nonEmpty(value(), '--out');
        break;
      case '--project':
        o.project = nonEmpty(value(), '--project');
        break;
      case '--force':
        o.force = true;
        break;
      case '--lecture-list':
        o.lectureList = nonEmpty(value(), '--lecture-list');
        break;
      case '--list':
        o.list = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        if (raw.startsWith('-')) throw new UsageError(`unknown option ${flag} (see --help)`);
        o.scenes.push(raw);
    }
  }

  // A GIF is for a slide deck: small unless asked otherwise.
  if (o.format === 'gif' && !qualityGiven) quality = 'l';
  const preset = QUALITY[quality];
  [o.width, o.height] = size ?? [preset.width, preset.height];
  o.fps = fps ?? preset.fps;
  const modes = [
    o.still && '--still',
    o.sheet && '--sheet',
    o.format === 'png' && '--format png',
    o.shard && '--shard',
    o.join && '--join',
  ];
  const chosen = modes.filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen[0]} cannot be combined with ${chosen[1]}`);
  if (o.still && o.range) throw new UsageError('--still cannot be combined with --range');
  if (o.join && o.range) throw new UsageError('--join takes its range from the shards; drop --range');
  checkFormat(o, encoderGiven);
  return o;
}

/** Combinations of format, alpha and slides that cannot be made. */
function checkFormat(o: RenderOptions, encoderGiven: boolean) {
  const f = `--format ${o.format}`;
  if (o.transparent && (o.format === 'mp4' || o.format === 'gif')) {
    throw new UsageError(`--transparent needs a format with alpha (webm, mov or png), not ${o.format}`);
  }
  if (o.transparent && (o.still || o.sheet))
    throw new UsageError(`--transparent cannot be combined with ${o.still ? '--still' : '--sheet'}`);
  if (!o.loop && o.format !== 'gif') throw new UsageError('--no-loop only applies to --format gif');
  if (RGBA_FORMATS.includes(o.format)) {
    if (encoderGiven) throw new UsageError(`--encoder only applies to mp4, not ${f}`);
    const other = o.still ? '--still' : o.sheet ? '--sheet' : o.shard ? '--shard' : o.join ? '--join' : null;
    if (other) throw new UsageError(`${f} cannot be combined with ${other}`);
  }
  if (o.slides) {
    const other = o.still
      ? '--still'
      : o.sheet
        ? '--sheet'
        : o.shard
          ? '--shard'
          : o.join
            ? '--join'
            : o.range
              ? '--range'
              : o.format !== 'mp4'
                ? f
                : null;
    if (other) throw new UsageError(`--slides cannot be combined with ${other}`);
  }
}

function parseQuality(v: string): Quality {
  if (v in QUALITY) return v as Quality;
  throw new UsageError(`bad quality "${v}": expected one of l, m, h, k`);
}

function parseFps(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 240) {
    throw new UsageError(`bad --fps "${v}": expected a whole number from 1 to 240`);
  }
  return n;
}

function parseSize(v: string): [number, number] {
  const m = /^(\d+)x(\d+)$/i.exec(v);
  const w = m ? Number(m[1]) : NaN;
  const h = m ? Number(m[2]) : NaN;
  // H.264 with 4:2:0 chroma needs even sides.
  if (!m || w < 16 || h < 16 || w > 7680 || h > 4320 || w % 2 || h % 2) {
    throw new UsageError(`bad --size "${v}": expected WxH with even sides from 16 to 7680x4320`);
  }
  return [w, h];
}

function parseSeconds(v: string, flag: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`bad ${flag} "${v}": expected seconds >= 0`);
  }
  return n;
}

function parseWhole(v: string, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new UsageError(`bad ${flag} "${v}": expected a whole number from ${min} to ${max}`);
  return n;
}

function parsePositive(v: string, flag: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`bad ${flag} "${v}": expected seconds > 0`);
  return n;
}

function parseShard(v: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const [k, n] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || n < 1 || n > 10000 || k >= n) throw new UsageError(`bad --shard "${v}": expected K/N with 0 <= K < N`);
  return [k, n];
}

function parseRange(v: string): [number, number] {
  const m = /^([^:]*):([^:]*)$/.exec(v);
  if (!m) throw new UsageError(`bad --range "${v}": expected A:B in seconds`);
  const a = m[1] === '' ? 0 : parseSeconds(m[1], '--range');
  const b = m[2] === '' ? Infinity : parseSeconds(m[2], '--range');
  if (b <= a) throw new UsageError(`bad --range "${v}": the end must come after the start`);
  return [a, b];
}

function parseChoice<T extends string>(v: string, choices: readonly T[], flag: string): T {
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`bad ${flag} "${v}": expected one of ${choices.join(', ')}`);
}

function nonEmpty(v: string, flag: string): string {
  if (v.trim() === '') throw new UsageError(`${flag} needs a value`);
  return v;
}

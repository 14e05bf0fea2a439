import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {FFMPEG, FFPROBE, framemd5, messageLines, processesMatching, runCli, outputsIn} from '../helpers/media';

const SCENE = 'xor-line';
const FPS = 15; // -q l
const [W, H] = [854, 480];
const RANGE_START = 7; // seconds: the "points" caption leaves and the "line" one starts inside 7–9 s
const outDir = (tag: string) => mkdtempSync(join(tmpdir(), `nnm-narr-${tag}-`));

interface SrtCue {
  start: number;
  end: number;
  text: string;
}

/** An .srt file's cues, times in frames (they must land on whole frames). */
function parseSrt(text: string): SrtCue[] {
  const ms = (s: string) => {
    const [h, m, rest] = s.split(':');
    const [sec, milli] = rest.split(/[,.]/);
    return ((Number(h) * 60 + Number(m)) * 60 + Number(sec)) * 1000 + Number(milli);
  };
  return text
    .trim()
    .split(/\n\n+/)
    .map(block => {
      const lines = block.split('\n');
      const at = lines.findIndex(l => l.includes(' --> '));
      const [a, b] = lines[at].split(' --> ').map(ms);
      return {start: (a * FPS) / 1000, end: (b * FPS) / 1000, text: lines.slice(at + 1).join('\n')};
    });
}

/** The speech, decoded: mono float samples at 48 kHz. */
function decodeAudio(mp4: string): Float32Array {
  const raw = execFileSync(
    FFMPEG,
    ['-v', 'error', '-i', mp4, '-map', '0:a', '-f', 'f32le', '-ac', '1', '-ar', '48000', '-'],
    {
      maxBuffer: 1 << 28,
    },
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

/** First sample louder than −40 dBFS after at least `quiet` seconds of silence. */
function onsetAfterSilence(samples: Float32Array, quiet = 0.25): number {
  const gap = Math.round(quiet * 48000);
  let lastLoud = -gap - 1;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]) > 0.01) {
      if (i - lastLoud > gap && i > 0) return i;
      lastLoud = i;
    }
  }
  return -1;
}

/** Per frame, how much brighter the caption band is than the plain background (0 when no caption shows). */
function captionEnergy(mp4: string): number[] {
  const raw = execFileSync(FFMPEG, ['-v', 'error', '-i', mp4, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    maxBuffer: 1 << 28,
  });
  const [y0, y1] = [Math.round(H * 0.83), Math.round(H * 0.95)];
  const frames: number[] = [];
  for (let f = 0; f * W * H < raw.length; f++) {
    let sum = 0;
    for (let y = y0; y < y1; y++)
      for (let x = 100; x < W - 100; x++) sum += Math.max(0, raw[f * W * H + y * W + x] - 30);
    frames.push(sum / ((y1 - y0) * (W - 200)));
  }
  return frames;
}

function streams(mp4: string): string[] {
  return execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', mp4])
    .toString()
    .trim()
    .split('\n');
}

describe(`narration of ${SCENE}, --range ${RANGE_START}:9 at -q l`, () => {
  const one = outDir('w1');
  const two = outDir('w2');
  const mp4 = join(one, `${SCENE}.mp4`);
  let cues: SrtCue[] = [];

  beforeAll(async () => {
    for (const [out, workers] of [
      [one, '1'],
      [two, '2'],
    ]) {
      const r = await runCli([SCENE, '-q', 'l', '--range', `${RANGE_START}:9`, '--workers', workers, '--out', out]);
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
    }
    cues = parseSrt(readFileSync(join(one, `${SCENE}.srt`), 'utf8'));
  });

  it('writes the MP4 with video, AAC speech and a subtitle stream per language, and the .srt/.vtt beside it', () => {
    expect(outputsIn(one)).toEqual([`${SCENE}.mp4`, `${SCENE}.srt`, `${SCENE}.vtt`]);
    expect(streams(mp4)).toEqual(['h264,video', 'aac,audio', 'mov_text,subtitle', 'mov_text,subtitle']);
  });

  it('subtitle cue times fall on whole frames, and the cue of "line" starts where the scene set its caption', () => {
    for (const c of cues) {
      expect(Math.abs(c.start - Math.round(c.start))).toBeLessThan(0.02);
      expect(Math.abs(c.end - Math.round(c.end))).toBeLessThan(0.02);
    }
    expect(cues.map(c => c.text.split('\n')[1])).toEqual([
      'XOR is 0 when the two inputs match, 1 when they differ',
      'A perceptron fires on one side of a straight line',
    ]);
    // The range starts inside "points": its cue is cut to start at the range's first frame.
    expect(cues[0].start).toBe(0);
    const energy = captionEnergy(mp4);
    const [end, start] = [Math.round(cues[0].end), Math.round(cues[1].start)];
    // "points" shows fully until its cue ends, then fades; "line" is set (invisible) at its cue's start and fades in.
    expect(energy[end - 1]).toBeCloseTo(energy[end], 1);
    expect(energy[end + 1]).toBeLessThan(energy[end] - 0.1);
    expect(energy[end + 2]).toBeLessThan(energy[end + 1] - 0.1);
    expect(energy[start]).toBeLessThan(0.05);
    expect(energy[start + 1]).toBeGreaterThan(0.05);
  });

  it('the speech of "line" starts within one frame of the frame its caption appears', () => {
    const onset = onsetAfterSilence(decodeAudio(mp4));
    expect(onset).toBeGreaterThan(0);
    const onsetFrame = (onset / 48000) * FPS;
    const energy = captionEnergy(mp4);
    const appears = energy.findIndex((e, f) => f > 0 && energy[f - 1] < 0.05 && e > 0.05);
    expect(Math.abs(onsetFrame - appears)).toBeLessThanOrEqual(1);
    expect(Math.abs(onsetFrame - cues[1].start)).toBeLessThanOrEqual(1);
  });

  it('the MP4 subtitle streams carry the same cue times as the .srt', () => {
    for (const k of [0, 1]) {
      const fromMp4 = execFileSync(FFMPEG, ['-v', 'error', '-i', mp4, '-map', `0:s:${k}`, '-f', 'srt', '-']).toString();
      expect(parseSrt(fromMp4).map(c => [c.start, c.end])).toEqual(cues.map(c => [c.start, c.end]));
    }
  });

  it('--workers 2 gives the same frames, the same speech and the same subtitles', () => {
    const other = join(two, `${SCENE}.mp4`);
    expect(framemd5(other)).toBe(framemd5(mp4));
    expect(Buffer.from(decodeAudio(other).buffer).equals(Buffer.from(decodeAudio(mp4).buffer))).toBe(true);
    for (const ext of ['srt', 'vtt']) {
      expect(readFileSync(join(two, `${SCENE}.${ext}`), 'utf8')).toBe(
        readFileSync(join(one, `${SCENE}.${ext}`), 'utf8'),
      );
    }
  });
});

describe('narration without espeak-ng', () => {
  const noEspeak = {ESPEAK_NG_PATH: '/nonexistent/espeak-ng'};

  it('a render that needs speech fails in one line that suggests --no-audio, and writes nothing', async () => {
    const out = outDir('missing');
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:1', '--out', out], {env: noEspeak});
    expect(r.code).not.toBe(0);
    expect(messageLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/espeak-ng.*--no-audio/);
    expect(readdirSync(out)).toEqual([]);
    expect(processesMatching(`--nnm-render=${r.pid}`)).toEqual([]);
  });

  it('--no-audio renders without it: no audio stream, the subtitles still there', async () => {
    const out = outDir('silent');
    const r = await runCli(['tangent-slope', '-q', 'l', '--range', '0:1', '--no-audio', '--out', out], {env: noEspeak});
    expect(r.code).toBe(0);
    expect(outputsIn(out)).toEqual(['tangent-slope.mp4', 'tangent-slope.srt', 'tangent-slope.vtt']);
    expect(streams(join(out, 'tangent-slope.mp4'))).toEqual(['h264,video', 'mov_text,subtitle', 'mov_text,subtitle']);
  });
});

describe('the scene timeline follows the voice', () => {
  const seconds = async (flags: string[]) => {
    const r = await runCli(['xor-line', '--list', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    return Number(/xor-line\s+([\d.]+)s/.exec(r.stdout)?.[1]);
  };

  it('--no-audio times the lines for reading, and the spoken timeline comes back after it (no stale page build)', async () => {
    const spoken = await seconds([]);
    const silent = await seconds(['--no-audio']);
    expect(silent).not.toBe(spoken);
    expect(await seconds([])).toBe(spoken);
  });
});

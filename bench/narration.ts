/**
 * `npm run bench:narration [scene…]`: the speech of each narrated scene, measured on the MP4 a
 * whole `-q l` render writes: integrated loudness and true peak of the AAC track (EBU R128), and
 * per line where its sound starts and ends against its subtitle cue. A line must end before its
 * caption leaves (the beat ends) and before the next line starts. Exits 1 when a figure is out.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {narratedScenes} from '../src/narration/render';
import {loudness, TARGET_LUFS} from '../src/narration/voice';
import {parseSrt} from '../src/render/lecture';
import {resolveFfmpeg} from '../src/render/tools';

const ROOT = resolve(import.meta.dirname, '..');
const FPS = 15; // -q l
const RATE = 48000;
const LOUD = 0.01; // −40 dBFS
const ffmpeg = resolveFfmpeg();
const scenes = process.argv.slice(2).length ? process.argv.slice(2) : narratedScenes(ROOT);

function speech(mp4: string): Float32Array {
  const raw = execFileSync(
    ffmpeg,
    ['-v', 'error', '-i', mp4, '-map', '0:a', '-f', 'f32le', '-ac', '1', '-ar', String(RATE), '-'],
    {maxBuffer: 1 << 29},
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

/** First and last loud sample in [from, to), or null for silence. */
function soundIn(samples: Float32Array, from: number, to: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = from; i < Math.min(to, samples.length); i++) {
    if (Math.abs(samples[i]) > LOUD) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? null : [first, last];
}

let failed = false;
const fail = (why: string) => {
  failed = true;
  return `  ✗ ${why}`;
};
for (const scene of scenes) {
  const out = mkdtempSync(join(tmpdir(), 'nnm-bench-narration-'));
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/render/cli.ts', scene, '-q', 'l', '--force', '--out', out],
      {cwd: ROOT, encoding: 'utf8'},
    );
    if (r.status !== 0) throw new Error(`render failed: ${r.stderr.trim().split('\n').pop()}`);
    const mp4 = join(out, `${scene}.mp4`);
    const {lufs, peak} = await loudness(ffmpeg, mp4);
    const cues = parseSrt(readFileSync(join(out, `${scene}.srt`), 'utf8'), FPS);
    const samples = speech(mp4);
    console.log(
      `${scene}: ${lufs.toFixed(1)} LUFS integrated, true peak ${peak.toFixed(1)} dBTP, ${cues.length} lines`,
    );
    if (Math.abs(lufs - TARGET_LUFS) > 1)
      console.log(fail(`loudness is ${lufs.toFixed(1)} LUFS, not ${TARGET_LUFS} ± 1`));
    if (peak > -1) console.log(fail(`true peak ${peak.toFixed(1)} dBTP is above −1`));
    cues.forEach((c, i) => {
      const start = Math.round((c.from * RATE) / FPS);
      const next = i + 1 < cues.length ? Math.round((cues[i + 1].from * RATE) / FPS) : samples.length;
      const leaves = Math.round((c.to * RATE) / FPS);
      const s = soundIn(samples, start, next);
      const key = c.text.split('\n').pop()!.slice(0, 48);
      if (!s) return console.log(fail(`line ${i + 1} "${key}" is silent`));
      const [onset, end] = s.map(n => n / RATE);
      const slack = (Math.min(leaves, next) - s[1]) / RATE;
      console.log(
        `  line ${i + 1}: sound ${onset.toFixed(2)}–${end.toFixed(2)} s, cue ${(c.from / FPS).toFixed(2)}–${(c.to / FPS).toFixed(2)} s, ends ${slack.toFixed(2)} s before its beat ends  "${key}"`,
      );
      if (slack <= 0) console.log(fail(`line ${i + 1} runs past its beat or into the next line`));
    });
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}
process.exit(failed ? 1 : 0);

/**
 * `render -- lecture` end to end on a two-scene test lecture (tests/fixtures/lecture.json): title
 * cards and scenes rendered, joined into one MP4 with speech and subtitles; then the cache: a second
 * run renders nothing and says "up to date", --force renders again.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseSrt} from '../../src/render/lecture';
import {FFPROBE, countFrames, framemd5, runCli, videoMd5s, type CliResult} from '../helpers/media';

const FPS = 15; // -q l
const out = mkdtempSync(join(tmpdir(), 'nnm-lecture-'));
const ARGS = [
  'lecture',
  '-q',
  'l',
  '--project',
  'tests/fixtures/lecture.project.ts',
  '--lecture-list',
  'tests/fixtures/lecture.json',
  '--out',
  out,
];
const final = join(out, 'lecture.mp4');
/** The parts in lecture order: each scene after its card. */
const PARTS = [
  '.lecture/title-three-slides.mp4',
  'three-slides.mp4',
  '.lecture/title-tangent-slope.mp4',
  'tangent-slope.mp4',
].map(p => join(out, p));

function streams(file: string): {codec_type: string; codec_name: string; duration: string}[] {
  const json = execFileSync(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', file]).toString();
  return (JSON.parse(json) as {streams: []}).streams;
}

describe('the lecture video', () => {
  let first: CliResult;
  beforeAll(async () => {
    first = await runCli(ARGS, {cache: true});
  }, 300_000);

  it('renders every card and listed scene, skips the one the project lacks, and joins them', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/lecture: skipping not-in-the-project \(not in the project\)/);
    for (const p of PARTS) expect(statSync(p).size).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/lecture: 4 parts, \d+ frames, 1 subtitle cues joined/);
  });

  it('has video, AAC speech and a mov_text stream whose durations agree to a frame', () => {
    const s = streams(final);
    expect(s.map(x => `${x.codec_type}:${x.codec_name}`)).toEqual(['video:h264', 'audio:aac', 'subtitle:mov_text']);
    const [video, audio, subs] = s.map(x => Number(x.duration));
    expect(Math.abs(audio - video)).toBeLessThan(1 / FPS);
    expect(Math.abs(subs - video)).toBeLessThan(1 / FPS);
  });

  it('holds exactly the frames of its parts, in order and unchanged', () => {
    const frames = PARTS.map(countFrames);
    expect(countFrames(final)).toBe(frames.reduce((a, b) => a + b, 0));
    expect(videoMd5s(final)).toEqual(PARTS.flatMap(videoMd5s));
  });

  it("puts the narrated scene's cue where that scene starts in the lecture, exact to the frame", () => {
    const before = PARTS.slice(0, 3)
      .map(countFrames)
      .reduce((a, b) => a + b, 0);
    const own = parseSrt(readFileSync(join(out, 'tangent-slope.srt'), 'utf8'), FPS);
    const joined = parseSrt(readFileSync(join(out, 'lecture.srt'), 'utf8'), FPS);
    expect(own).toHaveLength(1);
    expect(joined).toEqual(own.map(c => ({...c, from: c.from + before, to: c.to + before})));
    expect(readFileSync(join(out, 'lecture.vtt'), 'utf8')).toContain(own[0].text);
  });

  it('a second run renders nothing: every part and the lecture are "up to date", the files untouched', async () => {
    const mtimes = [final, ...PARTS].map(f => statSync(f).mtimeMs);
    const again = await runCli(ARGS, {cache: true});
    expect(again.code, again.stderr).toBe(0);
    for (const name of ['title-three-slides', 'three-slides', 'title-tangent-slope', 'tangent-slope', 'lecture']) {
      expect(again.stderr).toContain(`${name}: up to date`);
    }
    expect(again.stderr).not.toMatch(/frames in/);
    expect([final, ...PARTS].map(f => statSync(f).mtimeMs)).toEqual(mtimes);
  }, 300_000);

  it('--force renders every part and the join again, to the same frames', async () => {
    const before = framemd5(final);
    const forced = await runCli(ARGS); // runCli passes --force
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).not.toMatch(/up to date/);
    expect(forced.stderr.match(/frames in/g)).toHaveLength(4);
    expect(framemd5(final)).toBe(before);
  }, 300_000);
});

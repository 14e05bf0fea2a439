import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {formatSrt, joinCues, joinParts, parseSrt} from '../../src/render/lecture';
import {FFMPEG, FFPROBE, videoMd5s} from '../helpers/media';

/**
 * The join on small made-up parts (ffmpeg's test pattern, a tone), as the narrated scenes and the
 * silent title cards will be: no browser, a second or two.
 */
const FPS = 15;
const dir = mkdtempSync(join(tmpdir(), 'nnm-join-'));

function part(name: string, frames: number, tone: number | null, srt: string | null): string {
  const file = join(dir, `${name}.mp4`);
  const audio = tone
    ? [
        '-f',
        'lavfi',
        '-i',
        `sine=frequency=${tone}:sample_rate=48000:duration=${frames / FPS},aformat=channel_layouts=stereo`,
      ]
    : [];
  execFileSync(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=64x36:rate=${FPS}:duration=${frames / FPS}`,
    ...audio,
    ...(tone ? ['-c:a', 'aac'] : []),
    '-c:v',
    'libx264',
    '-bf',
    '0',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  if (srt) writeFileSync(join(dir, `${name}.srt`), srt);
  return file;
}

function streams(file: string): {codec_type: string; codec_name: string; duration: string; start_time: string}[] {
  const json = execFileSync(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', file]).toString();
  return (JSON.parse(json) as {streams: []}).streams;
}

/** Mean absolute sample (s16, mono) of the joined audio between two times. */
function loudness(file: string, from: number, to: number): number {
  const pcm = execFileSync(FFMPEG, [
    '-v',
    'error',
    '-i',
    file,
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    '48000',
    '-f',
    's16le',
    '-',
  ]);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2).subarray(
    Math.round(from * 48000),
    Math.round(to * 48000),
  );
  return samples.reduce((s, v) => s + Math.abs(v), 0) / samples.length;
}

describe('joining the lecture', () => {
  let a: string, card: string, c: string;
  const final = join(dir, 'lecture.mp4');
  let result: {frames: number; cues: number};

  beforeAll(async () => {
    a = part('a', 10, 440, '1\n00:00:00,200 --> 00:00:00,600\n四个点\nFour points\n');
    card = part('title-c', 7, null, null);
    c = part(
      'c',
      12,
      880,
      '1\n00:00:00,133 --> 00:00:00,533\n两层\nTwo layers\n\n2\n00:00:00,600 --> 00:00:00,800\n完\n',
    );
    result = await joinParts([a, card, c], final, {ffmpeg: FFMPEG, ffprobe: FFPROBE});
  }, 30_000);

  it('holds exactly the frames of its parts, in order, each unchanged (clean cuts)', () => {
    expect(result.frames).toBe(10 + 7 + 12);
    expect(videoMd5s(final)).toEqual([...videoMd5s(a), ...videoMd5s(card), ...videoMd5s(c)]);
  });

  it('has video, one AAC track and a mov_text subtitle stream, the audio as long as the video to a frame', () => {
    const s = streams(final);
    expect(s.map(x => `${x.codec_type}:${x.codec_name}`)).toEqual(['video:h264', 'audio:aac', 'subtitle:mov_text']);
    expect(Math.abs(Number(s[1].duration) - 29 / FPS)).toBeLessThan(1 / FPS);
    // Sound and picture start together, and the picture keeps a constant frame rate across the cuts.
    expect(s.map(x => Number(x.start_time))).toEqual([0, 0, 0]);
    const pts = execFileSync(FFPROBE, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'packet=pts_time',
      '-of',
      'csv=p=0',
      final,
    ])
      .toString()
      .trim()
      .split('\n');
    expect(pts.map(Number).map(t => Math.round(t * FPS * 1000) / 1000)).toEqual(Array.from({length: 29}, (_, i) => i));
  });

  it('puts each part’s sound under its own frames, and silence under the card', () => {
    const cardStart = 10 / FPS;
    const cStart = 17 / FPS;
    expect(loudness(final, 0.1, cardStart - 0.05)).toBeGreaterThan(1000);
    expect(loudness(final, cardStart + 0.05, cStart - 0.05)).toBeLessThan(50);
    expect(loudness(final, cStart + 0.1, 29 / FPS - 0.1)).toBeGreaterThan(1000);
  });

  it('shifts each part’s cues by the frames before it, in lecture.srt and lecture.vtt', () => {
    const srt = readFileSync(join(dir, 'lecture.srt'), 'utf8');
    expect(srt).toBe(
      '1\n00:00:00,200 --> 00:00:00,600\n四个点\nFour points\n\n' +
        '2\n00:00:01,267 --> 00:00:01,667\n两层\nTwo layers\n\n' +
        '3\n00:00:01,733 --> 00:00:01,933\n完\n',
    );
    const vtt = readFileSync(join(dir, 'lecture.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.200 --> 00:00:00.600\n四个点')).toBe(true);
    expect(vtt).toContain('00:00:01.267 --> 00:00:01.667\n两层\nTwo layers');
    expect(result.cues).toBe(3);
  });

  it('after a silent part the subtitle stream still lasts as long as the video; the .srt keeps only real cues', async () => {
    const tail = join(dir, 'tail.mp4');
    await joinParts([a, card], tail, {ffmpeg: FFMPEG, ffprobe: FFPROBE});
    const [video, , subs] = streams(tail).map(x => Number(x.duration));
    expect(Math.abs(subs - video)).toBeLessThan(1 / FPS);
    expect(Math.abs(video - 17 / FPS)).toBeLessThan(1 / FPS);
    expect(parseSrt(readFileSync(join(dir, 'tail.srt'), 'utf8'), FPS).map(c => c.text)).toEqual([
      '四个点\nFour points',
    ]);
  });

  it('without audio or subtitles in any part, writes video alone and no subtitle files', async () => {
    const silent = join(dir, 'silent.mp4');
    const {frames} = await joinParts([card, card], silent, {ffmpeg: FFMPEG, ffprobe: FFPROBE});
    expect(frames).toBe(14);
    expect(streams(silent).map(x => x.codec_type)).toEqual(['video']);
    expect(existsSync(join(dir, 'silent.srt'))).toBe(false);
  });
});

describe('subtitle cues', () => {
  it('round-trip through SRT exact to the frame at 60 fps, and shift by whole parts', () => {
    const cues = [
      {from: 1, to: 61, text: '一'},
      {from: 125, to: 200, text: 'two\nlines'},
    ];
    expect(parseSrt(formatSrt(cues, 60), 60)).toEqual(cues);
    const joined = joinCues([
      {frames: 150, cues: []},
      {frames: 900, cues},
    ]);
    expect(joined.map(c => [c.from, c.to])).toEqual([
      [151, 211],
      [275, 350],
    ]);
  });
});

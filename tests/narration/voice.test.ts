import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loudness, makeClip, resolveEspeak, speaker, TARGET_LUFS, type Voicing} from '../../src/narration/voice';
import {FFMPEG} from '../helpers/media';

const root = mkdtempSync(join(tmpdir(), 'nnm-voice-'));
const line = {key: 'hello', zh: '你好', en: 'Hello'};
/** A voicing whose espeak-ng must never be asked: every line here has a recording. */
const recordedOnly: Voicing = {
  ffmpeg: FFMPEG,
  speak: () => Promise.reject(new Error('espeak-ng was asked for a recorded line')),
};

function tone(file: string, hz: number, seconds: number) {
  execFileSync(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${hz}:duration=${seconds}:sample_rate=44100`,
    file,
  ]);
}

afterAll(() => rmSync(root, {recursive: true, force: true}));

describe('recorded voices', () => {
  const dir = join(root, 'src/scenes/demo.voice');
  mkdirSync(join(dir, 'en'), {recursive: true});

  it('a WAV named by the line key next to the scene replaces the synthetic clip, normalised to -16 LUFS', async () => {
    tone(join(dir, 'hello.wav'), 440, 1.5);
    const clip = await makeClip(root, 'demo', line, 'zh', recordedOnly);
    expect(clip.recorded).toBe(join(dir, 'hello.wav'));
    expect(clip.seconds).toBeCloseTo(1.5, 2);
    const {lufs, peak} = await loudness(FFMPEG, clip.file);
    expect(Math.abs(lufs - TARGET_LUFS)).toBeLessThan(0.5);
    expect(peak).toBeLessThan(-1);
  });

  it('a new recording makes a new clip; the English voice reads <scene>.voice/en/', async () => {
    const before = await makeClip(root, 'demo', line, 'zh', recordedOnly);
    tone(join(dir, 'hello.wav'), 330, 2);
    const after = await makeClip(root, 'demo', line, 'zh', recordedOnly);
    expect(after.hash).not.toBe(before.hash);
    expect(after.seconds).toBeCloseTo(2, 2);
    tone(join(dir, 'en/hello.wav'), 550, 0.8);
    const en = await makeClip(root, 'demo', line, 'en', recordedOnly);
    expect(en.recorded).toBe(join(dir, 'en/hello.wav'));
    expect(en.seconds).toBeCloseTo(0.8, 2);
  });

  it('an MP3 recording works too', async () => {
    execFileSync(FFMPEG, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1',
      '-c:a',
      'libmp3lame',
      join(dir, 'bye.mp3'),
    ]);
    const clip = await makeClip(root, 'demo', {key: 'bye', zh: '再见', en: 'Bye'}, 'zh', recordedOnly);
    expect(clip.recorded).toBe(join(dir, 'bye.mp3'));
    expect(clip.seconds).toBeGreaterThan(0.9);
  });

  it('an unrecorded line without espeak-ng is one line that suggests --no-audio', () => {
    expect(() => resolveEspeak({PATH: '/nonexistent'})).toThrow(/^espeak-ng is not installed: .*--no-audio$/);
    expect(() => resolveEspeak({ESPEAK_NG_PATH: '/no/espeak-ng', PATH: '/usr/bin'})).toThrow(
      /ESPEAK_NG_PATH=\/no\/espeak-ng does not exist.*--no-audio/,
    );
  });
});

describe('espeak-ng without the voice asked for', () => {
  it('fails in one line that names the voice and suggests --no-audio, and the real one passes', async () => {
    // Answers like espeak-ng, but its voice list holds English only.
    const fake = join(root, 'espeak-ng');
    writeFileSync(
      fake,
      '#!/bin/sh\ncase "$1" in --version) echo "eSpeak NG text-to-speech: 1.51";; --voices=*) echo "Pty Language Age/Gender VoiceName File Other Languages"; [ "$1" = "--voices=en" ] && echo " 2  en  --/M  English  gmw/en";; esac\nexit 0\n',
    );
    chmodSync(fake, 0o755);
    await expect(speaker('zh', {ESPEAK_NG_PATH: fake})).rejects.toThrow(
      /^espeak-ng has no "cmn" voice for --voice zh;.*--no-audio$/,
    );
    await expect(speaker('en', {ESPEAK_NG_PATH: fake})).resolves.toMatchObject({espeak: fake});
  });
});

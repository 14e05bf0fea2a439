import {chmodSync, existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkFfmpeg, resolveBrowser, resolveFfmpeg, ToolError} from '../../src/render/tools';
import {ROOT} from '../helpers/media';

function fakeBinary(name: string, body = 'exit 0'): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnm-tools-'));
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('tool resolution', () => {
  it('CHROME_PATH wins when it is executable', () => {
    const chrome = fakeBinary('my-chrome');
    expect(resolveBrowser({CHROME_PATH: chrome, PATH: ''})).toBe(chrome);
  });

  it('a CHROME_PATH that does not exist is a clear error', () => {
    expect(() => resolveBrowser({CHROME_PATH: '/nope/chrome'})).toThrow(ToolError);
    expect(() => resolveBrowser({CHROME_PATH: '/nope/chrome'})).toThrow(/CHROME_PATH/);
  });

  it('FFMPEG_PATH wins over the bundled ffmpeg', () => {
    const ffmpeg = fakeBinary('ffmpeg');
    expect(resolveFfmpeg({FFMPEG_PATH: ffmpeg, PATH: ''})).toBe(ffmpeg);
  });

  it('a bad FFMPEG_PATH is a clear error', () => {
    expect(() => resolveFfmpeg({FFMPEG_PATH: '/nope/ffmpeg'})).toThrow(/FFMPEG_PATH/);
  });

  it("without overrides, Debian's ffmpeg comes before the 2018 build in node_modules", () => {
    const found = resolveFfmpeg({PATH: ''});
    if (existsSync('/usr/bin/ffmpeg') && !existsSync(join(ROOT, 'node_modules/ffmpeg-static/ffmpeg')))
      expect(found).toBe('/usr/bin/ffmpeg');
    else expect(found).toMatch(/node_modules|\/usr\/bin/);
  });

  it('a missing encoder is named before anything starts', () => {
    const ffmpeg = fakeBinary('ffmpeg', 'echo " V....D libx265    H.265"');
    expect(() => checkFfmpeg(ffmpeg, {encoders: ['libx264']})).toThrow(/lacks the encoder libx264/);
    expect(() => checkFfmpeg(ffmpeg, {encoders: ['libx265']})).not.toThrow();
  });
});

import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveBrowser, resolveFfmpeg, ToolError} from '../../src/render/tools';

function fakeBinary(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnm-tools-'));
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
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

  it('without overrides, ffmpeg comes from an npm package before PATH', () => {
    const found = resolveFfmpeg({PATH: ''});
    expect(found).toMatch(/node_modules/);
  });
});

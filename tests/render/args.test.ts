import {describe, expect, it} from 'vitest';
import {parseArgs, UsageError} from '../../src/render/args';

describe('render flags', () => {
  it('defaults to 1080p60 MP4 of every scene in output/', () => {
    const o = parseArgs([]);
    expect([o.width, o.height, o.fps, o.format, o.out, o.scenes]).toEqual([1920, 1080, 60, 'mp4', 'output', []]);
  });

  it.each([
    ['l', 854, 480, 15],
    ['m', 1280, 720, 30],
    ['h', 1920, 1080, 60],
    ['k', 3840, 2160, 60],
  ])('-q %s maps to manim presets', (q, w, h, fps) => {
    for (const argv of [['-q', q], [`-q${q}`], [`--quality=${q}`]]) {
      const o = parseArgs(argv);
      expect([o.width, o.height, o.fps]).toEqual([w, h, fps]);
    }
  });

  it('--fps and --size override the preset', () => {
    const o = parseArgs(['xor-line', '-q', 'l', '--fps', '24', '--size', '640x360']);
    expect([o.width, o.height, o.fps, o.scenes]).toEqual([640, 360, 24, ['xor-line']]);
  });

  it('parses ranges with open ends and stills', () => {
    expect(parseArgs(['--range', '1.5:3']).range).toEqual([1.5, 3]);
    expect(parseArgs(['--range', ':2']).range).toEqual([0, 2]);
    expect(parseArgs(['--range', '2:']).range).toEqual([2, Infinity]);
    expect(parseArgs(['--still', '12.5']).still).toEqual([12.5]);
    expect(parseArgs(['--still', '3,6.5,9.5']).still).toEqual([3, 6.5, 9.5]);
  });

  it('parses workers, shards, join, sheets and timeouts', () => {
    const o = parseArgs(['--workers', '3', '--shard', '2/5', '--frame-timeout', '10', '--start-timeout', '2.5']);
    expect([o.workers, o.shard, o.frameTimeout, o.startTimeout]).toEqual([3, [2, 5], 10, 2.5]);
    expect(parseArgs(['--join']).join).toBe(true);
    expect(parseArgs(['--sheet', '12']).sheet).toBe(12);
    expect(parseArgs([]).workers).toBeNull();
  });

  it('parses formats, alpha, looping and slides; a GIF defaults to -q l', () => {
    const gif = parseArgs(['--format', 'gif']);
    expect([gif.format, gif.width, gif.fps, gif.loop]).toEqual(['gif', 854, 15, true]);
    expect(parseArgs(['--format', 'gif', '-q', 'h']).width).toBe(1920);
    expect(parseArgs(['--format', 'gif', '--no-loop']).loop).toBe(false);
    const webm = parseArgs(['--format', 'webm', '--transparent']);
    expect([webm.format, webm.transparent]).toEqual(['webm', true]);
    expect(parseArgs(['--format', 'mov', '--transparent', '--range', '0:1']).range).toEqual([0, 1]);
    expect(parseArgs(['--slides']).slides).toBe(true);
    expect(parseArgs([]).slides).toBe(false);
  });

  it.each([
    [['-q', 'x'], /bad quality/],
    [['-q'], /needs a value/],
    [['--fps', '0'], /bad --fps/],
    [['--fps', '2.5'], /bad --fps/],
    [['--fps', 'abc'], /bad --fps/],
    [['--size', '1920'], /bad --size/],
    [['--size', '855x480'], /bad --size/],
    [['--size', '0x0'], /bad --size/],
    [['--range', '3:1'], /end must come after/],
    [['--range', 'a:b'], /bad --range/],
    [['--range', '5'], /bad --range/],
    [['--still', '-1'], /bad --still/],
    [['--format', 'avi'], /bad --format/],
    [['--transparent'], /--transparent needs a format with alpha/],
    [['--format', 'gif', '--transparent'], /--transparent needs a format with alpha/],
    [['--format', 'webm', '--transparent', '--still', '1'], /cannot be combined/],
    [['--no-loop'], /--no-loop only applies to --format gif/],
    [['--format', 'webm', '--encoder', 'webcodecs'], /--encoder only applies to mp4/],
    [['--format', 'mov', '--shard', '0/2'], /cannot be combined with --shard/],
    [['--format', 'gif', '--join'], /cannot be combined with --join/],
    [['--slides', '--range', '0:1'], /--slides cannot be combined with --range/],
    [['--slides', '--format', 'webm'], /--slides cannot be combined with --format webm/],
    [['--slides', '--still', '1'], /--slides cannot be combined with --still/],
    [['--encoder', 'nvenc'], /bad --encoder/],
    [['--out', ''], /needs a value/],
    [['--bogus'], /unknown option --bogus/],
    [['--still', '1', '--range', '0:2'], /cannot be combined/],
    [['--still', '1,x'], /bad --still/],
    [['--workers', '0'], /bad --workers/],
    [['--shard', '3/3'], /bad --shard/],
    [['--shard', '1'], /bad --shard/],
    [['--shard', '0/2', '--still', '1'], /cannot be combined/],
    [['--join', '--range', '0:1'], /--join takes its range/],
    [['--frame-timeout', '0'], /bad --frame-timeout/],
    [['--sheet', '1'], /bad --sheet/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

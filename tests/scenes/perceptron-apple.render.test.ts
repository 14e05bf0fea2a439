import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {BULB, DETECTORS, frameAt, fruitIndex, holdTime} from '../../src/scenes/perceptron-apple.model';
import {fires} from '../../src/nn/perceptron';
import {FRUITS} from '../../src/nn/datasets';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;

/** One decoded frame of a 0.2 s render starting at `t` (rounded to a frame). */
async function frameAtTime(t: number): Promise<(x: number, y: number) => Rgb> {
  const from = Math.round(t * FPS) / FPS;
  const out = mkdtempSync(join(tmpdir(), 'nnm-apple-'));
  try {
    const r = await runCli([
      'perceptron-apple',
      '-q',
      'l',
      '--range',
      `${from.toFixed(4)}:${(from + 0.2).toFixed(4)}`,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    return decodeFrame(join(out, 'perceptron-apple.mp4'), 0, W, H);
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}

describe("perceptron-apple render: the apple detector's bulb", () => {
  const apple = fruitIndex('apple');
  // The first fruit after the apple that the learnt apple detector leaves dark.
  const other = FRUITS.findIndex((f, i) => i !== apple && !fires(DETECTORS[0].perceptron, f.features));
  const bulb = designToPixel([BULB.x, BULB.y], W, H);
  const yellow = hex(colors.highlight);
  let appleFrame: (x: number, y: number) => Rgb;
  let otherFrame: (x: number, y: number) => Rgb;

  beforeAll(async () => {
    expect(other).toBeGreaterThan(-1);
    appleFrame = await frameAtTime(holdTime(0, apple));
    otherFrame = await frameAtTime(holdTime(0, other));
  }, 240_000);

  it('the engine lights the bulb for the apple and not for the other fruit at those times', () => {
    const a = frameAt(Math.round(holdTime(0, apple) * FPS) / FPS);
    const o = frameAt(Math.round(holdTime(0, other) * FPS) / FPS);
    expect([a.fruit, a.lit]).toEqual([apple, true]);
    expect([o.fruit, o.lit]).toEqual([other, false]);
  });

  it('the decoded bulb is lit (highlight yellow) for the apple', () => {
    expect(colorDistance(appleFrame(...bulb), yellow)).toBeLessThan(60);
  });

  it(`the decoded bulb is dark for a fruit the apple detector rejects`, () => {
    expect(colorDistance(otherFrame(...bulb), yellow)).toBeGreaterThan(150);
    expect(colorDistance(otherFrame(...bulb), hex(colors.neuronOff))).toBeLessThan(40);
  });
});

import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {fieldColor} from '../../src/components/fieldMath';
import {CORNERS, finalSnapshot, mlpProbability, planeToDesign} from '../../src/scenes/xor-line.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, probe, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const TAIL = 0.4; // seconds rendered at the end of the scene

/** The pixel where a point of the plane lands at 854×480. */
const at = (x: number, y: number) => designToPixel(planeToDesign(x, y), W, H);
/** The heat-map colour the final frame must show at (x, y): the trained network's p through the colour map. */
const expected = (x: number, y: number): Rgb => fieldColor(mlpProbability(finalSnapshot, x, y)) as Rgb;

describe('xor-line render: the final frame', () => {
  let pixel: (x: number, y: number) => Rgb;
  let frames = 0;
  let duration = 0;

  beforeAll(async () => {
    const list = await runCli(['--list', '-q', 'l']); // at the render's fps: each beginSlide frame lasts 1/fps
    expect(list.code, list.stderr).toBe(0);
    duration = Number(/^xor-line\s+([\d.]+)s/m.exec(list.stdout)?.[1]);
    expect(duration).toBeGreaterThan(20);
    const out = mkdtempSync(join(tmpdir(), 'nnm-xor-'));
    const r = await runCli(['xor-line', '-q', 'l', '--range', `${(duration - TAIL).toFixed(3)}:`, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(out, 'xor-line.mp4');
    frames = Number(probe(file).nb_frames);
    pixel = decodeFrame(file, frames - 1, W, H);
  }, 90_000);

  it('is the last frame of the scene', () => {
    expect(Math.abs(frames - TAIL * FPS)).toBeLessThanOrEqual(1);
  });

  it('the decision field at (0,1) is the positive-class colour and at (0,0) the negative one', () => {
    const [pos, neg] = [expected(0, 1), expected(0, 0)];
    // The trained field really is near the class colours there (p close to 1 and to 0).
    expect(colorDistance(pos, fieldColor(1) as Rgb)).toBeLessThan(20);
    expect(colorDistance(neg, fieldColor(0) as Rgb)).toBeLessThan(20);
    expect(colorDistance(pixel(...at(0, 1)), pos)).toBeLessThan(40);
    expect(colorDistance(pixel(...at(0, 0)), neg)).toBeLessThan(40);
    // A swapped or flipped field would fail: the two colours are far apart.
    expect(colorDistance(pixel(...at(0, 1)), neg)).toBeGreaterThan(100);
    expect(colorDistance(pixel(...at(0, 0)), pos)).toBeGreaterThan(100);
  });

  it('all four corners show the colour of their XOR class', () => {
    CORNERS.forEach(([x, y]) => expect(colorDistance(pixel(...at(x, y)), expected(x, y))).toBeLessThan(40));
  });

  it('away from the corners the heat map follows the trained network (points clear of the boundary)', () => {
    const probes: [number, number][] = [
      [-0.35, -0.35],
      [1.35, 1.35],
      [0.5, 0.5],
      [-0.3, 0.6],
      [0.6, -0.3],
      [1.4, -0.4],
      [-0.4, 1.4],
    ];
    let checked = 0;
    for (const [x, y] of probes) {
      const p = mlpProbability(finalSnapshot, x, y);
      if (Math.abs(p - 0.5) < 0.3) continue; // near the contour line
      expect(colorDistance(pixel(...at(x, y)), expected(x, y)), `at (${x}, ${y}), p = ${p.toFixed(3)}`).toBeLessThan(
        40,
      );
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

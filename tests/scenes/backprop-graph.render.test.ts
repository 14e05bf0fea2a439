import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {NODE_FILL} from '../../src/components/graphStyle';
import {BEFORE, GEOMETRY, T, TIMELINE, nodeDesignCentre} from '../../src/scenes/backprop-graph.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;

// The sigmoid's box, where the engine's layout puts it, and the node evaluated right after it.
const {passes, trace} = BEFORE;
const OFF = [...NODE_FILL.off] as Rgb;
const ON = [...NODE_FILL.on] as Rgb;
const SIGMOID = trace.nodes.findIndex(n => n.op === 'sigmoid');
const P = passes.forward.indexOf(SIGMOID);
const NEXT = passes.forward[P + 1];
const dark = TIMELINE.forwardStart + (P + 0.4) * T.forwardStep; // its fill has not started to change
const lit = TIMELINE.forwardStart + (P + 1.1) * T.forwardStep; // fully lit; NEXT still dark
const START = dark - 0.2;

/** Mean colour of a 3×3 patch inside node i's box, left of its symbol (no text there). */
function boxColour(pixel: (x: number, y: number) => Rgb, i: number): Rgb {
  const [cx, cy] = nodeDesignCentre(i);
  const [px, py] = designToPixel([cx - 0.33 * GEOMETRY.nodeWidth, cy - 0.2 * GEOMETRY.nodeHeight], W, H);
  const sum = [0, 0, 0];
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) pixel(px + dx, py + dy).forEach((v, k) => (sum[k] += v / 9));
  return sum as unknown as Rgb;
}

describe('backprop-graph render: the forward pass reaches the sigmoid', () => {
  let before: (x: number, y: number) => Rgb;
  let after: (x: number, y: number) => Rgb;

  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'nnm-bpg-'));
    const r = await runCli([
      'backprop-graph',
      '-q',
      'l',
      '--range',
      `${START.toFixed(3)}:${(lit + 0.2).toFixed(3)}`,
      '--out',
      out,
      '--start-timeout',
      '180',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(out, 'backprop-graph.mp4');
    const frame = (t: number) => Math.round(t * FPS) - Math.round(START * FPS);
    before = decodeFrame(file, frame(dark), W, H);
    after = decodeFrame(file, frame(lit), W, H);
    rmSync(out, {recursive: true, force: true});
  }, 240_000);

  it('the sigmoid box is unlit before the pass reaches it', () => {
    expect(colorDistance(boxColour(before, SIGMOID), OFF)).toBeLessThan(20);
    expect(colorDistance(boxColour(before, SIGMOID), ON)).toBeGreaterThan(45);
  });

  it('the sigmoid box is lit once the pass has reached it, while the next node is still dark', () => {
    expect(colorDistance(boxColour(after, SIGMOID), ON)).toBeLessThan(20);
    expect(colorDistance(boxColour(after, NEXT), OFF)).toBeLessThan(20);
  });
});

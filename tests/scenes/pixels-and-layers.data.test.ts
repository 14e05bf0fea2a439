import {describe, expect, it} from 'vitest';
import {safeArea} from '../../src/components/theme';
import {DIGIT_CLASSIFIER} from '../../src/nn/digitClassifier';
import {digitSet} from '../../src/nn/digits';
import {
  BARS,
  BAR_LENGTH,
  BEATS,
  BARS_HELD,
  GRID_COUNT,
  HEAT,
  HEAT_SCALE,
  HIDDEN,
  NET,
  PASS_INDICES,
  SCENE_END,
  SEGMENTS,
  SIDE,
  T,
  TEST_GRID,
  ZOOM,
  ZOOM_HELD,
  ZOOM_INDEX,
  accuracyText,
  diagramActivations,
  frameAt,
  gridPredictions,
  heatCenter,
  hiddenWeights,
  imageOf,
  net,
  passHeld,
  test,
  testAccuracy,
  testCenter,
  testCorrect,
  trainAccuracy,
  zoomCellCenter,
} from '../../src/scenes/pixels-and-layers.model';

/** The 64-16-10 forward pass written out here: tanh(W₁x + b₁), then W₂h + b₂, then softmax. */
function byHand(image: ArrayLike<number>): {hidden: number[]; probabilities: number[]} {
  const [l1, l2] = net.layers;
  const hidden = Array.from({length: l1.outSize}, (_, j) => {
    let z = l1.b[j];
    for (let i = 0; i < l1.inSize; i++) z += l1.W[j * l1.inSize + i] * image[i];
    return Math.tanh(z);
  });
  const logits = Array.from({length: l2.outSize}, (_, k) => {
    let z = l2.b[k];
    for (let j = 0; j < l2.inSize; j++) z += l2.W[k * l2.inSize + j] * hidden[j];
    return z;
  });
  const top = Math.max(...logits);
  const e = logits.map(z => Math.exp(z - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return {hidden, probabilities: e.map(v => v / sum)};
}
const argmax = (p: readonly number[]) => p.indexOf(Math.max(...p));

/** The held-out split drawn again from its seed (digitSplits draws the test set from seed·2 + 2). */
const fresh = digitSet(DIGIT_CLASSIFIER.dataSeed * 2 + 2, DIGIT_CLASSIFIER.nTest);
const freshImage = (s: number) => fresh.inputs.subarray(64 * s, 64 * s + 64);
/** Scene times every 0.1 s. */
const TIMES = Array.from({length: Math.floor(SCENE_END * 10)}, (_, i) => i / 10);
const inside = (a: number, [from, to]: [number, number]) => a >= from && a < to;
const held = (span: [number, number]) => [span[0] + 0.01, (span[0] + span[1]) / 2, span[1] - 0.01];

describe('pixels-and-layers model', () => {
  it('the digits on screen are samples of the seeded held-out synthetic set: a 9, then 2, 0, 7, 4 and another 9', () => {
    expect(test.n).toBe(fresh.n);
    for (const s of [ZOOM_INDEX, ...PASS_INDICES, 0, 37, GRID_COUNT - 1])
      expect(Array.from(imageOf(s))).toEqual(Array.from(freshImage(s)));
    expect(test.labels[ZOOM_INDEX]).toBe(9);
    expect(PASS_INDICES.map(s => test.labels[s])).toEqual([2, 0, 7, 4, 9]);
    expect(new Set([ZOOM_INDEX, ...PASS_INDICES]).size).toBe(6);
    for (const v of imageOf(ZOOM_INDEX)) expect(v >= 0 && v <= 1).toBe(true);
    // A real picture: some ink, some background.
    expect(Math.max(...imageOf(ZOOM_INDEX))).toBeGreaterThan(0.7);
    expect(Array.from(imageOf(ZOOM_INDEX)).filter(v => v < 0.1).length).toBeGreaterThan(20);
  });

  it('at every sampled time the shown probabilities and hidden activations are the engine forward pass on the shown digit', () => {
    for (const t of TIMES) {
      const f = frameAt(t);
      const ref = byHand(imageOf(f.sample));
      f.reading.probabilities.forEach((p, k) => expect(p).toBeCloseTo(ref.probabilities[k], 12));
      f.reading.layers[1].forEach((a, j) => expect(a).toBeCloseTo(ref.hidden[j], 12));
      expect(Array.from(f.reading.layers[0])).toEqual(Array.from(imageOf(f.sample)));
      expect(f.reading.predicted).toBe(argmax(ref.probabilities));
    }
  });

  it('while a reading is held, every layer is fully lit, the bars are full and the digit is the right one', () => {
    const spans: [[number, number], number][] = [
      [BARS_HELD, ZOOM_INDEX],
      ...PASS_INDICES.map((s, k): [[number, number], number] => [passHeld(k), s]),
    ];
    for (const [span, sample] of spans)
      for (const t of held(span)) {
        const f = frameAt(t);
        expect(f.sample).toBe(sample);
        expect(f.lit).toEqual([1, 1, 1]);
        expect(f.bars).toBe(1);
        expect(f.fade).toBe(1);
        const ref = byHand(imageOf(sample));
        const [input, hidden, output] = diagramActivations(f);
        expect(Array.from(input)).toEqual(Array.from(imageOf(sample)));
        hidden.forEach((a, j) => expect(a).toBeCloseTo(ref.hidden[j], 12));
        output.forEach((p, k) => expect(p).toBeCloseTo(ref.probabilities[k], 12));
        // The tallest bar is the class the engine predicts, and it is the digit's own label, read with confidence.
        expect(argmax(Array.from(output))).toBe(test.labels[sample]);
        expect(Math.max(...output)).toBeGreaterThan(0.95);
      }
    // During beat 1 the zoomed digit is the 9 and the network is still dark.
    for (const t of held(ZOOM_HELD)) {
      expect(frameAt(t).sample).toBe(ZOOM_INDEX);
      expect(frameAt(t).lit).toEqual([0, 0, 0]);
      expect(frameAt(t).bars).toBe(0);
    }
  });

  it('the layers light in order, input, hidden, output, then the bars grow', () => {
    const lightsAt = (layer: number) => TIMES.find(t => frameAt(t).lit[layer] > 0)!;
    expect(lightsAt(0)).toBeLessThan(lightsAt(1));
    expect(lightsAt(1)).toBeLessThan(lightsAt(2));
    expect(lightsAt(2)).toBeLessThan(TIMES.find(t => frameAt(t).bars > 0)!);
    // Each passing digit replaces the last one mid-swap, with the lights down.
    PASS_INDICES.forEach((s, k) => {
      const mid = BEATS[`swap${k}`] + T.swap / 2;
      expect(frameAt(mid - 0.01).sample).toBe(k === 0 ? ZOOM_INDEX : PASS_INDICES[k - 1]);
      expect(frameAt(mid + 0.01).sample).toBe(s);
      expect(frameAt(mid).fade).toBeLessThan(0.05);
    });
  });

  it("each weight picture is row j of the first layer's W, on one colour scale (the layer's largest |w|)", () => {
    expect(HIDDEN).toBe(16);
    let max = 0;
    for (let j = 0; j < HIDDEN; j++) {
      const w = hiddenWeights(j);
      expect(w.length).toBe(SIDE * SIDE);
      for (let i = 0; i < 64; i++) {
        expect(w[i]).toBe(net.layers[0].W[j * 64 + i]);
        max = Math.max(max, Math.abs(w[i]));
      }
    }
    expect(HEAT_SCALE).toBe(max);
  });

  it('the test accuracy is the share of the 500 held-out digits the forward pass reads right, counted here', () => {
    let right = 0;
    for (let s = 0; s < fresh.n; s++) if (argmax(byHand(freshImage(s)).probabilities) === fresh.labels[s]) right++;
    expect(testCorrect).toBe(right);
    expect(testAccuracy).toBe(right / fresh.n);
    expect(accuracyText()).toBe(`${((100 * right) / fresh.n).toFixed(1)}%`);
    expect(testAccuracy).toBeGreaterThan(0.9);
    expect(trainAccuracy).toBeGreaterThanOrEqual(testAccuracy);
    // The grid's answers are the forward pass's, and the grid shows some mistakes: it is not a picked set.
    for (let s = 0; s < GRID_COUNT; s++) expect(gridPredictions[s]).toBe(argmax(byHand(freshImage(s)).probabilities));
    expect(gridPredictions.some((p, s) => p !== fresh.labels[s])).toBe(true);
  });

  it('the scene lasts 20–60 s, its beats in order, the holds inside them', () => {
    expect(SCENE_END).toBeGreaterThanOrEqual(20);
    expect(SCENE_END).toBeLessThanOrEqual(60);
    expect(SCENE_END).toBeCloseTo(
      SEGMENTS.reduce((a, [, d]) => a + d, 0),
      9,
    );
    const starts = SEGMENTS.map(([n]) => BEATS[n]);
    for (let k = 1; k < starts.length; k++) expect(starts[k]).toBeGreaterThan(starts[k - 1]);
    expect(inside(ZOOM_HELD[0], [BEATS.look, BEATS.shrink])).toBe(true);
    expect(ZOOM_HELD[1] - ZOOM_HELD[0]).toBe(T.look);
    expect(BARS_HELD[0]).toBeGreaterThanOrEqual(BEATS.bars + T.bars);
  });

  it('the layout keeps everything on screen and apart', () => {
    // The zoomed digit's cells tile the grid.
    const [x0, y0] = zoomCellCenter(0);
    const [x1, y1] = zoomCellCenter(63);
    expect(x1 - x0).toBeCloseTo(7 * ZOOM.cell, 9);
    expect(y1 - y0).toBeCloseTo(7 * ZOOM.cell, 9);
    expect(Math.abs(y0) + ZOOM.cell / 2).toBeLessThan(-safeArea.top);
    // The bars sit at the output neurons' spacing, and the longest with its percentage fits.
    expect(BAR_LENGTH / 10).toBeCloseTo(Math.min(NET.rowGap, NET.height / 9), 9);
    expect(BARS.x + BARS.maxBar + 16 + 6 * 18).toBeLessThan(safeArea.right);
    // The weight pictures (with frame and activation label) do not touch one another.
    const side = SIDE * HEAT.cell + 12;
    expect(HEAT.pitchX - side).toBeGreaterThan(30);
    expect(HEAT.pitchY - (side + 16 + 26)).toBeGreaterThan(20);
    const [, top] = heatCenter(0);
    const [, bottom] = heatCenter(HIDDEN - 1);
    expect(top - side / 2).toBeGreaterThan(-400 + 30);
    expect(bottom + side / 2 + 16 + 26).toBeLessThan(370);
    // The held-out grid fits between the margins.
    const [gx0] = testCenter(0);
    const [gx1, gy1] = testCenter(GRID_COUNT - 1);
    expect(gx0 - (SIDE * TEST_GRID.cell) / 2).toBeGreaterThan(safeArea.left);
    expect(gx1 + (SIDE * TEST_GRID.cell) / 2).toBeLessThan(safeArea.right);
    expect(gy1 + (SIDE * TEST_GRID.cell) / 2 + 28 + 13).toBeLessThan(300 - 20);
  });
});

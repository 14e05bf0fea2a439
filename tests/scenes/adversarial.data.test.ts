import {describe, expect, it} from 'vitest';
import {mulberry32} from '../../src/math/random';
import {digitClassifier, oneHot, readDigit} from '../../src/nn/digitClassifier';
import {sampleOf} from '../../src/nn/digits';
import {fgsm, randomSignNoise} from '../../src/nn/fgsm';
import {
  ATTACK_MIN,
  BACK_TO_FGSM,
  BEATS,
  CHOICE,
  CLEAN_MIN,
  EPSILON,
  EPSILON_LADDER,
  FOOLED_AS,
  IMAGES,
  INDEX,
  LABEL,
  NOISE_DRAWS,
  NOISE_SEED,
  PERTURBATIONS,
  PROBS,
  T,
  frameAt,
  maxChange,
  net,
  test,
} from '../../src/scenes/adversarial.model';

const fmt = (p: ArrayLike<number>) => Array.from(p, v => v.toFixed(3)).join(' ');
/** Cross-entropy of the true label, straight from the classifier's probabilities. */
const lossOf = (x: ArrayLike<number>) => -Math.log(readDigit(net, x).probabilities[LABEL]);
const linf = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
/** Scene times every 0.1 s, over the whole scene. */
const TIMES = Array.from({length: Math.floor(BEATS.end * 10)}, (_, i) => i / 10);
const during = (from: number, to: number) => TIMES.filter(t => t >= from && t < to);

describe('adversarial engine: FGSM flips a confident digit, random noise of the same ε does not', () => {
  it('the scene reads the same trained classifier as pixels-and-layers, and a held-out test digit', () => {
    expect(net).toBe(digitClassifier().net);
    expect(test).toBe(digitClassifier().test);
    expect(Array.from(IMAGES.clean)).toEqual(Array.from(sampleOf(test, INDEX)));
    expect(test.labels[INDEX]).toBe(LABEL);
  });

  it('the clean digit is read right and with confidence', () => {
    const clean = readDigit(net, IMAGES.clean);
    console.log(
      `chosen: test digit #${INDEX} (a ${LABEL}), ε = ${EPSILON}, ${CHOICE.candidates} candidate(s) at this ε`,
    );
    console.log(`clean     p = ${fmt(clean.probabilities)}`);
    expect(clean.predicted).toBe(LABEL);
    expect(clean.probabilities[LABEL]).toBeGreaterThanOrEqual(CLEAN_MIN);
    expect(Array.from(PROBS.clean)).toEqual(Array.from(clean.probabilities));
  });

  it('FGSM moves every pixel by ε along the sign of the loss gradient, which a finite difference confirms', () => {
    const x = IMAGES.clean;
    const h = 1e-5;
    let checked = 0;
    for (let i = 0; i < x.length; i++) {
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i] += h;
      down[i] -= h;
      const fd = (lossOf(up) - lossOf(down)) / (2 * h);
      expect(CHOICE.attack.fgsm.inputGradient[i]).toBeCloseTo(fd, 5);
      if (Math.abs(fd) < 1e-6) continue;
      checked++;
      // Unclipped pixels move by exactly ε·sign(∂loss/∂x); clipped ones stop at the edge of [0, 1].
      const moved = IMAGES.attacked[i] - x[i];
      const wanted = Math.min(1, Math.max(0, x[i] + EPSILON * Math.sign(fd))) - x[i];
      expect(moved).toBeCloseTo(wanted, 12);
    }
    expect(checked).toBeGreaterThan(50);
    expect(CHOICE.attack.fgsm.loss).toBeCloseTo(lossOf(x), 10);
    // The same attack, recomputed from the engine's fgsm.
    const again = fgsm(net, x, oneHot(LABEL), 'softmax-ce', EPSILON, {clip: [0, 1]});
    expect(Array.from(IMAGES.attacked)).toEqual(Array.from(again.adversarial));
  });

  it('after FGSM the classifier answers another digit with confidence; no pixel moved by more than ε', () => {
    const fooled = readDigit(net, IMAGES.attacked);
    console.log(`FGSM      p = ${fmt(fooled.probabilities)}  → reads ${fooled.predicted}`);
    expect(fooled.predicted).toBe(FOOLED_AS);
    expect(FOOLED_AS).not.toBe(LABEL);
    expect(fooled.probabilities[FOOLED_AS]).toBeGreaterThanOrEqual(ATTACK_MIN);
    expect(fooled.probabilities[LABEL]).toBeLessThan(0.05);
    expect(Array.from(PROBS.attacked)).toEqual(Array.from(fooled.probabilities));
    expect(linf(IMAGES.attacked, IMAGES.clean)).toBeLessThanOrEqual(EPSILON + 1e-12);
    expect(maxChange(PERTURBATIONS.attack)).toBeCloseTo(EPSILON, 12);
    for (const v of IMAGES.attacked) expect(v >= 0 && v <= 1).toBe(true);
    // Small enough to look alike: at most 0.1 of the pixel range (here ε of 255 grey levels).
    expect(EPSILON).toBeLessThanOrEqual(0.1);
  });

  it('random ±ε noise of the same size leaves the answer alone, in every one of the draws', () => {
    const noisy = readDigit(net, IMAGES.noisy);
    console.log(`noise     p = ${fmt(noisy.probabilities)}  → reads ${noisy.predicted}`);
    expect(noisy.predicted).toBe(LABEL);
    expect(noisy.probabilities[LABEL]).toBeGreaterThan(0.9);
    expect(Array.from(PROBS.noisy)).toEqual(Array.from(noisy.probabilities));
    // The same size as the attack: the same largest change, ε.
    expect(maxChange(PERTURBATIONS.noise)).toBeCloseTo(maxChange(PERTURBATIONS.attack), 12);
    // Draw 0 is the one on screen; every draw, recomputed here, keeps the label.
    const worst: number[] = [];
    for (let k = 0; k < NOISE_DRAWS; k++) {
      const r = randomSignNoise(net, IMAGES.clean, oneHot(LABEL), 'softmax-ce', EPSILON, mulberry32(NOISE_SEED + k), {
        clip: [0, 1],
      });
      if (k === 0) expect(Array.from(r.adversarial)).toEqual(Array.from(IMAGES.noisy));
      expect(linf(r.adversarial, IMAGES.clean)).toBeLessThanOrEqual(EPSILON + 1e-12);
      const read = readDigit(net, r.adversarial);
      expect(read.predicted).toBe(LABEL);
      worst.push(read.probabilities[LABEL]);
    }
    console.log(`noise: ${NOISE_DRAWS} draws, P(${LABEL}) never below ${Math.min(...worst).toFixed(3)}`);
    expect(Array.from(CHOICE.noise).every(a => a === LABEL)).toBe(true);
    // The direction matters: the attack raises the loss far more than any random draw of the same size.
    expect(CHOICE.attack.fgsm.adversarialLoss).toBeGreaterThan(10 * CHOICE.attack.random.adversarialLoss);
  });

  it('ε is the search result, not a hand pick: at the next smaller ε on the ladder FGSM does not fool this digit', () => {
    const k = EPSILON_LADDER.indexOf(EPSILON as (typeof EPSILON_LADDER)[number]);
    expect(k).toBeGreaterThanOrEqual(0);
    if (k === 0) return;
    const smaller = fgsm(net, IMAGES.clean, oneHot(LABEL), 'softmax-ce', EPSILON_LADDER[k - 1], {clip: [0, 1]});
    const read = readDigit(net, smaller.adversarial);
    console.log(`at ε = ${EPSILON_LADDER[k - 1]}: reads ${read.predicted}, P = ${fmt(read.probabilities)}`);
    expect(read.predicted === LABEL || read.probabilities[read.predicted] < ATTACK_MIN).toBe(true);
  });
});

describe("adversarial model: what the scene shows at each time is the engine's", () => {
  it('lasts 20–60 s', () => {
    expect(BEATS.end).toBeGreaterThanOrEqual(20);
    expect(BEATS.end).toBeLessThanOrEqual(60);
  });

  it('every sampled frame is in range: opacities in [0, 1], bars never above the engine probabilities', () => {
    for (const t of TIMES) {
      const f = frameAt(t);
      for (const o of [
        f.cleanOpacity,
        f.cleanBarsOpacity,
        f.perturbOpacity,
        f.operatorsOpacity,
        f.resultOpacity,
        f.resultBarsOpacity,
        f.drawsOpacity,
        f.noise,
      ]) {
        expect(o).toBeGreaterThanOrEqual(0);
        expect(o).toBeLessThanOrEqual(1);
      }
      f.cleanBars.forEach((p, j) => expect(p).toBeLessThanOrEqual(PROBS.clean[j] + 1e-15));
      expect(f.resultBars.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('beat 1: the clean digit and its bars are the engine reading; nothing else is on screen yet', () => {
    const engine = readDigit(net, IMAGES.clean).probabilities;
    for (const t of during(BEATS.readClean, BEATS.end)) {
      expect(frameAt(t).cleanOpacity).toBe(1);
      expect(frameAt(t).cleanBarsOpacity).toBe(1);
      expect(Array.from(frameAt(t).cleanBars)).toEqual(Array.from(engine));
    }
    for (const t of during(0, BEATS.perturb)) {
      const f = frameAt(t);
      expect(f.perturbOpacity + f.resultOpacity + f.resultBarsOpacity).toBe(0);
    }
  });

  it('beat 2: the FGSM digit and its bars hold the engine reading; the tallest bar is the wrong digit', () => {
    const engine = readDigit(net, IMAGES.attacked).probabilities;
    const held = during(BEATS.readFooled, BEATS.toNoise);
    expect(held.length).toBeGreaterThan(T.readFooled * 10 - 2);
    for (const t of held) {
      const f = frameAt(t);
      expect(f.noise).toBe(0);
      expect(f.resultOpacity).toBe(1);
      expect(Array.from(f.resultBars)).toEqual(Array.from(engine));
      expect(f.resultTop).toBe(FOOLED_AS);
    }
    // The perturbation is on screen before it is added, and the sum appears only after the "+".
    expect(frameAt(BEATS.add).perturbOpacity).toBe(1);
    expect(frameAt(BEATS.add).resultOpacity).toBe(0);
  });

  it('beat 3: the random-noise digit and its bars hold the engine reading; the tallest bar is the true digit; 0 of 100 draws flip it', () => {
    const engine = readDigit(net, IMAGES.noisy).probabilities;
    const held = during(BEATS.readNoise, BEATS.close + BACK_TO_FGSM);
    expect(held.length).toBeGreaterThan(T.readNoise * 10 - 2);
    for (const t of held) {
      const f = frameAt(t);
      expect(f.noise).toBe(1);
      expect(Array.from(f.resultBars)).toEqual(Array.from(engine));
      expect(f.resultTop).toBe(LABEL);
    }
    for (const t of during(BEATS.draws + T.draws, BEATS.close + BACK_TO_FGSM)) {
      expect(frameAt(t).drawsShown).toBe(NOISE_DRAWS);
      expect(frameAt(t).flipsShown).toBe(0);
    }
  });

  it('the close returns to the FGSM example and ends on it', () => {
    const f = frameAt(BEATS.end - 1e-9);
    expect(f.noise).toBe(0);
    expect(Array.from(f.resultBars)).toEqual(Array.from(PROBS.attacked));
    expect(f.resultTop).toBe(FOOLED_AS);
  });
});

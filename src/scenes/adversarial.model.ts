/**
 * The adversarial scene's numbers, from the engine: the same 64-16-10 digit classifier that
 * pixels-and-layers trains (one shared network per process), a test digit it reads with
 * confidence, the fast gradient sign method against it, and random ±ε noise of the same size.
 * The digit and ε are not picked by hand: the test split is searched for the smallest ε on a
 * ladder at which FGSM turns a confident reading into a confident wrong one while no random
 * sign noise of that ε changes the answer. Everything on screen is a pure function of the
 * scene clock defined here, so tests can ask what is shown at any time. Pure (no Motion Canvas).
 */
import {mulberry32} from '../math/random';
import {argmax, attackDigit, digitClassifier, oneHot, readDigit, type DigitAttack} from '../nn/digitClassifier';
import {sampleOf} from '../nn/digits';
import {randomSignNoise} from '../nn/fgsm';

export const model = digitClassifier();
export const {net, test} = model;
export const SIDE = 8;

// ── The search: which digit, which ε ──────────────────────────────────────────────────
/** The ε tried, smallest first, on [0, 1] pixels (0.05 is 13 of 255 grey levels). */
export const EPSILON_LADDER = [0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1] as const;
/** The clean reading must be right with at least this probability. */
export const CLEAN_MIN = 0.99;
/** FGSM must make another digit at least this probable. */
export const ATTACK_MIN = 0.9;
/** Random sign noise is drawn this many times; none may change the answer. */
export const NOISE_DRAWS = 100;
/** The first draw (the one on screen) must leave the true digit at least this probable. */
export const NOISE_MIN = 0.9;
/** Draw k of the random noise uses mulberry32(NOISE_SEED + k); the scene shows draw 0. */
export const NOISE_SEED = 2024;

export const imageOf = (s: number): Float64Array => sampleOf(test, s);

/** What the classifier answers to each of the NOISE_DRAWS random ±ε perturbations of sample s. */
export function noiseAnswers(s: number, epsilon: number): Int32Array {
  const label = test.labels[s];
  const answers = new Int32Array(NOISE_DRAWS);
  for (let k = 0; k < NOISE_DRAWS; k++) {
    const r = randomSignNoise(net, imageOf(s), oneHot(label), 'softmax-ce', epsilon, mulberry32(NOISE_SEED + k), {
      clip: [0, 1],
    });
    answers[k] = readDigit(net, r.adversarial).predicted;
  }
  return answers;
}

export interface Choice {
  /** Index of the digit in the test split. */
  index: number;
  label: number;
  epsilon: number;
  attack: DigitAttack;
  /** The class FGSM makes the classifier answer. */
  fooledAs: number;
  /** The answers to every random draw (all equal to the label). */
  noise: Int32Array;
  /** How many test digits met the criteria at this ε. */
  candidates: number;
}

/** Does sample s at this ε show the point: confident, fooled by FGSM, unmoved by random noise? */
function qualifies(s: number, epsilon: number): DigitAttack | null {
  const label = test.labels[s];
  const clean = readDigit(net, imageOf(s));
  if (clean.predicted !== label || clean.probabilities[label] < CLEAN_MIN) return null;
  const attack = attackDigit(net, imageOf(s), label, epsilon, mulberry32(NOISE_SEED));
  const fooled = readDigit(net, attack.fgsm.adversarial);
  if (fooled.predicted === label || fooled.probabilities[fooled.predicted] < ATTACK_MIN) return null;
  if (attack.noisy[label] < NOISE_MIN) return null;
  return noiseAnswers(s, epsilon).every(a => a === label) ? attack : null;
}

/**
 * The smallest ε on the ladder at which some test digit qualifies; among those digits, the one
 * FGSM fools most confidently (the first in test order on ties).
 */
export function chooseAttack(): Choice {
  for (const epsilon of EPSILON_LADDER) {
    let best: {index: number; attack: DigitAttack; p: number} | null = null;
    let candidates = 0;
    for (let s = 0; s < test.n; s++) {
      const attack = qualifies(s, epsilon);
      if (!attack) continue;
      candidates++;
      const p = Math.max(...attack.attacked);
      if (!best || p > best.p) best = {index: s, attack, p};
    }
    if (best) {
      const {index, attack} = best;
      const label = test.labels[index];
      return {
        index,
        label,
        epsilon,
        attack,
        fooledAs: readDigit(net, attack.fgsm.adversarial).predicted,
        noise: noiseAnswers(index, epsilon),
        candidates,
      };
    }
  }
  throw new Error('no test digit is fooled by FGSM within the ε ladder');
}

export const CHOICE = chooseAttack();
export const {index: INDEX, label: LABEL, epsilon: EPSILON, attack: ATTACK, fooledAs: FOOLED_AS} = CHOICE;
/** The three images the scene shows, and what was added to make the last two. */
export const IMAGES = {
  clean: ATTACK.fgsm.input,
  attacked: ATTACK.fgsm.adversarial,
  noisy: ATTACK.random.adversarial,
} as const;
/** adversarial − clean, entry by entry: ±ε, or less where the [0, 1] clip bit. */
export const delta = (perturbed: ArrayLike<number>): Float64Array =>
  Float64Array.from(perturbed, (v, i) => v - IMAGES.clean[i]);
export const PERTURBATIONS = {attack: delta(IMAGES.attacked), noise: delta(IMAGES.noisy)} as const;
export const PROBS = {clean: ATTACK.clean, attacked: ATTACK.attacked, noisy: ATTACK.noisy} as const;
/** Largest |pixel change| of each perturbation. */
export const maxChange = (d: ArrayLike<number>): number => Array.from(d).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
/** The perturbation image's colours saturate at ±ε: the picture is 1/ε times the real change. */
export const MAGNIFY = Math.round(1 / EPSILON);
/** Random draws that changed the answer (0 by the search). */
export const NOISE_FLIPS = CHOICE.noise.reduce((n, a) => n + (a === LABEL ? 0 : 1), 0);

// ── Timeline (seconds) ────────────────────────────────────────────────────────────────
export const T = {
  intro: 1.2,
  clean: 1.0,
  bars: 1.2,
  readClean: 3.2,
  perturb: 1.2,
  explain: 3.6,
  add: 1.4,
  lookAlike: 3.4,
  fooled: 1.2,
  readFooled: 4.2,
  toNoise: 1.4,
  readNoise: 4.0,
  draws: 1.5,
  close: 7.0,
} as const;

/** Start of each beat and of the holds the tests sample, in order. */
export const BEATS = (() => {
  let t = 0;
  const at = (d: number) => (t += d) - d;
  const intro = at(T.intro);
  const clean = at(T.clean);
  const cleanBars = at(T.bars);
  const readClean = at(T.readClean);
  const perturb = at(T.perturb);
  const explain = at(T.explain);
  const add = at(T.add);
  const lookAlike = at(T.lookAlike);
  const fooled = at(T.fooled);
  const readFooled = at(T.readFooled);
  const toNoise = at(T.toNoise);
  const readNoise = at(T.readNoise);
  const draws = at(T.draws);
  const close = at(T.close);
  return {
    intro,
    clean,
    cleanBars,
    readClean,
    perturb,
    explain,
    add,
    lookAlike,
    fooled,
    readFooled,
    toNoise,
    readNoise,
    draws,
    close,
    end: t,
  };
})();

/** 0 before `start`, 1 after `start + duration`, smooth in between. */
export function ramp(t: number, start: number, duration: number): number {
  const u = Math.min(1, Math.max(0, (t - start) / duration));
  return u * u * (3 - 2 * u);
}

/** a → b as u goes 0 → 1, exactly a and b at the ends (so the holds show the engine's numbers). */
const mix = (a: ArrayLike<number>, b: ArrayLike<number>, u: number): Float64Array =>
  Float64Array.from(u <= 0 ? a : u >= 1 ? b : Array.from(a, (v, i) => v + (b[i] - v) * u));

/** Everything the scene shows at time t. */
export interface Frame {
  /** Opacities of the clean digit, the perturbation panel, the "+" and "=", and the perturbed digit. */
  cleanOpacity: number;
  perturbOpacity: number;
  operatorsOpacity: number;
  resultOpacity: number;
  /** 0 while the panel and the result show FGSM, 1 while they show the random noise (the close goes back to FGSM). */
  noise: number;
  /** The probabilities the left and right bars draw (grown in from 0). */
  cleanBars: Float64Array;
  cleanBarsOpacity: number;
  resultBars: Float64Array;
  resultBarsOpacity: number;
  /** The class whose right-hand bar is tallest. */
  resultTop: number;
  /** Random draws counted so far, and how many of those changed the answer. */
  drawsShown: number;
  flipsShown: number;
  drawsOpacity: number;
}

/** When the close brings the FGSM example back. */
export const BACK_TO_FGSM = 2.6;

export function frameAt(t: number): Frame {
  const back = ramp(t, BEATS.close + BACK_TO_FGSM, T.toNoise);
  const noise = ramp(t, BEATS.toNoise, T.toNoise) * (1 - back);
  const grow = ramp(t, BEATS.fooled, T.fooled);
  const right = mix(PROBS.attacked, PROBS.noisy, noise).map(p => p * grow);
  const drawsShown = Math.round(NOISE_DRAWS * ramp(t, BEATS.draws, T.draws));
  return {
    cleanOpacity: ramp(t, BEATS.clean, T.clean),
    perturbOpacity: ramp(t, BEATS.perturb, T.perturb),
    operatorsOpacity: ramp(t, BEATS.add, 0.6),
    resultOpacity: ramp(t, BEATS.add + 0.4, T.add - 0.4),
    noise,
    cleanBars: PROBS.clean.map(p => p * ramp(t, BEATS.cleanBars, T.bars)),
    cleanBarsOpacity: ramp(t, BEATS.cleanBars, 0.4),
    resultBars: right,
    resultBarsOpacity: ramp(t, BEATS.fooled, 0.4),
    resultTop: argmax(right),
    drawsShown,
    flipsShown: CHOICE.noise.subarray(0, drawsShown).reduce((n, a) => n + (a === LABEL ? 0 : 1), 0),
    drawsOpacity: ramp(t, BEATS.draws, 0.4) * (1 - back),
  };
}

// ── Layout (1920×1080 design units, origin at the centre) ─────────────────────────────
/** Centres of the three panels: clean digit, perturbation, perturbed digit. */
export const PANELS = {clean: -600, perturb: 0, result: 600} as const;
export const IMAGE_Y = -160;
export const CELL = 36;
/** The bars under the clean and the perturbed digit: base line y, row length, full-bar height. */
export const BARS = {y: 250, length: 400, maxBar: 180} as const;

/** Centre of cell k of the digit in the panel at x (the render test samples there). */
export function cellCenter(panelX: number, k: number): [number, number] {
  const [row, col] = [Math.floor(k / SIDE), k % SIDE];
  return [panelX + (col - (SIDE - 1) / 2) * CELL, IMAGE_Y + (row - (SIDE - 1) / 2) * CELL];
}

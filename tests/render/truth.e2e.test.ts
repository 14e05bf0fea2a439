/**
 * Truth on screen, proved: every number on screen in every scene is read back from the real MP4 with
 * OCR (Tesseract) and compared with the string its node draws, and with the value the scene's model
 * (src/scenes/<id>.model.ts, pure functions of time) gives at that time, rounded as shown.
 *
 * Scenes come from src/project.ts, so a new scene is covered when it is listed. A scene whose model
 * is not mapped below is compared by OCR only, and the report says so; a scene that shows no number
 * at all fails unless it is listed in NO_NUMBERS with a reason.
 */
import {existsSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {projectScenes} from '../../src/render/inspect';
import type {NumberBox} from '../../src/render/layoutCheck';
import * as adversarial from '../../src/scenes/adversarial.model';
import * as chainRuleGears from '../../src/scenes/chain-rule-gears.model';
import * as derivativeProbe from '../../src/scenes/derivative-probe.model';
import * as foggyDescent from '../../src/scenes/foggy-descent.model';
import * as lossBowl from '../../src/scenes/loss-bowl.model';
import * as perceptronApple from '../../src/scenes/perceptron-apple.model';
import * as polynomialKnobs from '../../src/scenes/polynomial-knobs.model';
import * as tangentSlope from '../../src/scenes/tangent-slope.model';
import * as xorLine from '../../src/scenes/xor-line.model';
import {OFF_BY, valueAt} from '../fixtures/wrong-readout.model';
import {ROOT} from '../helpers/media';
import {hasTesseract} from '../helpers/ocr';
import {checkTruth, describeMismatch, isWrong, summarise, type ModelValue} from '../helpers/truth';

/**
 * Every frame at this rate is a candidate sample time: 1 s apart, so the whole project renders in about
 * a minute. NNM_TRUTH=1 (`npm run test:truth`) is the deep mode: 0.5 s apart, and as many frames as it
 * takes to see every number node.
 */
const DEEP = process.env.NNM_TRUTH === '1';
const FPS = DEEP ? 2 : 1;
const MAX_FRAMES = DEEP ? Infinity : 5;
const OUT = join(ROOT, 'output/truth');

/** Scenes that show no number at all, and why; any other scene without numbers fails. */
const NO_NUMBERS: Record<string, string> = {};

const byLabel =
  (table: Record<string, (t: number) => number>): ModelValue =>
  (n, t) =>
    table[n.label]?.(t);
const centreX = (n: NumberBox) => n.x + n.width / 2;
/** The value a number node with this label holds at this frame (what it shows, checked by OCR). */
const shown = (frame: NumberBox[], label: string) =>
  frame.find(m => m.label === label && m.value !== null)?.value ?? undefined;
/** A value computed from other numbers on screen, when they are all there. */
const given = (frame: NumberBox[], labels: string[], f: (...v: number[]) => number) => {
  const v = labels.map(l => shown(frame, l));
  return v.every(x => x !== undefined) ? f(...(v as number[])) : undefined;
};

/** Per scene: the model's value for each number on screen, by its label (and place when labels repeat). */
const MODELS: Record<string, ModelValue> = {
  'tangent-slope': byLabel({'f′(x) =': tangentSlope.slopeAt}),
  'derivative-probe': (n, t) => {
    const r = derivativeProbe.readoutsAt(t);
    if (n.kind === 'Knob' && n.label === 'k₁') return r.k1;
    const table: Record<string, number> = {
      'L(k₁) =': r.loss,
      'Δx =': r.dx,
      'Δy =': r.dy,
      'Δy / Δx =': r.ratio,
      step: r.step,
      'k₁ =': r.walkK1,
      'slope L′(k₁) =': r.slope,
    };
    return n.kind === 'Readout' ? table[n.label] : undefined;
  },
  'perceptron-apple': (n, t) => {
    const f = perceptronApple.frameAt(t);
    if (n.kind === 'Knob' && /^w[₁₂₃₄₅₆]$/.test(n.label)) return f.perceptron.weights['₁₂₃₄₅₆'.indexOf(n.label[1])];
    const table: Record<string, number> = {'w·x =': f.sum, 'b =': f.perceptron.threshold};
    return n.kind === 'Readout' ? table[n.label] : undefined;
  },
  'foggy-descent': (n, t) => {
    const i = foggyDescent.heroIndexAt(t);
    const {params, loss} = foggyDescent.HERO.path;
    const table: Record<string, number> = {
      'longitude x =': params[2 * i],
      'latitude y =': params[2 * i + 1],
      'altitude (loss) =': loss[i],
      step: i,
    };
    return n.kind === 'Readout' ? table[n.label] : undefined;
  },
  // Scenes driven by tweened signals: each number is checked against the engine applied to the
  // other numbers on screen (the loss at the shown knobs, the slope at the shown x).
  'xor-line': (n, _t, frame) =>
    n.label === 'loss' ? given(frame, ['step'], s => xorLine.mlpRun.loss[xorLine.mlpRun.indexAtStep(s)]) : undefined,
  'loss-bowl': (n, _t, frame) => {
    const at = (f: (k1: number, k2: number) => number) => given(frame, ['k1 =', 'k2 ='], f);
    if (n.label === 'L = Σ r² =') return at(lossBowl.loss);
    if (n.label === '∂L/∂k1 =') return at((k1, k2) => lossBowl.partials(k1, k2).d1);
    if (n.label === '∂L/∂k2 =') return at((k1, k2) => lossBowl.partials(k1, k2).d2);
    return undefined;
  },
  'polynomial-knobs': (n, _t, frame) => {
    const knobs = Array.from({length: polynomialKnobs.KNOBS}, (_, j) => `k${'₀₁₂₃₄₅'[j]}`);
    return n.label === 'loss L =' ? given(frame, knobs, (...k) => polynomialKnobs.lossOf(k)) : undefined;
  },
  'chain-rule-gears': (n, _t, frame) => {
    // x is the "x =" readout, or once that has gone, gear 1's angle (θ₁ = x).
    const gearOf = (m: NumberBox) =>
      m.kind === 'Readout' && m.label === ''
        ? chainRuleGears.GEAR.xs.findIndex(gx => Math.abs(960 + gx - centreX(m)) < 150)
        : -1;
    const x = shown(frame, 'x =') ?? frame.find(m => gearOf(m) === 0)?.value ?? undefined;
    if (x === undefined) return undefined;
    const r = chainRuleGears.ratios(x);
    if (n.label === 'slope of sin(ln x) =') return r.composite;
    if (n.label === 'g′(x) · f′(g(x)) =') return r.product;
    if (n.label === '×') return centreX(n) < 960 ? r.gPrime : r.fPrime;
    const gear = gearOf(n);
    if (gear === 0) return shown(frame, 'x =') === undefined ? undefined : x;
    return gear > 0 ? chainRuleGears.gearAngles(x)[gear] : undefined;
  },
  adversarial: (n, t) => {
    const f = adversarial.frameAt(t);
    const left = centreX(n) < 960 - 300;
    const table: Record<string, number> = {
      [`P(${adversarial.LABEL}) =`]: left ? f.cleanBars[adversarial.LABEL] : f.resultBars[adversarial.LABEL],
      [`P(${adversarial.FOOLED_AS}) =`]: f.resultBars[adversarial.FOOLED_AS],
      'ε =': adversarial.EPSILON,
      'largest pixel change =': adversarial.maxChange(
        f.noise < 0.5 ? adversarial.PERTURBATIONS.attack : adversarial.PERTURBATIONS.noise,
      ),
      'random draws tried =': f.drawsShown,
      'answer changed =': f.flipsShown,
    };
    return n.kind === 'Readout' ? table[n.label] : undefined;
  },
};

// Without tesseract the check is skipped on a developer's machine, never in CI (set-up installs it there).
describe.skipIf(!hasTesseract() && !process.env.CI)('truth on screen (OCR of the decoded MP4)', () => {
  it('fails a readout that is off by one in its last digit, naming scene, time, box, OCR, drawn and engine value', async () => {
    const results = await checkTruth({
      project: 'tests/fixtures/truth.project.ts',
      scenes: ['wrong-readout'],
      models: {'wrong-readout': (n, t) => (n.label === 'right =' || n.label === 'wrong =' ? valueAt(t) : undefined)},
      // The fixture lasts 2 s: 2 fps gives it four frames.
      fps: 2,
      out: join(OUT, 'fixture'),
      minFrames: 3,
    });
    const [r] = results;
    console.log(summarise(results));
    expect(r.frames.length).toBeGreaterThanOrEqual(3);
    const right = r.readings.filter(x => x.node.label === 'right =');
    const wrong = r.readings.filter(x => x.node.label === 'wrong =');
    expect(right.length).toBe(r.frames.length);
    expect(wrong.length).toBe(r.frames.length);
    // The right readout passes: OCR equals the drawn string, which equals the model's value.
    for (const x of right) expect(isWrong(x), describeMismatch(x)).toBe(false);
    // The wrong one: the video shows what the node draws, but that is not the engine's value.
    for (const x of wrong) {
      expect(x.ocrEqual, describeMismatch(x)).toBe(true);
      expect(x.modelEqual).toBe(false);
      const message = describeMismatch(x);
      const shown = (valueAt(x.time) + OFF_BY).toFixed(3);
      const engine = valueAt(x.time).toFixed(3);
      expect(message).toContain(`wrong-readout @ ${x.time.toFixed(2)} s: Readout "wrong =" box [`);
      expect(message).toContain(`OCR "${shown}" (reads `);
      expect(message).toContain(`drawn "${shown}", engine value ${valueAt(x.time)} (shown as ${Number(engine)})`);
      expect(message).toContain('the node does not show the engine value');
      expect(existsSync(join(ROOT, x.image)), x.image).toBe(true);
    }
  }, 1_200_000);

  it('every number on screen in every scene is what the video shows and what the engine computes', async () => {
    const scenes = projectScenes();
    const results = await checkTruth({
      project: 'src/project.ts',
      scenes,
      models: MODELS,
      fps: FPS,
      out: join(OUT, 'project'),
      minFrames: 3,
      maxFrames: MAX_FRAMES,
    });
    const report = summarise(results);
    const wrong = results.flatMap(r => r.readings.filter(isWrong)).map(describeMismatch);
    writeFileSync(join(OUT, 'project', 'report.txt'), [report, '', ...wrong].join('\n') + '\n');
    console.log(report);
    for (const r of results) {
      if (r.scene in MODELS) continue;
      console.log(
        `${r.scene}: no model mapping in the truth test; its numbers are compared with the drawn string only`,
      );
    }
    expect(results.map(r => r.scene)).toEqual(scenes);
    for (const r of results) {
      if (r.readings.length === 0) {
        expect(
          NO_NUMBERS[r.scene],
          `${r.scene} shows no readable number: list it in NO_NUMBERS with a reason`,
        ).toBeDefined();
        continue;
      }
      expect(r.frames.length, `${r.scene}: frames read`).toBeGreaterThanOrEqual(3);
    }
    for (const [scene, model] of Object.entries(MODELS)) {
      const r = results.find(x => x.scene === scene);
      expect(r, `${scene} is mapped but not in the project`).toBeDefined();
      expect(
        r!.readings.some(x => x.engine !== undefined),
        `${scene}: no number compared with its model`,
      ).toBe(true);
      void model;
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  }, 3_600_000);
});

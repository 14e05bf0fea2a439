/** Readout and Axes, measured in the render page: a Readout's width never changes; Axes make no empty nodes. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Inspector} from '../../src/render/inspect';
import type {LayoutSample, TextBox} from '../../src/render/layoutCheck';
import {AXES, TANGENT_STEPS} from '../fixtures/axes.values';
import {AUTO_VALUES, FIXED_VALUES} from '../fixtures/readout.values';

const FPS = 30;
let samples: LayoutSample[];
let axes: LayoutSample[];
let inspector: Inspector;

beforeAll(async () => {
  inspector = await Inspector.start({project: 'tests/fixtures/components.project.ts', fps: FPS});
  // The middle of each one-second step.
  samples = await inspector.inspectFrames(
    'readout',
    FIXED_VALUES.map((_, i) => i * FPS + FPS / 2),
  );
  axes = await inspector.inspectFrames(
    'axes',
    TANGENT_STEPS.map((_, i) => i * FPS + FPS / 2),
  );
}, 300_000);
afterAll(async () => {
  await inspector?.close();
});

/** The label and the number of one Readout, as drawn at each sample. */
function drawn(key: string) {
  return samples.map(s => {
    const parts = s.texts.filter(t => t.ancestors.includes(key));
    const number = s.numbers!.find(n => n.key === key)!;
    const left = Math.min(...parts.map(t => t.x));
    const right = Math.max(...parts.map((t: TextBox) => t.x + t.width));
    return {text: number.text, value: number.value, width: right - left, left, numberWidth: number.width};
  });
}

describe('Readout', () => {
  it('draws 12.3, 1.6, −0.5, 0, −12.34 and 9.999 at one width: padding spaces are kept', () => {
    const d = drawn('fixed');
    expect(d.map(x => x.value)).toEqual(FIXED_VALUES);
    for (const x of d) {
      expect(x.numberWidth).toBeCloseTo(d[0].numberWidth, 1);
      expect(x.width).toBeCloseTo(d[0].width, 1);
      expect(x.left).toBeCloseTo(d[0].left, 1);
    }
  });

  it('auto notation switches between fixed and scientific (7.5e−5 is not 0.00) at one width', () => {
    const d = drawn('auto');
    expect(d[0].text.trim()).toBe('7.50e\u221205');
    expect(d[1].text.trim()).toBe('0.25');
    for (const x of d) expect(x.width).toBeCloseTo(d[0].width, 1);
  });
});

describe('Axes', () => {
  it('axes without names or tick labels hold no text node; a named x axis holds exactly its name', () => {
    const under = (key: string) => axes[0].texts.filter(t => t.ancestors.includes(key)).map(t => t.text);
    expect(under('bare')).toEqual([]);
    expect(under('named')).toEqual(['x']);
  });

  it("a tangent's length is a signal: xSpan in graph units (manim's length), else halfLength in pixels", () => {
    const unit = AXES.xLength / (AXES.xRange[1] - AXES.xRange[0]);
    const widths = axes.map(s => Number(s.texts.find(t => t.key === 'tangentWidth')!.text));
    expect(widths).toEqual(TANGENT_STEPS.map(s => (s.xSpan === null ? 2 * s.halfLength : s.xSpan * unit)));
  });
});

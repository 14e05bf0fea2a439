import {describe, expect, it} from 'vitest';
import {
  DEFAULT_RULES,
  describeViolation,
  exemptions,
  findViolations,
  groupViolations,
  sampleFrames,
  type LayoutSample,
  type TextBox,
} from '../../src/render/layoutCheck';

let keys = 0;
/** A visible 40 px text box at (x, y) of size w × h. */
const box = (x: number, y: number, w: number, h: number, extra: Partial<TextBox> = {}): TextBox => ({
  key: String(keys++),
  path: 'Txt',
  kind: 'Txt',
  text: `t${keys}`,
  x,
  y,
  width: w,
  height: h,
  opacity: 1,
  fontPx: 40,
  ancestors: [],
  exempt: null,
  ...extra,
});
const at = (...texts: TextBox[]): LayoutSample[] => [{frame: 30, time: 1, texts}];

describe('layout rules on synthetic boxes', () => {
  it('passes well-spaced text inside the title-safe area', () => {
    expect(
      findViolations(at(box(200, 200, 300, 50), box(200, 300, 300, 50), box(96, 54, 100, 40), box(1724, 986, 100, 40))),
    ).toEqual([]);
  });

  it('flags a box that crosses the 5% margin, naming the edge', () => {
    const v = findViolations(at(box(90, 500, 200, 50), box(1700, 1000, 200, 50)));
    expect(v.map(x => x.rule)).toEqual(['margin', 'margin']);
    expect(v[0].rule === 'margin' && v[0].edges).toEqual(['left by 6 px']);
    expect(v[1].rule === 'margin' && v[1].edges).toEqual(['right by 76 px', 'bottom by 24 px']);
    expect(describeViolation('demo', v[0])).toMatch(
      /^demo @ 1\.00 s: Txt "t\d+" \[90, 500, 290, 550\] leaves the title-safe area/,
    );
  });

  it('flags two overlapping texts, and reports both with their texts', () => {
    const a = box(400, 400, 200, 50, {text: 'loss'});
    const b = box(590, 420, 200, 50, {text: 'step'});
    const v = findViolations(at(a, b));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({rule: 'overlap', width: 10, height: 30});
    expect(describeViolation('demo', v[0])).toContain('"loss"');
    expect(describeViolation('demo', v[0])).toContain('"step"');
  });

  it('tolerates boxes that only touch (≤ 2 px), and a text inside its own ancestor', () => {
    expect(findViolations(at(box(400, 400, 200, 50), box(598, 400, 200, 50), box(400, 448, 200, 50)))).toEqual([]);
    const parent = box(400, 700, 200, 50);
    const child = box(420, 710, 100, 30, {ancestors: [parent.key]});
    expect(findViolations(at(parent, child))).toEqual([]);
    expect(findViolations(at(parent, {...child, ancestors: []}))).toHaveLength(1);
  });

  it('flags text under 24 px at 1080p', () => {
    const v = findViolations(at(box(400, 400, 100, 20, {fontPx: 20})));
    expect(v.map(x => x.rule)).toEqual(['small']);
    expect(findViolations(at(box(400, 400, 100, 30, {fontPx: DEFAULT_RULES.minFontPx})))).toEqual([]);
  });

  it('ignores invisible, empty and zero-sized texts', () => {
    expect(
      findViolations(at(box(0, 0, 100, 30, {opacity: 0.04}), box(0, 0, 100, 30, {text: ' '}), box(0, 0, 0, 0))),
    ).toEqual([]);
  });

  it('skips an exempt text but counts its reason', () => {
    const samples = at(
      box(0, 0, 100, 30, {exempt: 'rides the gear'}),
      box(10, 10, 100, 30, {exempt: 'rides the gear'}),
    );
    expect(findViolations(samples)).toEqual([]);
    expect([...exemptions(samples)]).toEqual([['rides the gear', 2]]);
  });

  it('groups the same violation seen at several times', () => {
    const a = box(50, 500, 100, 30);
    const samples: LayoutSample[] = [1, 2, 3].map(t => ({frame: t * 30, time: t, texts: [a]}));
    expect(groupViolations(findViolations(samples))).toEqual([expect.objectContaining({last: 3, count: 3})]);
  });

  it('samples at least every `every` seconds, the extra frames and the last frame', () => {
    expect(sampleFrames(100, 30, 1, [45, 500])).toEqual([0, 30, 45, 60, 90, 99]);
  });
});

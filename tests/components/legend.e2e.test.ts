/** The Legend component, measured in the render page: its labels line up and never overlap. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Inspector} from '../../src/render/inspect';
import type {TextBox} from '../../src/render/layoutCheck';
import {LEGEND_ENTRIES} from '../fixtures/legend.entries';

let texts: TextBox[];
let inspector: Inspector;

beforeAll(async () => {
  inspector = await Inspector.start({project: 'tests/fixtures/legend.project.ts'});
  const {samples} = await inspector.inspect('legend');
  texts = samples[0].texts;
}, 300_000);
afterAll(async () => {
  await inspector?.close();
});

const labelsOf = (legend: string) => texts.filter(t => t.ancestors.includes(legend));
const labels = LEGEND_ENTRIES.map(e => e.label);

describe('Legend', () => {
  it('a column legend: one label per entry, in order, left-aligned, stacked without overlap', () => {
    const col = labelsOf('column');
    expect(col.map(t => t.text)).toEqual(labels);
    for (let i = 1; i < col.length; i++) {
      expect(col[i].x).toBeCloseTo(col[0].x, 0);
      expect(col[i].y).toBeGreaterThanOrEqual(col[i - 1].y + col[i - 1].height);
    }
    expect(col[0].fontPx).toBeCloseTo(36, 5);
  });

  it('a row legend: the labels on one line, left to right, with room for each swatch between them', () => {
    const row = labelsOf('row');
    expect(row.map(t => t.text)).toEqual(labels);
    for (let i = 1; i < row.length; i++) {
      expect(row[i].y).toBeCloseTo(row[0].y, 0);
      // The next swatch (48 px wide for the line kind, 24 otherwise) sits in the gap.
      expect(row[i].x - (row[i - 1].x + row[i - 1].width)).toBeGreaterThan(40 + 24);
    }
  });
});

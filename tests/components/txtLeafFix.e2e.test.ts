/** Texts bound to signals keep their nodes: Motion Canvas 3.17.2 made a new leaf for each new string and held the old one. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Inspector} from '../../src/render/inspect';
import type {LayoutSample} from '../../src/render/layoutCheck';

const FPS = 30;
let fixed: LayoutSample[];
let stock: LayoutSample[];
const inspectors: Inspector[] = [];

/** Frames 30 … 90, each drawn: a leaf is made when a frame is drawn with a new string. */
const FRAMES = Array.from({length: 61}, (_, i) => FPS + i);

async function inspect(project: string): Promise<LayoutSample[]> {
  const inspector = await Inspector.start({fps: FPS, project});
  inspectors.push(inspector);
  return inspector.inspectFrames('changing-text', FRAMES);
}

beforeAll(async () => {
  // Twenty texts whose strings change every frame, with and without the fix loaded.
  fixed = await inspect('tests/fixtures/changing-text.project.ts');
  stock = await inspect('tests/fixtures/changing-text-stock.project.ts');
}, 300_000);
afterAll(async () => {
  await Promise.all(inspectors.map(i => i.close()));
});

describe('a Txt whose text is a signal', () => {
  it('without the fix, leaves pile up, one per text per frame (the leak the fix is for)', () => {
    const counts = stock.map(s => s.detached!);
    expect(counts.at(-1)! - counts[0]).toBe(20 * (FRAMES.length - 1));
  });

  it('with the fix, the scene holds no more detached nodes after 60 drawn frames than after the first', () => {
    const counts = fixed.map(s => s.detached!);
    expect(new Set(counts)).toEqual(new Set([counts[0]]));
  });

  it('and the texts still show each frame’s string', () => {
    for (const sample of fixed) {
      const shown = sample.texts.map(t => Number(t.text)).sort((a, b) => a - b);
      const t = (1000 * sample.time) / 60;
      const expected = Array.from({length: 20}, (_, k) => Number((t * (k + 1)).toFixed(3)));
      expect(shown).toEqual(expected);
    }
  });
});

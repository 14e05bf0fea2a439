/** ComputationGraph in the render page: its label nodes are made once per trace, not once a frame. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Inspector} from '../../src/render/inspect';
import type {LayoutSample} from '../../src/render/layoutCheck';

const FPS = 30;
let samples: LayoutSample[];
let inspector: Inspector;

beforeAll(async () => {
  inspector = await Inspector.start({fps: FPS});
  // backprop-graph's forward and backward passes: the values and gradients change every frame.
  samples = await inspector.inspectFrames(
    'backprop-graph',
    [4, 6, 9, 12, 15].map(s => s * FPS),
  );
}, 300_000);
afterAll(async () => {
  await inspector?.close();
});

// Node keys carry a creation counter (`backprop-graph/Txt2[49]`): a rebuilt node has a new key.
describe('ComputationGraph', () => {
  it('keeps the same label nodes while the passes run (a new set each frame leaked memory until the browser crashed)', () => {
    const keys = samples.map(s =>
      s.texts
        .filter(t => t.ancestors.some(a => a.includes('/ComputationGraph[')))
        .map(t => t.key)
        .sort(),
    );
    // Texts show as they get values (an empty gradient is not reported), so samples differ in size,
    // but every key is one of the fullest sample's: no node is ever made anew.
    const fullest = keys.reduce((a, b) => (b.length > a.length ? b : a));
    expect(fullest.length).toBeGreaterThan(20);
    expect([...new Set(keys.flat())].sort()).toEqual(fullest);
  });
});

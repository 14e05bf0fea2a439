import {describe, expect, it} from 'vitest';
import {clamp01, rampAt, smooth} from '../../src/math/ease';

describe('timeline easing', () => {
  it('smooth is 3u² − 2u³: hand values and flat ends', () => {
    expect(smooth(0)).toBe(0);
    expect(smooth(1)).toBe(1);
    expect(smooth(0.25)).toBeCloseTo(3 / 16 - 2 / 64, 15);
    expect(smooth(0.5)).toBe(0.5);
    const h = 1e-6;
    expect(smooth(h) / h).toBeLessThan(1e-5);
    expect((1 - smooth(1 - h)) / h).toBeLessThan(1e-5);
  });

  it('clamp01 clamps both sides and keeps the inside', () => {
    expect([clamp01(-2), clamp01(0.3), clamp01(7)]).toEqual([0, 0.3, 1]);
  });

  it('rampAt waits for its start, eases over its seconds, and steps when seconds is 0', () => {
    expect(rampAt(0.9, 1, 2)).toBe(0);
    expect(rampAt(2, 1, 2)).toBe(0.5);
    expect(rampAt(1.5, 1, 2)).toBeCloseTo(smooth(0.25), 15);
    expect(rampAt(3.5, 1, 2)).toBe(1);
    expect([rampAt(0.99, 1, 0), rampAt(1, 1, 0)]).toEqual([0, 1]);
  });
});

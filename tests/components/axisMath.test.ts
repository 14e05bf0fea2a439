import {describe, expect, it} from 'vitest';
import {
  c2p,
  niceStep,
  p2c,
  sampleCurve,
  tangentSegment,
  tangentSpan,
  tickTex,
  ticks,
  type AxisMap,
} from '../../src/components/axisMath';

const map: AxisMap = {xRange: [-1, 3], yRange: [-2, 2], xLength: 800, yLength: 600};

describe('axis mapping', () => {
  it('c2p puts the range corners on the pixel box corners, y pointing down', () => {
    expect(c2p(map, -1, -2)).toEqual([-400, 300]);
    expect(c2p(map, 3, 2)).toEqual([400, -300]);
    expect(c2p(map, 1, 0)).toEqual([0, -0]);
  });

  it('p2c inverts c2p (round trip over a grid of points)', () => {
    for (let x = -1; x <= 3; x += 0.37) {
      for (let y = -2; y <= 2; y += 0.41) {
        const [px, py] = c2p(map, x, y);
        const [bx, by] = p2c(map, px, py);
        expect(bx).toBeCloseTo(x, 12);
        expect(by).toBeCloseTo(y, 12);
      }
    }
  });

  it('ticks are the multiples of the step inside the range, without float noise', () => {
    expect(ticks(-1, 3, 1)).toEqual([-1, 0, 1, 2, 3]);
    expect(ticks(-1, 3, 1, true)).toEqual([-1, 1, 2, 3]);
    expect(ticks(0, 1, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(ticks(-0.25, 1.25, 0.5)).toEqual([0, 0.5, 1]);
  });

  it('tick pixels are evenly spaced by step × pixels-per-unit', () => {
    const px = ticks(-1, 3, 0.5).map(v => c2p(map, v, 0)[0]);
    for (let k = 1; k < px.length; k++) expect(px[k] - px[k - 1]).toBeCloseTo(100, 9);
  });

  it('niceStep picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0, 10, 5)).toBe(2);
    expect(niceStep(0, 1, 5)).toBeCloseTo(0.2, 12);
    expect(niceStep(-50, 50, 4)).toBe(20);
    expect(niceStep(0, 7, 7)).toBe(1);
  });

  it('tick labels are the shortest decimals, without float noise', () => {
    expect(tickTex(-2)).toBe('-2');
    expect(tickTex(0.1 + 0.2)).toBe('0.3');
    expect(tickTex(5)).toBe('5');
  });

  it('a tangent segment passes through the point with the given slope in graph units', () => {
    const [a, b] = tangentSegment(map, 1, 0.5, 0.75, 150);
    const ca = p2c(map, ...a);
    const cb = p2c(map, ...b);
    expect((cb[1] - ca[1]) / (cb[0] - ca[0])).toBeCloseTo(0.75, 9);
    const mid = p2c(map, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    expect(mid[0]).toBeCloseTo(1, 9);
    expect(mid[1]).toBeCloseTo(0.5, 9);
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(300, 9);
  });

  it('a sampled curve breaks where it leaves the chart or is not finite', () => {
    const runs = sampleCurve(map, x => 1 / x, -1, 3, 401);
    expect(runs.length).toBe(2);
    for (const run of runs) for (const [, py] of run) expect(Math.abs(py)).toBeLessThanOrEqual(300 * 1.1);
    const log = sampleCurve(map, Math.log, -1, 3, 101);
    expect(log.length).toBe(1);
    expect(p2c(map, ...log[0][0])[0]).toBeGreaterThan(0);
  });
});

describe('tangent spanning x units (manim-style length)', () => {
  it('runs from x − span/2 to x + span/2 along the slope, whatever the pixel aspect', () => {
    const slope = -1.3;
    const [a, b] = tangentSpan(map, 1, 0.5, slope, 2);
    const [ga, gb] = [p2c(map, ...a), p2c(map, ...b)];
    expect(ga[0]).toBeCloseTo(0, 12);
    expect(gb[0]).toBeCloseTo(2, 12);
    // Both ends lie on the line y = 0.5 + slope·(x − 1), which a pixel-length segment only does by construction too.
    expect(ga[1]).toBeCloseTo(0.5 - slope, 12);
    expect(gb[1]).toBeCloseTo(0.5 + slope, 12);
  });
});

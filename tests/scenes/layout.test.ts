/**
 * The layout check on every scene of src/project.ts: at sampled times (at least every 0.5 s, every
 * slide start and the last frame), no text leaves the title-safe area, no two texts overlap, and no
 * text is under 24 px at 1080p. A scene is checked as soon as it is listed in the project.
 * Opt-outs (`layoutExempt`) are printed with their reasons.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Inspector, projectScenes} from '../../src/render/inspect';
import {describeViolation, exemptions, findViolations, groupViolations} from '../../src/render/layoutCheck';

const scenes = projectScenes();
let inspector: Inspector;

beforeAll(async () => {
  inspector = await Inspector.start();
});
afterAll(async () => {
  await inspector?.close();
});

describe('layout check', () => {
  it("finds the project's scenes", () => {
    expect(scenes.length).toBeGreaterThan(0);
  });

  it.each(scenes)(
    '%s: every visible text stays in the title-safe area, overlaps no other text and is at least 24 px',
    async scene => {
      const {samples, seconds} = await inspector.inspect(scene);
      // The probe must really see the scene's texts: a walk that finds nothing would pass vacuously.
      expect(samples.length).toBeGreaterThanOrEqual(Math.floor(seconds / 0.5));
      expect(samples.some(s => s.texts.some(t => t.opacity > 0.5 && t.text.trim() !== ''))).toBe(true);
      for (const [reason, count] of exemptions(samples)) console.log(`${scene}: ${count} text(s) exempt: ${reason}`);
      const report = groupViolations(findViolations(samples)).map(
        g =>
          `${describeViolation(scene, g.first)}${g.count > 1 ? ` (seen ${g.count}×, until ${g.last.toFixed(2)} s)` : ''}`,
      );
      expect(report, `\n${report.join('\n')}\n`).toEqual([]);
    },
  );
});

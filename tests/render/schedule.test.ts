import {describe, expect, it} from 'vitest';
import {segmentsOf} from '../../src/render/plan';
import {Block, SceneCost, victims} from '../../src/render/schedule';

/** A 60 fps scene of `seconds`, cut into 2-second segments (120 frames). */
const segments = (seconds: number) => segmentsOf(0, seconds * 60, 120);

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return {now: () => t, advance: (ms: number) => void (t += ms)};
}

/** Claims the block's segments one after another, `msPerFrame` apart, until it is refused. */
function renderSome(block: Block, c: ReturnType<typeof clock>, count: number, msPerFrame = 20) {
  for (const s of block.segments.slice(0, count)) {
    expect(block.claim(s.index)).toBe(true);
    c.advance((s.to - s.from) * msPerFrame);
  }
}

describe('a block of segments', () => {
  it('grants claims in order and refuses one out of order or twice', () => {
    const block = new Block(segments(8), new SceneCost(480, 1000));
    expect(block.claim(1)).toBe(false);
    expect(block.claim(0)).toBe(true);
    expect(block.claim(0)).toBe(false);
    expect(block.claim(1)).toBe(true);
  });

  it('before any cost is known, a thief takes the later half of the unclaimed segments', () => {
    const block = new Block(segments(20), new SceneCost(1200, 1000));
    const tail = block.split()!;
    expect(block.owned.map(s => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(tail.segments.map(s => s.index)).toEqual([5, 6, 7, 8, 9]);
  });

  it('a block not yet started keeps its first segment; one segment is never split', () => {
    const two = new Block(segments(4), new SceneCost(240, 1000));
    expect(two.split()!.segments.map(s => s.index)).toEqual([1]);
    expect(two.split()).toBeNull();
  });

  it('once a stolen segment is gone, its old owner is refused it and stops there', () => {
    const c = clock();
    const block = new Block(segments(8), new SceneCost(480, 1000), c.now);
    renderSome(block, c, 1);
    const tail = block.split()!;
    const first = tail.segments[0].index;
    const owned = block.owned.map(s => s.index);
    for (const index of owned.slice(1)) expect(block.claim(index)).toBe(true);
    expect(block.claim(first)).toBe(false);
    expect(tail.claim(first)).toBe(true);
  });

  it('with a known cost, it splits where both workers finish together, the thief paying its start', () => {
    const c = clock();
    // 40 s of 60 fps video at 20 ms a frame; preparing the scene costs 2 s, a page 0.5 s.
    const cost = new SceneCost(2400, 2000);
    const block = new Block(segments(40), cost, c.now);
    renderSome(block, c, 3);
    expect(cost.perFrame()).toBeCloseTo(20);
    const tail = block.split(null)!;
    const mine = block.owned.slice(3).reduce((n, s) => n + s.to - s.from, 0) * 20;
    const theirs = cost.startMs(tail.segments[0].from) + tail.segments.reduce((n, s) => n + s.to - s.from, 0) * 20;
    // Within one segment (2.4 s) of each other, and the thief has fewer frames since it starts later.
    expect(Math.abs(mine - theirs)).toBeLessThanOrEqual(120 * 20);
    expect(tail.unclaimedFrames()).toBeLessThan(block.unclaimedFrames());
  });

  it('a thief whose page holds the scene just before the tail only seeks, so it takes more', () => {
    const split = (from: number | null) => {
      const c = clock();
      const block = new Block(segments(40), new SceneCost(2400, 6000), c.now);
      renderSome(block, c, 3);
      return block.split(from)!.segments.length;
    };
    expect(split(360)).toBeGreaterThan(split(null));
  });

  it('does not split when the thief could not finish sooner than the owner', () => {
    const c = clock();
    // One unclaimed segment of 2.4 s against 2 s of preparation, a page and the seek.
    const block = new Block(segments(6), new SceneCost(360, 2000), c.now);
    renderSome(block, c, 2);
    expect(block.unclaimedFrames()).toBe(120);
    expect(block.split(null)).toBeNull();
  });

  it('a free worker takes from the block that would finish last', () => {
    const c = clock();
    const cost = new SceneCost(4800, 1000);
    const short = new Block(segments(10), cost, c.now);
    const long = new Block(segments(80).slice(5), cost, c.now);
    renderSome(short, c, 1);
    renderSome(long, c, 1);
    expect(victims([short, long])[0]).toBe(long);
  });
});

describe('the cost of starting a block', () => {
  it('a fresh page pays the page, the scene logic and the seek; a kept page only the seek', () => {
    const cost = new SceneCost(1000, 2000, 500);
    expect(cost.startMs(500)).toBe(500 + 2000 + 1000);
    expect(cost.startMs(500, 400)).toBe(200);
    // Behind the kept frame: a seek from the start.
    expect(cost.startMs(100, 400)).toBe(200);
  });
});

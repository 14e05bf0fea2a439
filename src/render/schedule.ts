/**
 * Work stealing over segments. A worker renders a block of a scene's segments, claiming each one
 * from Node before it starts it. A worker with nothing left to do takes the unclaimed tail of the
 * block that would finish last, so the workers end together however uneven the scene's frames are.
 * Who renders a segment never changes its bytes, so stealing never changes the output.
 */
import type {Segment} from './protocol';

/** What a scene's frames cost, learnt while it renders. */
export class SceneCost {
  private ms = 0;
  private frames = 0;

  constructor(
    /** Frames in the whole scene. */
    readonly sceneFrames: number,
    /** Running the whole scene's logic once without drawing: what a page pays to prepare it. */
    readonly recalcMs: number,
    /** Opening and loading a fresh page. */
    readonly pageMs = 500,
  ) {}

  /** A segment of `frames` frames took `ms`. */
  record(frames: number, ms: number): void {
    this.frames += frames;
    this.ms += ms;
  }

  /** Milliseconds a frame, or null before any segment has finished. */
  perFrame(): number | null {
    return this.frames > 0 ? this.ms / this.frames : null;
  }

  /**
   * What a worker pays before it draws `frame`. One whose page holds this scene at frame `from` only
   * seeks (forward from there, or from the start); any other pays a page and the scene's logic once too.
   */
  startMs(frame: number, from: number | null = null): number {
    const seek = (frames: number) => (this.recalcMs * frames) / Math.max(1, this.sceneFrames);
    if (from === null) return this.pageMs + this.recalcMs + seek(frame);
    return seek(from <= frame ? frame - from : frame);
  }
}

/** A steal must shorten the block's finish by at least this much to be worth a page. */
const MIN_GAIN_MS = 500;

const framesOf = (segments: Segment[]) => segments.reduce((n, s) => n + s.to - s.from, 0);

/** A contiguous run of segments; the worker rendering it claims them in order. */
export class Block {
  /** Segments [0, next) are claimed; [next, end) are not yet and may be stolen. */
  private next = 0;
  private end: number;
  private claimedAt: number | null = null;

  constructor(
    readonly segments: Segment[],
    private readonly cost: SceneCost,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.end = segments.length;
  }

  /** The segments still this block's. */
  get owned(): Segment[] {
    return this.segments.slice(0, this.end);
  }

  /** The page asks before it starts segment `index`: granted while it is still this block's. */
  claim(index: number): boolean {
    const at = this.segments.findIndex(s => s.index === index);
    if (at !== this.next || at >= this.end) return false;
    const now = this.now();
    if (this.claimedAt !== null) {
      const done = this.segments[at - 1];
      this.cost.record(done.to - done.from, now - this.claimedAt);
    }
    this.claimedAt = now;
    this.next++;
    return true;
  }

  /** Milliseconds until this block is done, as far as the scene's cost tells; null when unknown. */
  remainingMs(): number | null {
    const perFrame = this.cost.perFrame();
    if (perFrame === null) return null;
    return this.timeToFinish(this.end, perFrame);
  }

  /** Frames not yet claimed: what a thief could take. */
  unclaimedFrames(): number {
    return framesOf(this.segments.slice(this.next, this.end));
  }

  private length(k: number): number {
    return this.segments[k].to - this.segments[k].from;
  }

  /** Time for this block's worker to finish if it keeps segments [0, keep). */
  private timeToFinish(keep: number, perFrame: number): number {
    let ms = framesOf(this.segments.slice(this.next, keep)) * perFrame;
    if (this.claimedAt === null) {
      // Not started yet: it still pays its own start.
      ms += this.cost.startMs(this.segments[0].from);
    } else {
      // Inside segment next − 1: assume it is half way through it, within what it has already spent.
      const current = this.segments[this.next - 1];
      const full = (current.to - current.from) * perFrame;
      ms += Math.max(full / 2, full - (this.now() - this.claimedAt));
    }
    return ms;
  }

  /**
   * Hands the unclaimed tail to a new block when that ends the work sooner, splitting where both
   * finish together: this worker carries on, the thief pays a page, the scene's logic and a seek.
   * Before any cost is known the unclaimed frames are halved. `from`: where the thief's page holds this
   * scene, null when it holds another.
   */
  split(from: number | null = null): Block | null {
    const first = this.claimedAt === null ? this.next + 1 : this.next;
    if (first >= this.end) return null;
    const perFrame = this.cost.perFrame();
    let cut = -1;
    if (perFrame === null) {
      // Keep the segments whose middles fall in the first half of the unclaimed frames.
      const half = this.unclaimedFrames() / 2;
      let kept = 0;
      for (cut = this.next; cut < this.end && kept + this.length(cut) / 2 <= half; cut++) kept += this.length(cut);
      cut = Math.min(Math.max(cut, first), this.end - 1);
    } else {
      let best = this.timeToFinish(this.end, perFrame) - MIN_GAIN_MS;
      for (let k = first; k < this.end; k++) {
        const thief =
          this.cost.startMs(this.segments[k].from, from) + framesOf(this.segments.slice(k, this.end)) * perFrame;
        const finish = Math.max(this.timeToFinish(k, perFrame), thief);
        if (finish < best) [best, cut] = [finish, k];
      }
      if (cut < 0) return null;
    }
    const stolen = new Block(this.segments.slice(cut, this.end), this.cost, this.now);
    this.end = cut;
    return stolen;
  }
}

/**
 * The blocks a free worker should take from, best first: the one that would finish last. Blocks whose
 * cost is not known yet come after, by their unclaimed frames.
 */
export function victims(running: Iterable<Block>): Block[] {
  return [...running].sort(
    (a, b) => (b.remainingMs() ?? -1) - (a.remainingMs() ?? -1) || b.unclaimedFrames() - a.unclaimedFrames(),
  );
}

import type {FrameCost} from './protocol';

/** `NNM_TIMING=1`: one stderr line per start-up step, in ms since the process started. */
const on = Boolean(process.env.NNM_TIMING);

export function mark(what: string): void {
  if (on) process.stderr.write(`[timing] ${performance.now().toFixed(0).padStart(6)} ms  ${what}\n`);
}

/** One job's cost per frame by stage, in ms (the page's timers). */
export function frameCost(scene: string, frames: number, cost: FrameCost): void {
  if (!on || frames === 0) return;
  const per = (ms: number) => (ms / frames).toFixed(2);
  const total = cost.seek + cost.draw + cost.encode + cost.flush;
  process.stderr.write(
    `[timing] ${scene}: ${frames} frames, per frame ${per(total)} ms = scene logic ${per(cost.seek)} + draw ${per(cost.draw)} ` +
      `(of which colour-range blend ${per(cost.blend)}) + encode/transfer ${per(cost.encode)} + segment flush ${per(cost.flush)}\n`,
  );
}

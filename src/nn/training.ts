import {checkAllFinite, checkFinite} from '../math/finite';
import {createUpdateRule, type DescentOptions} from '../math/optimizers';
import {mlpObjective} from './backprop';
import {
  architectureOf,
  flattenParams,
  paramCount,
  snapshotFromParams,
  type Architecture,
  type Batch,
  type LossName,
  type MLPSnapshot,
  type TrainingTimeline,
} from './mlp';

export interface TrainOptions extends Omit<DescentOptions, 'maxSteps' | 'gradTol' | 'divergeAbove'> {
  loss: LossName;
  steps: number;
  /** Keep a weight snapshot every k steps (the first and last step are always kept). */
  snapshotEvery: number;
}

/** Snapshots stored back to back in one Float64Array; snapshot(i) returns views, not copies. */
export class PackedTimeline implements TrainingTimeline {
  constructor(
    public readonly arch: Architecture,
    public readonly count: number,
    public readonly step: Int32Array,
    public readonly loss: Float64Array,
    /** count × paramCount(arch) weights, in the flat layout. */
    public readonly params: Float64Array,
  ) {}

  snapshot(i: number): MLPSnapshot {
    const size = paramCount(this.arch);
    return snapshotFromParams(this.arch, this.params.subarray(i * size, (i + 1) * size));
  }

  /** The last snapshot taken at or before a training step. */
  indexAtStep(step: number): number {
    let i = 0;
    while (i + 1 < this.count && this.step[i + 1] <= step) i++;
    return i;
  }
}

/**
 * Full-batch training with the fast backprop path and any optimizer. Throws
 * NonFiniteError naming the loss or update that produced a NaN/Infinity.
 */
export function trainMLP(init: MLPSnapshot, batch: Batch, opts: TrainOptions): PackedTimeline {
  const arch = architectureOf(init);
  const size = paramCount(arch);
  const objective = mlpObjective(arch, batch, opts.loss);
  const update = createUpdateRule(size, {...opts, maxSteps: opts.steps});
  const params = flattenParams(init);
  const grad = new Float64Array(size);

  const k = Math.max(1, Math.floor(opts.snapshotEvery));
  const count = Math.floor(opts.steps / k) + 1 + (opts.steps % k === 0 ? 0 : 1);
  const steps = new Int32Array(count);
  const losses = new Float64Array(count);
  const snapshots = new Float64Array(count * size);
  let i = 0;
  for (let s = 0; s <= opts.steps; s++) {
    const loss = checkFinite(objective(params, grad), `${opts.loss} loss`, s);
    if (s % k === 0 || s === opts.steps) {
      steps[i] = s;
      losses[i] = loss;
      snapshots.set(params, i++ * size);
    }
    if (s === opts.steps) break;
    update(params, grad);
    checkAllFinite(params, `${opts.optimizer ?? 'sgd'} update`, s + 1);
  }
  return new PackedTimeline(arch, count, steps, losses, snapshots);
}

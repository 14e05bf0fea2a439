import {asObjective, type Landscape} from './landscapes';
import {nearestMinimum, type Minimum} from './minima';
import {descend, type DescentOptions, type Trajectory} from './optimizers';

/** One walker's descent and the listed minimum it ends nearest to. */
export interface Walker {
  start: readonly [number, number];
  path: Trajectory;
  /** Index into the minima list, and how far from it the walk ended. */
  minimum: number;
  missBy: number;
}

/** Descends from each start with the same optimizer settings. */
export function walkDownhill(
  landscape: Landscape,
  starts: readonly (readonly [number, number])[],
  descent: DescentOptions,
  minima: readonly Minimum[],
): Walker[] {
  const objective = asObjective(landscape);
  return starts.map(start => {
    const path = descend(objective, start, descent);
    const end = path.steps * 2;
    const {index, distance} = nearestMinimum(minima, path.params[end], path.params[end + 1]);
    return {start, path, minimum: index, missBy: distance};
  });
}

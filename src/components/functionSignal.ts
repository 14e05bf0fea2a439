/**
 * A signal whose value is itself a function (a curve, a classifier) meets a catch:
 * Motion Canvas treats any function given to a signal as a reactive getter.
 * A getter takes no arguments, while a plotted function or classifier takes at least one,
 * so `asFunctionValue` wraps the latter as `() => f` and passes getters through.
 */
export function asFunctionValue<F extends (...args: number[]) => number>(value: F | (() => F)): () => F {
  return value.length > 0 ? () => value as F : (value as () => F);
}

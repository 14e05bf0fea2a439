import {defineNarration} from '../narration/types';

// One line over the sweep: short enough to end before the point reaches the right.
export default defineNarration([
  {key: 'slope', zh: '切线的斜率，就是导数', en: "The tangent's slope is the derivative"},
]);

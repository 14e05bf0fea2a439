import {makeProject} from '@motion-canvas/core';
import './fonts';
import './components/txtLeafFix';
import {previewScenes} from './preview';

import tangentSlope from './scenes/tangent-slope?scene';
import perceptronApple from './scenes/perceptron-apple?scene';
import xorLine from './scenes/xor-line?scene';
import pixelsAndLayers from './scenes/pixels-and-layers?scene';
import polynomialKnobs from './scenes/polynomial-knobs?scene';
import foggyDescent from './scenes/foggy-descent?scene';
import derivativeProbe from './scenes/derivative-probe?scene';
import lossBowl from './scenes/loss-bowl?scene';
import chainRuleGears from './scenes/chain-rule-gears?scene';
import backpropGraph from './scenes/backprop-graph?scene';
import generalization from './scenes/generalization?scene';
import adversarial from './scenes/adversarial?scene';

// The small example first, then the lecture in the transcript's order (../shared/SCENES.md).
export default makeProject({
  scenes: previewScenes(
    [
      tangentSlope,
      perceptronApple,
      xorLine,
      pixelsAndLayers,
      polynomialKnobs,
      foggyDescent,
      derivativeProbe,
      lossBowl,
      chainRuleGears,
      backpropGraph,
      generalization,
      adversarial,
    ],
    import.meta.env.VITE_NNM_PREVIEW,
  ),
});

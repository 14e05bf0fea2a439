import {makeProject} from '@motion-canvas/core';
import './fonts';

import tangentSlope from './scenes/tangent-slope?scene';
import perceptronApple from './scenes/perceptron-apple?scene';
import xorLine from './scenes/xor-line?scene';
import lossBowl from './scenes/loss-bowl?scene';
import foggyDescent from './scenes/foggy-descent?scene';
import chainRuleGears from './scenes/chain-rule-gears?scene';

// In lecture order: the apple detector, Minsky's XOR, the loss landscape, descending it in fog, then the chain rule behind backpropagation.
export default makeProject({
  scenes: [tangentSlope, perceptronApple, xorLine, lossBowl, foggyDescent, chainRuleGears],
});

import {makeProject} from '@motion-canvas/core';
import './fonts';

import tangentSlope from './scenes/tangent-slope?scene';
import xorLine from './scenes/xor-line?scene';
import lossBowl from './scenes/loss-bowl?scene';
import foggyDescent from './scenes/foggy-descent?scene';
import chainRuleGears from './scenes/chain-rule-gears?scene';
import backpropGraph from './scenes/backprop-graph?scene';

// In lecture order: Minsky's XOR, the loss landscape, descending it in fog, then the chain rule behind backpropagation and backpropagation on a graph.
export default makeProject({
  scenes: [tangentSlope, xorLine, lossBowl, foggyDescent, chainRuleGears, backpropGraph],
});

import {makeProject} from '@motion-canvas/core';
import './fonts';

import tangentSlope from './scenes/tangent-slope?scene';
import componentsDemo from './scenes/components-demo?scene';
import surfaceDemo from './scenes/surface-demo?scene';
import chainRuleGears from './scenes/chain-rule-gears?scene';
import xorLine from './scenes/xor-line?scene';

export default makeProject({
  scenes: [tangentSlope, componentsDemo, surfaceDemo, chainRuleGears, xorLine],
});

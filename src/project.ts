import {makeProject} from '@motion-canvas/core';
import './fonts';

import tangentSlope from './scenes/tangent-slope?scene';

export default makeProject({
  scenes: [tangentSlope],
});

import {defineNarration} from '../narration/types';
import {orLog} from './xor-line.model';

// What the lecturer says over each beat of xor-line (lecture-transcript.txt, on Minsky and XOR).
export default defineNarration([
  {
    key: 'points',
    zh: '异或：两个输入一样时输出0，不一样时输出1',
    en: 'XOR is 0 when the two inputs match, 1 when they differ',
  },
  {
    key: 'line',
    zh: '能激活和不能激活的分界线，永远是一条直线',
    en: 'A perceptron fires on one side of a straight line',
  },
  {
    key: 'xor',
    zh: '你永远没法用一条直线，把这两种点分在两边',
    en: 'No straight line separates the two classes: the rule never settles',
  },
  {
    key: 'or',
    zh: '换成“或”，同一个学习规则很快就收敛了',
    en: `On OR the same rule settles after ${orLog.convergedAt} epochs`,
  },
  {
    key: 'two-layers',
    zh: '多来几个神经元：一个只在1,0激活，另一个只在0,1激活',
    en: 'Add a layer: h₁ fires only at (1,0), h₂ only at (0,1)',
  },
  {key: 'mlp', zh: '这就是多层感知机，用反向传播自己学会异或', en: 'A 2-4-1 network learns XOR by backpropagation'},
]);

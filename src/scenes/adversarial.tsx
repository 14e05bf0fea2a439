import {Latex, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createComputed, createSignal, tween, waitFor} from '@motion-canvas/core';
import {Caption, PixelGrid, ProbabilityBars, Readout, backdrop, colors, fonts, sizes} from '../components';
import {registerText} from '../fonts';
import {
  BARS,
  BEATS,
  CELL,
  EPSILON,
  FOOLED_AS,
  IMAGES,
  INDEX,
  LABEL,
  MAGNIFY,
  NOISE_DRAWS,
  PANELS,
  PERTURBATIONS,
  PROBS,
  T,
  BACK_TO_FGSM,
  IMAGE_Y,
  frameAt,
  maxChange,
} from './adversarial.model';

// A change too small to see flips a confident answer: FGSM nudges every pixel of a digit by ε in
// the direction that raises the loss, and the classifier reads another digit; random ±ε noise of
// the same size leaves the answer alone. The direction matters, not the size.

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
const CAPTIONS = [
  {
    zh: `一张训练时没见过的手写数字：网络有 ${pct(PROBS.clean[LABEL])} 的把握说它是 ${LABEL}`,
    en: `A digit the network never saw in training: it reads ${LABEL}, ${pct(PROBS.clean[LABEL])} sure`,
  },
  {
    zh: '给每个像素加一点点：不是随机的，而是朝着让损失变大的方向',
    en: 'Nudge every pixel a little: not at random, but in the direction that raises the loss',
  },
  {
    zh: `每个像素最多只变 ${EPSILON}：在人眼看来，两张图一模一样`,
    en: `No pixel moves by more than ${EPSILON}: to the eye, the two images are the same`,
  },
  {
    zh: `网络却有 ${pct(PROBS.attacked[FOOLED_AS])} 的把握说它是 ${FOOLED_AS}`,
    en: `Yet the network now reads ${FOOLED_AS}, ${pct(PROBS.attacked[FOOLED_AS])} sure`,
  },
  {zh: `换成同样大小的随机噪声：答案还是 ${LABEL}`, en: `Random noise of the same size: the answer is still ${LABEL}`},
  {
    zh: `随机试 ${NOISE_DRAWS} 次，一次也骗不过它：关键是方向，不是大小`,
    en: `${NOISE_DRAWS} random draws, not one fools it: the direction matters, not the size`,
  },
  {
    zh: '这就是对抗样本：专门设计来骗过神经网络的微小噪声',
    en: 'An adversarial example: a tiny change designed to fool the network',
  },
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const RIGHT = colors.green;
const WRONG = colors.red;
const LABEL_Y = -385;
const NOTE_Y = -345;
const OPERATOR_FONT = 72;
/** The middle column's readouts, under the perturbation. */
const MIDDLE_Y = 20;
const READOUT_Y = 338;

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0);
  const now = createComputed(() => frameAt(clock()));
  const noise = () => now().noise;
  // Labels fade out, then their replacements in: two texts never share the spot.
  const fgsmLabel = () => Math.max(0, 1 - 2 * noise());
  const noiseLabel = () => Math.max(0, 2 * noise() - 1);

  const title = (
    <Txt
      text="A change too small to see"
      x={-840}
      y={-455}
      offset={[-1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  );
  const label = (text: string, x: number, opacity: () => number) => (
    <Txt
      text={text}
      x={x}
      y={LABEL_Y}
      fill={colors.textDim}
      fontFamily={fonts.text}
      fontSize={sizes.font.label}
      opacity={opacity}
    />
  );
  const digit = (values: ArrayLike<number>, x: number, opacity: () => number) => (
    <PixelGrid values={values} columns={8} cellSize={CELL} x={x} y={IMAGE_Y} opacity={opacity} />
  );

  // Left: the clean digit and the classifier's answer.
  const clean = (
    <Node>
      {label(`test digit #${INDEX}`, PANELS.clean, () => now().cleanOpacity)}
      {digit(IMAGES.clean, PANELS.clean, () => now().cleanOpacity)}
      <ProbabilityBars
        x={PANELS.clean}
        y={BARS.y}
        length={BARS.length}
        maxBar={BARS.maxBar}
        highlightColor={RIGHT}
        probabilities={() => now().cleanBars}
        opacity={() => now().cleanBarsOpacity}
      />
      <Readout
        x={PANELS.clean}
        y={READOUT_Y}
        label={`P(${LABEL}) =`}
        value={() => now().cleanBars[LABEL]}
        digits={3}
        signed={false}
        fontSize={sizes.font.tick}
        valueColor={RIGHT}
        opacity={() => now().cleanBarsOpacity}
      />
    </Node>
  );

  // Middle: what is added, magnified until ±ε is full colour; FGSM first, then random noise.
  const perturbation = (
    <Node opacity={() => now().perturbOpacity}>
      <Latex
        tex="\varepsilon \cdot \mathrm{sign}(\nabla_{x}\, \mathrm{loss})"
        x={PANELS.perturb}
        y={LABEL_Y}
        fill={colors.text}
        fontSize={sizes.font.label}
        opacity={fgsmLabel}
      />
      <Txt
        text="random ±ε noise"
        x={PANELS.perturb}
        y={LABEL_Y}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={sizes.font.label}
        opacity={noiseLabel}
      />
      <Txt
        text={`shown ×${MAGNIFY}: blue +ε, orange −ε`}
        x={PANELS.perturb}
        y={NOTE_Y}
        fill={colors.textDim}
        fontFamily={fonts.text}
        fontSize={28}
      />
      <PixelGrid
        values={PERTURBATIONS.attack}
        palette="diverging"
        valueScale={EPSILON}
        columns={8}
        cellSize={CELL}
        x={PANELS.perturb}
        y={IMAGE_Y}
        opacity={() => 1 - noise()}
      />
      <PixelGrid
        values={PERTURBATIONS.noise}
        palette="diverging"
        valueScale={EPSILON}
        columns={8}
        cellSize={CELL}
        x={PANELS.perturb}
        y={IMAGE_Y}
        opacity={noise}
      />
      <Rect
        layout
        direction="column"
        alignItems="end"
        gap={sizes.space.s}
        x={PANELS.perturb}
        y={MIDDLE_Y}
        offset={[0, -1]}
      >
        <Readout
          label="ε ="
          value={EPSILON}
          digits={3}
          signed={false}
          fontSize={sizes.font.tick}
          valueColor={colors.text}
        />
        <Readout
          label="largest pixel change ="
          value={() => maxChange(noise() < 0.5 ? PERTURBATIONS.attack : PERTURBATIONS.noise)}
          digits={3}
          signed={false}
          fontSize={sizes.font.tick}
          valueColor={colors.text}
        />
        <Readout
          label="random draws tried ="
          value={() => now().drawsShown}
          digits={0}
          intDigits={3}
          signed={false}
          fontSize={sizes.font.tick}
          valueColor={colors.text}
          marginTop={sizes.space.l}
          opacity={() => now().drawsOpacity}
        />
        <Readout
          label="answer changed ="
          value={() => now().flipsShown}
          digits={0}
          intDigits={3}
          signed={false}
          fontSize={sizes.font.tick}
          valueColor={RIGHT}
          opacity={() => now().drawsOpacity}
        />
      </Rect>
    </Node>
  );

  // "+" and "=" between the panels.
  const operators = (
    <Node opacity={() => now().operatorsOpacity}>
      <Txt
        text="+"
        x={(PANELS.clean + PANELS.perturb) / 2}
        y={IMAGE_Y}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={OPERATOR_FONT}
      />
      <Txt
        text="="
        x={(PANELS.perturb + PANELS.result) / 2}
        y={IMAGE_Y}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={OPERATOR_FONT}
      />
    </Node>
  );

  // Right: the perturbed digit at true scale, and what the classifier now answers.
  const topIsRight = () => now().resultTop === LABEL;
  const result = (
    <Node>
      <Node opacity={() => now().resultOpacity}>
        {label('original + nudge', PANELS.result, fgsmLabel)}
        {label('original + noise', PANELS.result, noiseLabel)}
        {digit(IMAGES.attacked, PANELS.result, () => 1 - noise())}
        {digit(IMAGES.noisy, PANELS.result, noise)}
      </Node>
      <Node opacity={() => now().resultBarsOpacity}>
        <ProbabilityBars
          x={PANELS.result}
          y={BARS.y}
          length={BARS.length}
          maxBar={BARS.maxBar}
          highlightColor={() => (topIsRight() ? RIGHT : WRONG)}
          probabilities={() => now().resultBars}
        />
        <Rect layout gap={sizes.space.l} x={PANELS.result} y={READOUT_Y}>
          <Readout
            label={`P(${LABEL}) =`}
            value={() => now().resultBars[LABEL]}
            digits={3}
            signed={false}
            fontSize={sizes.font.tick}
            valueColor={() => (topIsRight() ? RIGHT : colors.textDim)}
          />
          <Readout
            label={`P(${FOOLED_AS}) =`}
            value={() => now().resultBars[FOOLED_AS]}
            digits={3}
            signed={false}
            fontSize={sizes.font.tick}
            valueColor={() => (topIsRight() ? colors.textDim : WRONG)}
          />
        </Rect>
      </Node>
    </Node>
  );

  const caption = new Caption({y: 430, zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});
  view.add([title, clean, perturbation, operators, result, caption]);
  return {clock, title, caption};
}
type Stage = ReturnType<typeof build>;

/** Runs the clock to time `to` (linearly: the model's timeline carries the easing). */
function* until(s: Stage, to: number): ThreadGenerator {
  const from = s.clock();
  yield* tween(to - from, u => s.clock(from + u * (to - from)));
}

/** Swaps the caption to line k after `delay` seconds. */
function* sayAfter(s: Stage, delay: number, k: number): ThreadGenerator {
  yield* waitFor(delay);
  yield* s.caption.swap(CAPTIONS[k]);
}

/** Beat 1: the classifier reads the clean digit right, and sure of it. */
function* confidentReading(s: Stage) {
  yield* all(until(s, BEATS.perturb), s.title.opacity(1, T.intro), sayAfter(s, BEATS.cleanBars, 0));
}

/** Beat 2: FGSM's perturbation, magnified; added at true scale, it fools the classifier. */
function* designedNudge(s: Stage) {
  yield* all(until(s, BEATS.add), sayAfter(s, 0, 1));
  yield* all(until(s, BEATS.fooled), sayAfter(s, 0.4, 2));
  yield* all(until(s, BEATS.toNoise), sayAfter(s, 0, 3));
}

/** Beat 3: random noise of the same ε changes nothing, however often it is drawn. */
function* randomNoiseDoesNot(s: Stage) {
  yield* all(until(s, BEATS.draws), sayAfter(s, 0, 4));
  yield* all(until(s, BEATS.close), sayAfter(s, 0, 5));
  yield* all(until(s, BEATS.end), sayAfter(s, BACK_TO_FGSM, 6));
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* confidentReading(s);
  yield* designedNudge(s);
  yield* randomNoiseDoesNot(s);
});

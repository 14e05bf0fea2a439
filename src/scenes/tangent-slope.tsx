import {Txt, makeScene2D} from '@motion-canvas/2d';
import {createRef, createSignal, easeInOutSine, waitFor} from '@motion-canvas/core';
import {Axes, Caption, Readout, backdrop, colors, fonts, sizes, slots} from '../components';
import {registerText} from '../fonts';
import {narrator} from '../narration/say';
import narration from './tangent-slope.narration?voice';
import {AXES, AXES_Y, HOLD_SECONDS, SWEEP_SECONDS, X_END, X_START, fx, slope} from './tangent-slope.model';

registerText(narration.lines.map(l => l.zh).join(''));

// The smallest complete scene: a curve, a point on it, and its tangent.
// Every number comes from the engine: f from dual numbers, the slope from their derivative part.
export default makeScene2D(function* (view) {
  view.fill(backdrop());
  const x = createSignal(X_START);

  const axes = new Axes({...AXES, y: AXES_Y, xLabel: 'x', yLabel: 'f(x)'});
  view.add(axes);
  axes.plot(fx, {stroke: colors.blue});
  axes.tangent(
    x,
    () => fx(x()),
    () => slope(x()),
    {stroke: colors.red},
  );
  axes.point(x, () => fx(x()));

  view.add(
    <Txt
      y={slots.titleY}
      text="The tangent's slope is the derivative"
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
    />,
  );
  view.add(<Readout y={-370} label="f′(x) =" value={() => slope(x())} digits={3} signed valueColor={colors.red} />);
  const caption = createRef<Caption>();
  view.add(<Caption ref={caption} opacity={0} />);
  const say = narrator(narration, () => caption());

  // The line is spoken while the point sweeps; the sweep sets the pace unless the line is longer.
  yield* say('slope', x(X_END, SWEEP_SECONDS, easeInOutSine));
  yield* waitFor(HOLD_SECONDS);
});

import {Circle, Line, Rect, Txt, makeScene2D} from '@motion-canvas/2d';
import {createSignal, easeInOutSine, linear, range, waitFor} from '@motion-canvas/core';
import {X_MAX, X_MIN, X_START, fx, slope as slopeAt, toPx} from './tangent-slope.model';

// A small pipeline scene: a curve and its tangent, whose slope comes from dual numbers.

export default makeScene2D(function* (view) {
  view.fill('#0f1117');
  const x = createSignal(X_START);
  const slope = () => slopeAt(x());

  const curve = range(161).map(i => {
    const xi = X_MIN + ((X_MAX - X_MIN) * i) / 160;
    return toPx(xi, fx(xi));
  });
  const tangentEnd = (side: number): [number, number] => {
    const dx = side * 1.2;
    return toPx(x() + dx, fx(x()) + slope() * dx);
  };

  view.add(
    <>
      <Line points={[toPx(X_MIN, 0), toPx(X_MAX, 0)]} stroke="#3a4050" lineWidth={3} />
      <Line points={[toPx(0, -2.2), toPx(0, 2.2)]} stroke="#3a4050" lineWidth={3} />
      <Line points={curve} stroke="#58c4dd" lineWidth={6} />
      <Line points={() => [tangentEnd(-1), tangentEnd(1)]} stroke="#fc6255" lineWidth={5} />
      <Circle size={26} fill="#ffff00" position={() => toPx(x(), fx(x()))} />
      <Rect x={0} y={-420} layout gap={20}>
        <Txt fill="#e8e8e8" fontFamily="Inter" fontSize={48} text="slope f′(x) =" />
        <Txt fill="#fc6255" fontFamily="JetBrains Mono" fontSize={48} text={() => slope().toFixed(3)} />
      </Rect>
    </>,
  );

  yield* x(X_MAX - 0.5, 4, easeInOutSine);
  yield* x(0, 1.5, linear);
  yield* waitFor(0.5);
});

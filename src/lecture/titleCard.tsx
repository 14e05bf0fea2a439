import {makeScene2D} from '@motion-canvas/2d';
import {type FullSceneDescription, ValueDispatcher, createRef, easeInOutSine, waitFor} from '@motion-canvas/core';
import {TitleCard, backdrop} from '../components';
import {type LectureEntry, cardId} from './list';

/** A card's length: fade in, hold, fade out to the bare background, so the cut to the scene is clean. */
export const CARD_FADE = 0.4;
export const CARD_HOLD = 1.7;

/** The title card before `entry`'s scene, as a scene named `title-<id>`. */
export function titleCardScene(entry: LectureEntry): FullSceneDescription {
  const scene = makeScene2D(function* (view) {
    view.fill(backdrop());
    const card = createRef<TitleCard>();
    view.add(<TitleCard ref={card} zh={entry.zh} en={entry.en} opacity={0} />);
    yield* card().opacity(1, CARD_FADE, easeInOutSine);
    yield* waitFor(CARD_HOLD);
    yield* card().opacity(0, CARD_FADE, easeInOutSine);
  }) as unknown as FullSceneDescription;
  // What the `?scene` import does for a scene file: a name, and the dispatcher the player reads.
  scene.name = cardId(entry.id);
  scene.onReplaced = new ValueDispatcher(scene);
  return scene;
}

/** The lecture's running order: scene ids with their Chinese and English titles (data in src/lecture.json). */

export interface LectureEntry {
  /** A scene id of the project. */
  id: string;
  zh: string;
  en: string;
}

export interface LectureList {
  scenes: LectureEntry[];
}

/** The card shown before scene `id`: also its scene name in the cards project and its file name. */
export const cardId = (id: string) => `title-${id}`;

/** Set by the lecture render to the JSON of the entries to make cards for; the default list otherwise. */
export const LECTURE_ENV = 'VITE_NNM_LECTURE';

/** Checks the shape of a parsed list; throws a one-line message naming what is wrong. */
export function checkList(data: unknown, where: string): LectureList {
  const scenes = (data as LectureList | null)?.scenes;
  if (!Array.isArray(scenes) || scenes.length === 0)
    throw new Error(`${where}: expected {"scenes": [{"id", "zh", "en"}, …]}`);
  scenes.forEach((e: LectureEntry, i) => {
    for (const k of ['id', 'zh', 'en'] as const) {
      if (typeof e?.[k] !== 'string' || e[k].trim() === '')
        throw new Error(`${where}: scene ${i + 1} needs a non-empty "${k}"`);
    }
  });
  const ids = scenes.map(e => e.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`${where}: "${twice}" is listed twice`);
  return {scenes};
}

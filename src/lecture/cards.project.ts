import {makeProject} from '@motion-canvas/core';
import '../fonts';
import lecture from '../lecture.json';
import {LECTURE_ENV, type LectureEntry} from './list';
import {titleCardScene} from './titleCard';

// The title cards of the lecture, one scene each. The lecture render passes the entries it keeps;
// opened on its own (`--project src/lecture/cards.project.ts`) it has a card for every listed scene.
const passed = import.meta.env[LECTURE_ENV] as string | undefined;
const entries: LectureEntry[] = passed ? JSON.parse(passed) : lecture.scenes;

export default makeProject({scenes: entries.map(titleCardScene)});

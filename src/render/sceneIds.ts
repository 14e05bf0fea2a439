/** Reads scene ids from a project file without running it, so bad names fail before anything starts. */
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';

const SCENE_IMPORT = /import\s+\w+\s+from\s+['"]([^'"]+)\?scene['"]/g;

export function sceneIds(projectFile: string): string[] {
  const source = readFileSync(projectFile, 'utf8');
  return [...source.matchAll(SCENE_IMPORT)].map(m => basename(m[1]).replace(/\.(tsx?|jsx?)$/, ''));
}

/** Scene ids are file names: this also keeps them safe inside output paths. */
export const SAFE_ID = /^[a-z0-9][a-z0-9_-]*$/i;

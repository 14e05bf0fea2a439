/** Reads scene ids from a project file without running it, so bad names fail before anything starts. */
import {existsSync, readFileSync} from 'node:fs';
import {basename, dirname, resolve} from 'node:path';

const SCENE_IMPORT = /import\s+\w+\s+from\s+['"]([^'"]+)\?scene['"]/g;

/** Names the CLI gives its own meaning: no scene may take them. */
export const RESERVED_IDS = ['lecture'] as const;

export function sceneIds(projectFile: string): string[] {
  return [...scenePaths(projectFile).keys()];
}

/** Each scene id with the file it is imported from (extension resolved as Vite would). */
export function scenePaths(projectFile: string): Map<string, string> {
  const source = readFileSync(projectFile, 'utf8');
  const paths = new Map<string, string>();
  for (const m of source.matchAll(SCENE_IMPORT)) {
    const base = resolve(dirname(projectFile), m[1]);
    const file = /\.(tsx?|jsx?)$/.test(base)
      ? base
      : (['.tsx', '.ts', '.jsx', '.js'].map(e => base + e).find(existsSync) ?? base + '.tsx');
    paths.set(basename(m[1]).replace(/\.(tsx?|jsx?)$/, ''), file);
  }
  return paths;
}

/** Scene ids are file names: this also keeps them safe inside output paths. */
export const SAFE_ID = /^[a-z0-9][a-z0-9_-]*$/i;

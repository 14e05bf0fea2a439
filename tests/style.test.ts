/** The code is formatted by the repository's prettier config (`npm run format` fixes it). */
import {readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import * as prettier from 'prettier';
import {describe, expect, it} from 'vitest';
import {ROOT} from './helpers/media';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    if (entry.name.startsWith('.')) continue; // generated (tests/fixtures/.readme), as prettier's globs skip them
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('code style', () => {
  it('every TypeScript file of src/, tests/ and bench/ is as `npm run format` leaves it', async () => {
    const unformatted: string[] = [];
    for (const file of ['src', 'tests', 'bench'].flatMap(d => [...sources(join(ROOT, d))])) {
      const options = {...(await prettier.resolveConfig(file)), filepath: file};
      if (!(await prettier.check(readFileSync(file, 'utf8'), options))) unformatted.push(relative(ROOT, file));
    }
    expect(unformatted, 'run `npm run format`').toEqual([]);
  }, 120_000);
});

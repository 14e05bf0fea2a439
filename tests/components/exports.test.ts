import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/media';

const DIR = join(ROOT, 'src/components');
const index = readFileSync(join(DIR, 'index.ts'), 'utf8');
/** Names `index.ts` re-exports (read as text: importing Motion Canvas needs a browser). */
const exported = new Set(
  [...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap(m =>
    m[1].split(',').map(n => n.replace(/^\s*type\s+/, '').trim()),
  ),
);

describe('the component library in one import', () => {
  const files = readdirSync(DIR).filter(f => /^[A-Z]\w*\.tsx$/.test(f));

  it.each(files)('%s: its component class and Props type are exported from ../components', file => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const names = [...source.matchAll(/^export (?:class|interface|type) (\w+)/gm)].map(m => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(exported, `${name} from ${file}`).toContain(name);
  });

  it('every component the README catalogues is importable', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([A-Z]\w+)`/gm)].map(m => m[1]);
    for (const name of listed) expect(exported, name).toContain(name);
  });
});

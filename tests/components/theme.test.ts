import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {TRANSPARENT_FLAG, backdrop, colors} from '../../src/components/theme';
import {sceneIds} from '../../src/render/sceneIds';
import {ROOT} from '../helpers/media';

const flags = globalThis as Record<string, unknown>;

describe('backdrop(): the one switch behind --transparent', () => {
  afterEach(() => delete flags[TRANSPARENT_FLAG]);

  it('is the theme background normally and null when the render asks for transparency', () => {
    expect(backdrop()).toBe(colors.background);
    flags[TRANSPARENT_FLAG] = true;
    expect(backdrop()).toBeNull();
    flags[TRANSPARENT_FLAG] = 'yes'; // only a real `true` counts
    expect(backdrop()).toBe(colors.background);
  });

  it.each(sceneIds(join(ROOT, 'src/project.ts')))('%s paints its background through backdrop()', id => {
    const source = readFileSync(join(ROOT, `src/scenes/${id}.tsx`), 'utf8');
    expect(source).toMatch(/view\.fill\(backdrop\(\)\)/);
    // A background painted any other way would stay under --transparent.
    expect(source).not.toMatch(/view\.fill\((?!backdrop\(\)\))/);
    expect(source).not.toMatch(/fill=\{colors\.background\}[^>]*width=\{1920\}/);
  });
});

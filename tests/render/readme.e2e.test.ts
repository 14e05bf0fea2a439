import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {c2p} from '../../src/components/axisMath';
import {colors} from '../../src/components/theme';
import {colorDistance, decodePng, designToPixel, hex, ROOT, runCli} from '../helpers/media';

it("the README's 'Write your own scene' example renders, with its point where f puts it", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const code = /```tsx\n\/\/ src\/scenes\/my-tangent\.tsx\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  const dir = join(ROOT, 'tests/fixtures/.readme');
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, 'my-tangent.tsx'), code!.replaceAll("'../", "'../../../src/"));
  writeFileSync(
    join(dir, 'project.ts'),
    "import {makeProject} from '@motion-canvas/core';\nimport '../../../src/fonts';\nimport myTangent from './my-tangent?scene';\nexport default makeProject({scenes: [myTangent]});\n",
  );
  const out = mkdtempSync(join(tmpdir(), 'nnm-readme-'));
  // Halfway through the 4 s ease from x = −3 to 3, x = 0 and f(0) = 0.
  const r = await runCli([
    'my-tangent',
    '--project',
    'tests/fixtures/.readme/project.ts',
    '-q',
    'l',
    '--still',
    '2',
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/error/);
  const pixel = decodePng(join(out, 'my-tangent-2s.png'), 854, 480);
  const map = {xRange: [-4, 4], yRange: [-1, 4], xLength: 1200, yLength: 600} as const;
  const [x, y] = designToPixel(c2p({...map, xRange: [...map.xRange], yRange: [...map.yRange]}, 0, 0), 854, 480);
  expect(colorDistance(pixel(x, y), hex(colors.highlight))).toBeLessThan(30);
  const [fx, fy] = designToPixel(c2p({...map, xRange: [...map.xRange], yRange: [...map.yRange]}, 2, 1), 854, 480);
  expect(colorDistance(pixel(fx, fy), hex(colors.highlight))).toBeGreaterThan(100);
});

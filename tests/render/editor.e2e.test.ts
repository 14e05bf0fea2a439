import {spawnSync} from 'node:child_process';
import {chromium} from 'playwright-core';
import {createServer} from 'vite';
import {describe, expect, it} from 'vitest';
import {CHROMIUM_ARGS} from '../../src/render/browser';
import {sceneIds} from '../../src/render/sceneIds';
import {resolveBrowser} from '../../src/render/tools';
import {ROOT} from '../helpers/media';

/** Opens the editor (offline) and returns which of `ids` its page lists, once `expected` are all shown. */
async function editorLists(ids: string[], expected: string[], preview?: string) {
  if (preview) process.env.VITE_NNM_PREVIEW = preview;
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}/vite.config.ts`,
    logLevel: 'silent',
    server: {host: '127.0.0.1', port: 0},
  });
  delete process.env.VITE_NNM_PREVIEW;
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address === 'string') throw new Error('no address');

  const browser = await chromium.launch({executablePath: resolveBrowser(), args: CHROMIUM_ARGS});
  try {
    const page = await browser.newPage({viewport: {width: 1600, height: 900}});
    // The editor fetches web fonts, a stylesheet and its latest version online; this machine is offline.
    await page.route(
      url => url.hostname !== '127.0.0.1',
      route => {
        const npm = route.request().url().includes('registry.npmjs.org');
        return route.fulfill({status: 200, body: npm ? '{"version": "3.17.2"}' : ''});
      },
    );
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${address.port}/`);
    for (const id of expected) await page.getByText(id, {exact: true}).first().waitFor({timeout: 60_000});
    const listed: string[] = [];
    for (const id of ids) if ((await page.getByText(id, {exact: true}).count()) > 0) listed.push(id);
    return {listed, errors, canvases: await page.locator('canvas').count(), host: address.address};
  } finally {
    await browser.close();
    await server.close();
  }
}

describe('editor preview (npm start)', () => {
  const ids = sceneIds(`${ROOT}/src/project.ts`);

  it('serves the Motion Canvas editor on 127.0.0.1 with every scene and no page errors', async () => {
    const seen = await editorLists(ids, ids);
    expect(seen.host).toBe('127.0.0.1');
    expect(seen.listed).toEqual(ids);
    expect(seen.canvases).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });

  it('npm start -- <scene> lists that scene alone', async () => {
    const seen = await editorLists(ids, ['loss-bowl'], 'loss-bowl');
    expect(seen.listed).toEqual(['loss-bowl']);
    expect(seen.errors).toEqual([]);
  });

  it('npm start -- <unknown scene> fails with a one-line error', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/render/editor.ts', 'no-such-scene'], {cwd: ROOT, encoding: 'utf8'});
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: unknown scene "no-such-scene"; the project has tangent-slope, /);
  });
});

import {chromium} from 'playwright-core';
import {createServer} from 'vite';
import {describe, expect, it} from 'vitest';
import {CHROMIUM_ARGS} from '../../src/render/browser';
import {sceneIds} from '../../src/render/sceneIds';
import {resolveBrowser} from '../../src/render/tools';
import {ROOT} from '../helpers/media';

describe('editor preview (npm start)', () => {
  it('serves the Motion Canvas editor on 127.0.0.1 with every scene and no page errors', async () => {
    const server = await createServer({
      root: ROOT,
      configFile: `${ROOT}/vite.config.ts`,
      logLevel: 'silent',
      server: {host: '127.0.0.1', port: 0},
    });
    await server.listen();
    const address = server.httpServer!.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    expect(address.address).toBe('127.0.0.1');

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
      for (const id of sceneIds(`${ROOT}/src/project.ts`)) {
        await page.getByText(id, {exact: true}).first().waitFor({timeout: 60_000});
      }
      expect(await page.locator('canvas').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {type Page, chromium} from 'playwright-core';
import {createServer} from 'vite';
import {describe, expect, it} from 'vitest';
import {CHROMIUM_ARGS} from '../../src/render/browser';
import {sceneIds} from '../../src/render/sceneIds';
import {resolveBrowser} from '../../src/render/tools';
import {ROOT, colorDistance, decodeFrame, probe} from '../helpers/media';

/** Opens the editor (offline), waits until it lists `expected`, then runs `use` on its page. */
async function withEditor<T>(expected: string[], use: (page: Page) => Promise<T>, preview?: string) {
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
    return {result: await use(page), errors, host: address.address};
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Opens the editor and returns which of `ids` its page lists, once `expected` are all shown. */
async function editorLists(ids: string[], expected: string[], preview?: string) {
  const seen = await withEditor(
    expected,
    async page => {
      const listed: string[] = [];
      for (const id of ids) if ((await page.getByText(id, {exact: true}).count()) > 0) listed.push(id);
      return {listed, canvases: await page.locator('canvas').count()};
    },
    preview,
  );
  return {...seen.result, errors: seen.errors, host: seen.host};
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
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/render/editor.ts', 'no-such-scene'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: unknown scene "no-such-scene"; the project has tangent-slope, /);
  });
});

describe('rendering from the editor: the MP4 (nn-motion) exporter', () => {
  it('is in the Render panel, and encodes frames in the page that the editor server muxes into output/<name>.mp4', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nnm-editor-out-'));
    process.env.NNM_EDITOR_OUT = out;
    try {
      const seen = await withEditor(['loss-bowl'], async page => {
        const offered = await page.locator('option', {hasText: 'MP4 (nn-motion)'}).count();
        // The exporter the Render panel offers, driven as Motion Canvas's Renderer drives it.
        // A string, so vitest leaves the page's dynamic import alone.
        await page.evaluate(`(async () => {
          const {Mp4Exporter} = await import('/src/render/editorExporter.ts');
          const canvas = document.createElement('canvas');
          [canvas.width, canvas.height] = [320, 180];
          const ctx = canvas.getContext('2d');
          const exporter = new Mp4Exporter('editor-test', {fps: 30, size: {x: 320, y: 180}, resolutionScale: 1});
          await exporter.start();
          for (let f = 0; f < 45; f++) {
            ctx.fillStyle = f < 30 ? 'rgb(200, 60, 30)' : 'rgb(40, 120, 220)';
            ctx.fillRect(0, 0, 320, 180);
            await exporter.handleFrame(canvas);
          }
          await exporter.stop(0);
        })()`);
        return offered;
      });
      expect(seen.result).toBe(1);
      expect(seen.errors).toEqual([]);
      const file = join(out, 'editor-test.mp4');
      const s = probe(file);
      expect([s.codec_name, s.width, s.height, Number(s.nb_frames), s.color_range]).toEqual([
        'h264',
        320,
        180,
        45,
        'tv',
      ]);
      expect(s.avg_frame_rate).toBe('30/1');
      expect(colorDistance(decodeFrame(file, 10, 320, 180)(160, 90), [200, 60, 30])).toBeLessThan(12);
      expect(colorDistance(decodeFrame(file, 40, 320, 180)(160, 90), [40, 120, 220])).toBeLessThan(12);
    } finally {
      delete process.env.NNM_EDITOR_OUT;
      rmSync(out, {recursive: true, force: true});
    }
  });
});

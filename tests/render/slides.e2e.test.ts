import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {type Page, chromium} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CHROMIUM_ARGS} from '../../src/render/browser';
import {sceneIds} from '../../src/render/sceneIds';
import {resolveBrowser} from '../../src/render/tools';
import {SLIDE_COLORS} from '../fixtures/three-slides.colors';
import {ROOT, type Rgb, colorDistance, countFrames, decodeFrame, decodePng, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;

const beginSlideCalls = (source: string) => (source.match(/\bbeginSlide\(/g) ?? []).length;

describe('--slides', () => {
  const out = mkdtempSync(join(tmpdir(), 'nnm-slides-'));
  const deck = join(out, 'three-slides');

  const whole = mkdtempSync(join(tmpdir(), 'nnm-noslides-'));
  /** How many frames of the plain render show each slide's colour, in order. */
  let runs: number[] = [];

  beforeAll(async () => {
    const args = ['three-slides', '-q', 'l', '--project', 'tests/fixtures/slides.project.ts'];
    const [sliced, plain] = await Promise.all([
      runCli([...args, '--slides', '--out', out]),
      runCli([...args, '--out', whole]),
    ]);
    expect(sliced.code, sliced.stderr).toBe(0);
    expect(plain.code, plain.stderr).toBe(0);
    const file = join(whole, 'three-slides.mp4');
    const colours = Array.from({length: countFrames(file)}, (_, f) => decodeFrame(file, f, W, H)(W / 2, H / 2));
    runs = SLIDE_COLORS.map(c => colours.filter(p => colorDistance(p, hex(c)) < 20).length);
    expect(runs.reduce((a, b) => a + b)).toBe(colours.length);
  }, 90_000);

  it('writes one MP4 per slide, beginSlide calls + 1 of them, and the presenter, in <out>/<scene>/', () => {
    const calls = beginSlideCalls(readFileSync(join(ROOT, 'tests/fixtures/three-slides.tsx'), 'utf8'));
    expect(readdirSync(out)).toEqual(['three-slides']);
    expect(readdirSync(deck).sort()).toEqual([
      ...Array.from({length: calls + 1}, (_, i) => `slide-0${i + 1}.mp4`),
      'slides.html',
    ]);
  });

  it('cuts where the scene calls beginSlide: each slide holds exactly the frames of its colour', () => {
    runs.forEach((frames, i) => {
      const file = join(deck, `slide-0${i + 1}.mp4`);
      expect(countFrames(file), `slide ${i + 1}`).toBe(frames);
      const first = decodeFrame(file, 0, W, H)(W / 2, H / 2);
      const last = decodeFrame(file, frames - 1, W, H)(W / 2, H / 2);
      for (const pixel of [first, last]) expect(colorDistance(pixel, hex(SLIDE_COLORS[i]))).toBeLessThan(20);
    });
  });

  describe('the presenter page, opened from file:// in headless Chromium', () => {
    let browser: Awaited<ReturnType<typeof chromium.launch>>;
    let page: Page;
    const errors: string[] = [];
    const shot = join(out, 'presenter.png');

    beforeAll(async () => {
      browser = await chromium.launch({executablePath: resolveBrowser(), args: CHROMIUM_ARGS});
      page = await browser.newPage({viewport: {width: W, height: H}});
      page.on('pageerror', e => errors.push(e.message));
      page.on('console', m => m.type() === 'error' && errors.push(m.text()));
      await page.goto(pathToFileURL(join(deck, 'slides.html')).href);
    }, 30_000);
    afterAll(() => browser?.close());

    /** Waits until the video has played its slide to the end, then returns the centre pixel. */
    async function shownColor(slide: number): Promise<Rgb> {
      await page.waitForFunction(n => document.body.dataset.slide === String(n), slide);
      await page.waitForFunction(() => {
        const v = document.querySelector('video')!;
        return v.ended && v.readyState >= 2;
      });
      await page.screenshot({path: shot});
      return decodePng(shot, W, H)(W / 2, H / 2);
    }

    it('plays slide 1 and holds on its last frame', async () => {
      expect(colorDistance(await shownColor(1), hex(SLIDE_COLORS[0]))).toBeLessThan(30);
      expect(await page.evaluate(() => document.querySelector('video')!.error)).toBeNull();
    });

    it('ArrowRight advances to slide 2, Space to slide 3, ArrowLeft goes back', async () => {
      await page.keyboard.press('ArrowRight');
      expect(colorDistance(await shownColor(2), hex(SLIDE_COLORS[1]))).toBeLessThan(30);
      await page.keyboard.press(' ');
      expect(colorDistance(await shownColor(3), hex(SLIDE_COLORS[2]))).toBeLessThan(30);
      await page.keyboard.press('ArrowRight'); // past the end: stays
      await page.keyboard.press('ArrowLeft');
      expect(colorDistance(await shownColor(2), hex(SLIDE_COLORS[1]))).toBeLessThan(30);
      expect(await page.textContent('#count')).toBe('2 / 3');
    });

    it('logs no errors', () => {
      expect(errors).toEqual([]);
    });
  });
});

describe('lecture scenes with slides', () => {
  it('--list counts slides as Motion Canvas does: beginSlide calls + 1', async () => {
    const r = await runCli(['--list', '-q', 'l']);
    expect(r.code, r.stderr).toBe(0);
    let withSlides = 0;
    for (const id of sceneIds(join(ROOT, 'src/project.ts'))) {
      const calls = beginSlideCalls(readFileSync(join(ROOT, `src/scenes/${id}.tsx`), 'utf8'));
      const listed = new RegExp(`^${id}\\s.*?(?:(\\d+) slides)?$`, 'm').exec(r.stdout);
      expect(listed, id).not.toBeNull();
      expect(Number(listed![1] ?? 1), id).toBe(calls + 1);
      if (calls > 0) withSlides++;
    }
    expect(withSlides).toBeGreaterThanOrEqual(2);
  }, 90_000);
});

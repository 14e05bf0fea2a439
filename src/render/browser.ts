/**
 * One render worker: a headless Chromium pinned to one CPU, with one render page that stays open
 * across jobs. A watchdog fails a job whose page stops advancing.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import {chromium, type Browser, type Page} from 'playwright-core';
import type {LayoutSample} from './layoutCheck';
import {CLAIM_BINDING, type RenderFailure, type RenderJob, type RenderOutcome, type SceneInfo} from './protocol';
import {RENDER_PAGE, type DataHandler, type RenderServer} from './server';
import {onPath} from './tools';
import {mark} from './timing';
import {widen} from './affinity';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // The page frees posted frames' bytes by collecting garbage (sender.ts).
  '--js-flags=--expose-gc',
];

/** Lets tests (and people) find this run's browsers with `ps`. */
export const marker = (pid = process.pid) => `--nnm-render=${pid}`;

/** A failure to report as one line; `detail` is shown under --verbose. */
export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A scene that threw in the page, as one line naming the scene and the frame it reached. */
export function sceneFailed(scene: string, {message, frame, stack}: RenderFailure): RenderError {
  return new RenderError(`scene "${scene}" failed${frame === null ? '' : ` at frame ${frame}`}: ${message}`, stack);
}

export interface WorkerOptions {
  browserPath: string;
  /** Start the browser on this CPU (null: let it float). */
  cpu: number | null;
  /** Once a page is loaded, let its renderer run on these CPUs too (see affinity.ts); empty keeps it on `cpu`. */
  spread: number[];
  verbose: boolean;
  /** Seconds allowed for the browser to start and the page to load the project. */
  startTimeout: number;
  /** Seconds a page may go without advancing a frame before the job fails. */
  frameTimeout: number;
}

const LAUNCHER = join(import.meta.dirname, 'pinned-browser.sh');

function timeout<T>(seconds: number, what: () => RenderError): Promise<T> & {cancel(): void} {
  let timer: NodeJS.Timeout | undefined;
  const p = new Promise<T>((_, fail) => (timer = setTimeout(() => fail(what()), seconds * 1000))) as Promise<T> & {
    cancel(): void;
  };
  p.cancel = () => clearTimeout(timer);
  p.catch(() => {});
  return p;
}

export class Worker {
  private page: Page | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly browser: Browser,
    /** The server may still be starting when the browser launches. */
    private readonly server: () => RenderServer,
    private readonly o: WorkerOptions,
    /** Marks this worker's browser on its command line, so its renderers can be found. */
    private readonly tag: string | null = null,
    private readonly taskset: string | null = null,
  ) {}

  /**
   * Chromium's H.264 encoder splits work across as many threads as its renderer saw CPUs at start-up and
   * balances them by timing, so its output differs from run to run. Started on one CPU it encodes the same
   * bytes every time, on any CPU (affinity.ts). NNM_UNPINNED=1 trades reproducibility for speed.
   */
  static async launch(server: () => RenderServer, o: WorkerOptions): Promise<Worker> {
    const taskset = o.cpu === null || process.env.NNM_UNPINNED ? null : onPath('taskset');
    const tag = `--nnm-worker=${randomBytes(6).toString('hex')}`;
    const launch = chromium.launch({
      executablePath: taskset ? LAUNCHER : o.browserPath,
      env: {...process.env, NNM_BROWSER: o.browserPath, NNM_CPU: String(o.cpu), NNM_TASKSET: taskset ?? ''},
      headless: true,
      args: [...CHROMIUM_ARGS, marker(), tag],
      timeout: o.startTimeout * 1000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    let browser: Browser;
    try {
      browser = await launch;
    } catch (e) {
      const message = (e as Error).message;
      if (/Timeout/i.test(message)) {
        throw new RenderError(
          `the browser at ${o.browserPath} did not start within ${o.startTimeout} s (--start-timeout)`,
          message,
        );
      }
      throw new RenderError(`could not start the browser at ${o.browserPath}`, message);
    }
    return new Worker(browser, server, o, taskset ? tag : null, taskset);
  }

  get version(): string {
    return this.browser.version();
  }

  private loading: Promise<Page> | null = null;

  /** The render page, kept for this worker's jobs until it renders another scene. Call early to load it ahead. */
  ready(): Promise<Page> {
    if (this.page?.isClosed()) this.loading = null;
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<Page> {
    const page = await this.browser.newPage();
    mark('page: opened');
    // Without HMR, Vite's client finds no websocket, falls back to Vite's default port, and reloads the
    // page as soon as anything answers there (another Vite or vitest on this machine): mid-render. A
    // websocket that opens and stays quiet keeps the client content.
    if (!this.server().hmr)
      await page.routeWebSocket(
        () => true,
        () => {},
      );
    await page.exposeBinding(
      CLAIM_BINDING,
      (_source, token: string, segment: number) => this.claims.get(token)?.(segment) ?? false,
    );
    const bootError = new Promise<never>((_, fail) =>
      page.on('pageerror', e => fail(new RenderError(`the project failed to load: ${e.message}`, e.stack))),
    );
    bootError.catch(() => {});
    if (this.o.verbose) page.on('console', m => process.stderr.write(`[browser] ${m.text()}\n`));
    const limit = timeout<never>(
      this.o.startTimeout,
      () => new RenderError(`the render page did not load within ${this.o.startTimeout} s (--start-timeout)`),
    );
    try {
      await Promise.race([
        page
          .goto(this.server().url + RENDER_PAGE, {timeout: 0})
          .then(
            () => (
              mark('page: loaded (goto)'),
              page.waitForFunction(() => window.nnm?.ready === true, null, {timeout: 0})
            ),
          ),
        bootError,
        limit,
      ]);
    } finally {
      limit.cancel();
    }
    mark('page: ready (modules and fonts)');
    if (this.tag && this.taskset && this.o.spread.length > 1) widen(this.taskset, this.tag, this.o.spread);
    this.page = page;
    return page;
  }

  async list(fps: number): Promise<SceneInfo[]> {
    return this.guarded('listing scenes', null, page =>
      this.rerunnable(page, () => page.evaluate(f => window.nnm!.list(f), fps)),
    );
  }

  async info(scene: string, fps: number): Promise<SceneInfo> {
    const outcome = await this.guarded('measuring', scene, page =>
      this.rerunnable(page, () =>
        page.evaluate(
          ([s, f]) =>
            window.nnm!.info(s, f).then(
              i => ({ok: true as const, info: i}),
              (e: Error & {frame?: number}) => ({
                ok: false as const,
                message: e.message,
                stack: e.stack,
                frame: e.frame ?? null,
              }),
            ),
          [scene, fps] as const,
        ),
      ),
    );
    if (!outcome.ok) throw sceneFailed(scene, outcome);
    return outcome.info;
  }

  /** The scene of this worker's last render job. */
  private lastScene: string | null = null;

  /**
   * Runs one job; packets with its token go to `handler`. A job of another scene than the last gets
   * a fresh page: what a scene leaves in the page (its modules, models, canvases) would otherwise
   * pile up over a long render of many scenes until the renderer runs out of memory.
   */
  async render(
    job: RenderJob,
    handler: DataHandler,
    claim: (segment: number) => boolean = () => true,
  ): Promise<RenderOutcome> {
    if (this.lastScene !== null && this.lastScene !== job.scene) await this.freshPage();
    this.lastScene = job.scene;
    const unroute = this.server().route(job.token, handler);
    this.claims.set(job.token, claim);
    try {
      return await this.guarded(`rendering`, job.scene, page => page.evaluate(j => window.nnm!.render(j), job));
    } finally {
      unroute();
      this.claims.delete(job.token);
    }
  }

  /** The running job's answer to its page's claims, by job token. */
  private readonly claims = new Map<string, (segment: number) => boolean>();

  /** Closes the render page, so the next call loads a new one. */
  private async freshPage(): Promise<void> {
    const page = this.page;
    this.page = null;
    this.loading = null;
    await page?.close().catch(() => {});
  }

  /** Measures every text node of `scene` at each of `frames` (the layout check); nothing is drawn. */
  async inspect(scene: string, frames: number[], fps: number): Promise<LayoutSample[]> {
    const job = {scene, fps, frames};
    const outcome = await this.guarded('inspecting', scene, page =>
      this.rerunnable(page, () => page.evaluate(j => window.nnm!.inspect(j), job)),
    );
    if (!outcome.ok) throw sceneFailed(scene, outcome.failure);
    return outcome.samples;
  }

  /**
   * On a cold dependency cache Vite reloads the page once it has bundled a late-found dependency.
   * A call that only reads (listing, measuring, inspecting) waits for the reloaded page and runs again;
   * a render never does, since its data would arrive twice.
   */
  private async rerunnable<T>(page: Page, call: () => Promise<T>, tries = 3): Promise<T> {
    for (let k = 1; ; k++) {
      try {
        return await call();
      } catch (e) {
        const reloaded = /Execution context was destroyed|reading '(list|info|inspect)'/.test((e as Error).message);
        if (!reloaded || k >= tries) throw e;
        await page.waitForFunction(() => window.nnm?.ready === true, null, {timeout: this.o.startTimeout * 1000});
      }
    }
  }

  /** Races a page call against a crash, the browser exiting, and the watchdog. */
  private async guarded<T>(doing: string, scene: string | null, call: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.ready();
    const watchdog = this.watch(page, doing, scene);
    // Named with the last frame the watchdog saw, so a crash says where it happened.
    const what = () =>
      `${scene ? `${doing} "${scene}"` : doing}${watchdog.frame() === null ? '' : ` at frame ${watchdog.frame()}`}`;
    let onExit = () => {};
    const lost = new Promise<never>((_, fail) => {
      page.once('crash', () => fail(new RenderError(`the browser crashed while ${what()}`)));
      onExit = () => fail(new RenderError(`the browser exited while ${what()}`));
      this.browser.once('disconnected', onExit);
    });
    lost.catch(() => {});
    try {
      return await Promise.race([call(page), lost, watchdog.stalled]);
    } catch (e) {
      // A page that died under a call reports it as a closed target; say what really happened.
      if (!this.browser.isConnected()) throw new RenderError(`the browser exited while ${what()}`);
      throw e;
    } finally {
      watchdog.stop();
      this.browser.off('disconnected', onExit);
    }
  }

  /** Polls the page's step counter; a page that stops advancing (or answering) fails the call. */
  private watch(page: Page, doing: string, scene: string | null) {
    let last = -1;
    let frame: number | null = null;
    let lastProgress = performance.now();
    let fail: (e: Error) => void = () => {};
    const stalled = new Promise<never>((_, f) => (fail = f));
    stalled.catch(() => {});
    let polling = false;
    const timer = setInterval(() => {
      if (performance.now() - lastProgress > this.o.frameTimeout * 1000) {
        const at = frame === null ? '' : ` at frame ${frame}`;
        const name = scene ? `scene "${scene}"` : 'the page';
        fail(
          new RenderError(
            `${name} made no progress for ${this.o.frameTimeout} s${at} while ${doing} (--frame-timeout)`,
          ),
        );
        return;
      }
      if (polling) return;
      polling = true;
      page
        .evaluate(() => window.nnm!.beat())
        .then(([beats, at]) => {
          frame = at;
          if (beats !== last) {
            last = beats;
            lastProgress = performance.now();
          }
        })
        .catch(() => {})
        .finally(() => (polling = false));
    }, 500);
    return {stalled, stop: () => clearInterval(timer), frame: () => frame};
  }

  /** Closes the browser; one that does not answer is killed. Every caller waits for the same clean-up. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = this.browser.close().catch(() => {});
      const late = timeout<void>(3, () => new RenderError('close'));
      try {
        await Promise.race([closed, late]);
      } catch {
        killMarked();
        await closed;
      } finally {
        late.cancel();
      }
    })();
    return this.closing;
  }
}

/** SIGKILLs every process of this run that carries the marker: the last resort for a hung browser. */
export function killMarked(pid = process.pid): void {
  const tag = marker(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(tag))
        process.kill(Number(entry), 'SIGKILL');
    } catch {}
  }
}

/**
 * Serves the render page from the project's own Vite config on 127.0.0.1, on a port the OS picks,
 * plus the endpoint that receives the page's frames. Each job posts with its own random token.
 */
import {readFile} from 'node:fs/promises';
import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {extname, resolve, sep} from 'node:path';
import type {Plugin} from 'vite';
import {isLocalRequest} from './hostGuard';
import {narrationKey} from '../narration/render';
import {narrationVoice} from '../narration/vitePlugin';
import {prebuiltPage} from './prebuilt';
import {resolveFfmpeg} from './tools';
import {DATA_PATH, TOKEN_HEADER, type DataKind} from './protocol';
import {readBody} from './readBody';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDER_PAGE = '/src/render/render.html';

export interface DataPacket {
  seq: number;
  kind: DataKind;
  frames: number;
  /** Segment index for video, frame index for PNGs. */
  part: number;
  end: boolean;
  body: Buffer;
}

/** Consumes one packet; resolves when it has been taken (back-pressure). */
export type DataHandler = (packet: DataPacket) => Promise<void>;

export interface RenderServer {
  url: string;
  /** Whether the server answers Vite's HMR websocket (only the stock-exporter benchmark needs it). */
  hmr: boolean;
  /** Routes posts that carry `token` to `handler` until the returned function is called. */
  route(token: string, handler: DataHandler): () => void;
  close(): Promise<void>;
}

/** The page's `virtual:nnm-project`: the project file the CLI was asked to render. */
function bridge(projectFile: string): Plugin {
  const virtualId = 'virtual:nnm-project';
  return {
    name: 'nn-motion:render-bridge',
    resolveId: id => (id === virtualId ? '\0' + virtualId : undefined),
    load: id =>
      id === '\0' + virtualId
        ? `export {default} from ${JSON.stringify(resolve(ROOT, projectFile) + '?project')};`
        : undefined,
  };
}

/** Receives the page's posts; only the page of a running job knows its token, anything else is refused unread. */
function dataEndpoint(handlers: Map<string, DataHandler>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const handler = handlers.get(String(req.headers[TOKEN_HEADER] ?? ''));
    if (req.method !== 'POST' || !handler) {
      res.writeHead(403).end('forbidden');
      req.resume();
      return;
    }
    const url = new URL(req.url ?? '', 'http://127.0.0.1');
    readBody(req)
      .then(body =>
        handler({
          seq: Number(url.searchParams.get('seq')),
          kind: url.searchParams.get('kind') as DataKind,
          frames: Number(url.searchParams.get('frames')),
          part: Number(url.searchParams.get('part')),
          end: url.searchParams.get('end') === '1',
          body,
        }),
      )
      .then(() => res.writeHead(204).end())
      .catch((e: Error) => res.writeHead(500).end(e.message));
  };
}

/** Vite installs a SIGTERM handler that exits at once; the CLI must clean up first, so we take it back. */
async function withoutExitHandlers<T>(start: () => Promise<T>): Promise<T> {
  const sigterm = new Set(process.listeners('SIGTERM'));
  const stdinEnd = new Set(process.stdin.listeners('end'));
  const result = await start();
  for (const l of process.listeners('SIGTERM')) if (!sigterm.has(l)) process.off('SIGTERM', l as () => void);
  for (const l of process.stdin.listeners('end')) if (!stdinEnd.has(l)) process.stdin.off('end', l as () => void);
  return result;
}

function listen(http: Server): Promise<number> {
  return new Promise((ok, fail) => {
    http.once('error', fail);
    http.listen(0, '127.0.0.1', () => ok((http.address() as AddressInfo).port));
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** Serves the files of a built page; any other path, inside `dir` or not, is refused. */
function staticFiles(dir: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(dir, '.' + path);
    const refuse = () => void res.writeHead(403, {'Content-Type': 'text/plain'}).end('forbidden');
    if (req.method !== 'GET' || !file.startsWith(dir + sep)) return refuse();
    readFile(file).then(
      body => res.writeHead(200, {'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream'}).end(body),
      refuse,
    );
  };
}

/**
 * Where the page comes from. By default a build cached by its sources (`prebuilt.ts`): no Vite
 * server, no module transforms. NNM_DEV_SERVER=1, and HMR (the stock-exporter benchmark), use
 * Vite's dev server instead, which runs in middleware mode behind our own HTTP server, because
 * Vite maps port 0 to 5173. `extraPlugins` and `hmr` let benchmarks load Motion Canvas's stock
 * FFmpeg exporter, which talks over HMR.
 */
export async function startServer(
  projectFile: string,
  extraPlugins: Plugin[] = [],
  hmr = false,
): Promise<RenderServer> {
  const handlers = new Map<string, DataHandler>();
  const http = createHttpServer();
  const port = await listen(http);
  // The render page needs every scene, whatever an editor preview (`npm start -- <scene>`) set.
  delete process.env.VITE_NNM_PREVIEW;
  const plugins = [bridge(projectFile), ...extraPlugins];
  const data = dataEndpoint(handlers);
  let page: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  let stop = async () => {};
  try {
    if (hmr || process.env.NNM_DEV_SERVER) {
      const {createServer} = await import('vite');
      const vite = await withoutExitHandlers(() =>
        createServer({
          root: ROOT,
          configFile: resolve(ROOT, 'vite.config.ts'),
          logLevel: 'silent',
          clearScreen: false,
          server: {middlewareMode: true, hmr: hmr ? {server: http} : false, watch: null},
          // With HMR off, a "re-optimized, reload" message would never arrive: have every dependency the
          // page can import bundled before it loads, not found late.
          optimizeDeps: {
            entries: [RENDER_PAGE.slice(1)],
            include: ['@motion-canvas/core', '@motion-canvas/2d', '@motion-canvas/2d/lib/jsx-dev-runtime'],
          },
          plugins,
        }),
      );
      page = vite.middlewares;
      stop = () => vite.close();
    } else {
      // The built `?voice` modules hold clip lengths: the build is per voice, and made again when a clip changes.
      const {voice} = narrationVoice(plugins);
      const key = await narrationKey(ROOT, voice, resolveFfmpeg());
      const serve = staticFiles(await prebuiltPage(ROOT, projectFile, RENDER_PAGE, plugins, {slot: voice, key}));
      page = (req, res) => serve(req, res);
    }
  } catch (e) {
    http.close();
    throw e;
  }
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // No other site may read from this server, and a request for another host name (DNS rebinding) is refused.
    if (!isLocalRequest(req))
      return void res.writeHead(403, {'Content-Type': 'text/plain'}).end('forbidden: nn-motion serves 127.0.0.1 only');
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === DATA_PATH) return data(req, res);
    page(req, res, () => res.writeHead(404).end());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    hmr,
    route(token, handler) {
      handlers.set(token, handler);
      return () => handlers.delete(token);
    },
    async close() {
      await stop();
      http.closeAllConnections();
      await new Promise(done => http.close(done));
    },
  };
}

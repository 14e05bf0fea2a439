/**
 * Serves the render page from the project's own Vite config on 127.0.0.1, on a port the OS picks,
 * plus the endpoint that receives the page's frames. Each job posts with its own random token.
 */
import {createServer as createHttpServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {resolve} from 'node:path';
import {createServer, type Plugin, type ViteDevServer} from 'vite';
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

function bridge(projectFile: string, handlers: Map<string, DataHandler>): Plugin {
  const virtualId = 'virtual:nnm-project';
  return {
    name: 'nn-motion:render-bridge',
    resolveId: id => (id === virtualId ? '\0' + virtualId : undefined),
    load: id =>
      id === '\0' + virtualId
        ? `export {default} from ${JSON.stringify(resolve(ROOT, projectFile) + '?project')};`
        : undefined,
    configureServer(server: ViteDevServer) {
      server.middlewares.use(DATA_PATH, (req, res) => {
        const handler = handlers.get(String(req.headers[TOKEN_HEADER] ?? ''));
        // Only the page of a running job knows its token: anything else is refused unread.
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
      });
    },
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

/**
 * Vite runs in middleware mode behind our own HTTP server, because Vite maps port 0 to 5173.
 * `extraPlugins` and `hmr` let benchmarks load Motion Canvas's stock FFmpeg exporter, which talks over HMR.
 */
export async function startServer(projectFile: string, extraPlugins: Plugin[] = [], hmr = false): Promise<RenderServer> {
  const handlers = new Map<string, DataHandler>();
  const http = createHttpServer();
  const port = await listen(http);
  // The render page needs every scene, whatever an editor preview (`npm start -- <scene>`) set.
  delete process.env.VITE_NNM_PREVIEW;
  const vite = await withoutExitHandlers(() =>
    createServer({
      root: ROOT,
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      clearScreen: false,
      server: {middlewareMode: true, hmr: hmr ? {server: http} : false, watch: null},
      plugins: [bridge(projectFile, handlers), ...extraPlugins],
    }),
  );
  http.on('request', vite.middlewares);
  return {
    url: `http://127.0.0.1:${port}`,
    hmr,
    route(token, handler) {
      handlers.set(token, handler);
      return () => handlers.delete(token);
    },
    async close() {
      await vite.close();
      http.closeAllConnections();
      await new Promise(done => http.close(done));
    },
  };
}

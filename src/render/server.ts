/** Starts the project's own Vite config on 127.0.0.1 with HMR off, plus the bridge that receives frames. */
import type {IncomingMessage} from 'node:http';
import {resolve} from 'node:path';
import {createServer, type Plugin, type ViteDevServer} from 'vite';
import {DATA_PATH, type DataKind} from './protocol';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDER_PAGE = '/src/render/render.html';

export interface DataPacket {
  seq: number;
  kind: DataKind;
  frames: number;
  body: Buffer;
}

/** Receives the page's data posts; resolves when the packet has been consumed (back-pressure). */
export type DataHandler = (packet: DataPacket) => Promise<void>;

export interface RenderServer {
  url: string;
  setHandler(handler: DataHandler | null): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

function bridge(projectFile: string, handle: () => DataHandler | null): Plugin {
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
        const url = new URL(req.url ?? '', 'http://127.0.0.1');
        const handler = handle();
        readBody(req)
          .then(body => {
            if (!handler) throw new Error('no render in progress');
            return handler({
              seq: Number(url.searchParams.get('seq')),
              kind: url.searchParams.get('kind') as DataKind,
              frames: Number(url.searchParams.get('frames')),
              body,
            });
          })
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

/** `extraPlugins` and `hmr` let benchmarks load Motion Canvas's stock FFmpeg exporter, which talks over HMR. */
export async function startServer(projectFile: string, extraPlugins: Plugin[] = [], hmr = false): Promise<RenderServer> {
  let handler: DataHandler | null = null;
  const server = await withoutExitHandlers(() => createServer({
    root: ROOT,
    configFile: resolve(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    clearScreen: false,
    server: {host: '127.0.0.1', port: 0, strictPort: false, hmr, watch: null},
    plugins: [bridge(projectFile, () => handler), ...extraPlugins],
  }));
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the Vite server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setHandler: h => (handler = h),
    close: () => server.close(),
  };
}

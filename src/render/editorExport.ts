/**
 * The editor server's half of "MP4 (nn-motion)": a Vite plugin that adds the exporter to Motion
 * Canvas's Render panel (src/render/editorExporter.ts) and an endpoint that stores the page's H.264
 * chunks and muxes them with ffmpeg into output/<name>.mp4. It sits behind hostGuard (127.0.0.1 only,
 * same origin) and needs a custom header, so no other site can make the editor write a file.
 */
import {randomUUID} from 'node:crypto';
import {appendFile, mkdir, mkdtemp, rm} from 'node:fs/promises';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import type {Plugin} from 'vite';
import {EXPORT_HEADER, EXPORT_PATH} from './editorExportPath';
import {readBody} from './readBody';
import {muxToMp4} from './sinks';
import {resolveFfmpeg, resolveFfprobe} from './tools';

interface Job {
  name: string;
  fps: number;
  dir: string;
  file: string;
}

/** The key Motion Canvas's Vite plugin reads a plugin's browser entry point from. */
const PLUGIN_OPTIONS = Symbol.for('@motion-canvas/vite-plugin/PLUGIN_OPTIONS');
const NAME = /^[A-Za-z0-9][\w.-]{0,99}$/;

/** The Vite plugin; MP4s go to `outDir` (default output/ under Vite's root). */
export function editorExport(options: {outDir?: string} = {}): Plugin {
  const jobs = new Map<string, Job>();
  let outDir = '';

  async function handle(action: string, q: URLSearchParams, req: IncomingMessage): Promise<string> {
    if (action === 'start') {
      const name = q.get('name') ?? '';
      const fps = Number(q.get('fps'));
      if (!NAME.test(name)) throw new Error(`bad name "${name}"`);
      if (!Number.isInteger(fps) || fps < 1 || fps > 240) throw new Error(`bad fps "${q.get('fps')}"`);
      const dir = await mkdtemp(join(tmpdir(), 'nnm-editor-'));
      const id = randomUUID();
      jobs.set(id, {name, fps, dir, file: join(dir, 'video.h264')});
      return id;
    }
    const id = q.get('id') ?? '';
    const job = jobs.get(id);
    if (!job) throw new Error(`no export ${id}`);
    if (action === 'chunk') {
      await appendFile(job.file, await readBody(req));
      return 'ok';
    }
    jobs.delete(id);
    try {
      if (action === 'abort') return 'aborted';
      if (action !== 'end') throw new Error(`unknown action ${action}`);
      await mkdir(outDir, {recursive: true});
      const finalPath = join(outDir, `${job.name}.mp4`);
      const ffmpeg = resolveFfmpeg();
      await muxToMp4([job.file], {
        ffmpeg,
        ffprobe: resolveFfprobe(process.env, ffmpeg),
        fps: job.fps,
        expectedFrames: Number(q.get('frames')),
        tmpPath: join(job.dir, 'out.mp4'),
        finalPath,
      });
      return finalPath;
    } finally {
      await rm(job.dir, {recursive: true, force: true});
    }
  }

  return {
    name: 'nn-motion:editor-export',
    [PLUGIN_OPTIONS]: {entryPoint: '/src/render/editorExporter.ts'},
    configureServer(server) {
      outDir = options.outDir ?? process.env.NNM_EDITOR_OUT ?? resolve(server.config.root, 'output');
      server.middlewares.use(EXPORT_PATH, (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method !== 'POST' || req.headers[EXPORT_HEADER] !== '1') {
          res.writeHead(403, {'Content-Type': 'text/plain'}).end('forbidden');
          return;
        }
        handle(url.pathname.replace(/^\//, ''), url.searchParams, req).then(
          text => res.writeHead(200, {'Content-Type': 'text/plain'}).end(text),
          (e: unknown) =>
            res.writeHead(400, {'Content-Type': 'text/plain'}).end(e instanceof Error ? e.message : String(e)),
        );
      });
    },
  } as Plugin;
}

/**
 * The Vite side of narration: `import n from './<id>.narration?voice'` gives the scene its lines and
 * each line's clip length, made (or found in the cache) before the scene runs, so its timeline is
 * exact and seekable. The clips are served to the editor, whose runtime plugin plays them.
 */
import {createReadStream, existsSync} from 'node:fs';
import {basename, join} from 'node:path';
import type {Plugin, ViteDevServer} from 'vite';
import {resolveFfmpeg} from '../render/tools';
import type {NarrationLine, VoicedNarration, Voice} from './types';
import {VOICES} from './types';
import {cacheDir, importLines, makeClips, silentClips, voicing, VoiceError} from './voice';

const OPTIONS = 'nn-motion:narration-options';
export const CLIP_PATH = '/__nnm/voice/';
/** Motion Canvas's Vite plugin collects runtime plugins from Vite plugins that carry this. */
const MC_PLUGIN_OPTIONS = Symbol.for('@motion-canvas/vite-plugin/PLUGIN_OPTIONS');

export interface NarrationOptions {
  /** The voice, or 'none' for a silent render timed for reading. */
  voice: Voice | 'none';
}

/** Sets the voice for a render server: the project's own narration plugin reads it. */
export function narrationOptions(options: NarrationOptions): Plugin {
  return {name: OPTIONS, api: options};
}

/** The voice a server's plugins ask for (narrationOptions), and whether a render asked (else the editor's). */
export function narrationVoice(plugins: readonly {name: string; api?: unknown}[]): {
  voice: Voice | 'none';
  given: boolean;
} {
  const given = plugins.find(p => p.name === OPTIONS)?.api as NarrationOptions | undefined;
  return {voice: given?.voice ?? voiceFromEnv(), given: given !== undefined};
}

/** The voice of an editor session: NNM_VOICE=zh|en|none, default zh. */
function voiceFromEnv(): Voice | 'none' {
  const v = process.env.NNM_VOICE ?? 'zh';
  return v === 'none' || (VOICES as readonly string[]).includes(v) ? (v as Voice | 'none') : 'zh';
}

export function narration(): Plugin {
  let root = process.cwd();
  let voice: Voice | 'none' = 'zh';
  let strict = false;
  let server: ViteDevServer | null = null;
  const plugin: Plugin = {
    name: 'nn-motion:narration',
    configResolved(config) {
      root = config.root;
      // A render fails on a missing voice (the CLI checks first); the editor falls back to silence.
      ({voice, given: strict} = narrationVoice(config.plugins));
    },
    configureServer(s) {
      server = s;
      s.middlewares.use(CLIP_PATH, (req, res) => {
        const name = basename(new URL(req.url ?? '', 'http://x').pathname);
        const file = join(cacheDir(root), name);
        if (!/^[0-9a-f]{64}\.wav$/.test(name) || !existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200, {'content-type': 'audio/wav'});
        createReadStream(file).pipe(res);
      });
    },
    async load(id) {
      const [file, query] = id.split('?');
      if (query !== 'voice' || !file.endsWith('.narration.ts')) return;
      // The dev server loads the file itself (and reloads it on edits); a build has only Node's import.
      const lines = server
        ? ((await server.ssrLoadModule(file)) as {default: NarrationLine[]}).default
        : await importLines(file);
      const scene = basename(file, '.narration.ts');
      let voiced: VoicedNarration = {
        lines,
        voice: 'none',
        clips: Object.fromEntries([...silentClips(lines)].map(([k, c]) => [k, {...c, url: null}])),
      };
      if (voice !== 'none') {
        try {
          const made = await makeClips(root, scene, lines, voice, voicing(voice, resolveFfmpeg()));
          voiced = {
            lines,
            voice,
            clips: Object.fromEntries(
              [...made].map(([k, c]) => [k, {seconds: c.seconds, url: `${CLIP_PATH}${c.hash}.wav`}]),
            ),
          };
          for (const c of made.values()) if (c.recorded) this.addWatchFile(c.recorded);
        } catch (e) {
          if (strict || !(e instanceof VoiceError)) throw e;
          this.warn(`narration of "${scene}" is silent: ${e.message}`);
        }
      }
      return `import lines from ${JSON.stringify(file)};\nexport default {lines, voice: ${JSON.stringify(voiced.voice)}, clips: ${JSON.stringify(voiced.clips)}};\n`;
    },
  };
  return Object.assign(plugin, {[MC_PLUGIN_OPTIONS]: {entryPoint: '/src/narration/editorPlugin.ts'}});
}

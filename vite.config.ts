import {defineConfig} from 'vite';
import motionCanvasPlugin from '@motion-canvas/vite-plugin';
import {editorExport} from './src/render/editorExport';
import {hostGuard} from './src/render/hostGuard';
import {narration} from './src/narration/vitePlugin';

// The package is CommonJS; depending on the loader its function sits on `.default`.
const motionCanvas =
  (motionCanvasPlugin as unknown as {default?: typeof motionCanvasPlugin}).default ?? motionCanvasPlugin;

export default defineConfig({
  server: {
    host: '127.0.0.1',
    // The editor and the render page are same-origin: no other site may read from these servers,
    // and a request for another host name (DNS rebinding) is refused.
    cors: false,
    allowedHosts: ['localhost', '127.0.0.1'],
    fs: {strict: true},
  },
  // narration(): `<scene>.narration?voice` modules (lines + clip lengths) and the editor's clip player.
  plugins: [hostGuard(), editorExport(), narration(), motionCanvas({project: './src/project.ts'})],
});

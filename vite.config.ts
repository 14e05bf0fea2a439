import {defineConfig} from 'vite';
import motionCanvasPlugin from '@motion-canvas/vite-plugin';

// The package is CommonJS; depending on the loader its function sits on `.default`.
const motionCanvas =
  (motionCanvasPlugin as unknown as {default?: typeof motionCanvasPlugin})
    .default ?? motionCanvasPlugin;

export default defineConfig({
  server: {host: '127.0.0.1'},
  plugins: [motionCanvas({project: './src/project.ts'})],
});

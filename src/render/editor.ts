/**
 * `npm start`: the Motion Canvas editor on 127.0.0.1:9000 with hot reload. Started from here rather
 * than by the vite binary so that it stops when npm (or whatever started it) goes away.
 */
process.env.VITE_CJS_IGNORE_WARNING ??= 'true';
import {createServer} from 'vite';
import {holdLifeline} from './lifeline';
import {sceneIds} from './sceneIds';
import {ROOT} from './server';

// `npm start -- <scene>`: the editor shows that scene alone (src/preview.ts).
const only = process.argv[2];
if (only !== undefined) {
  const ids = sceneIds(`${ROOT}/src/project.ts`);
  if (!ids.includes(only)) {
    process.stderr.write(`error: unknown scene "${only}"; the project has ${ids.join(', ')}\n`);
    process.exit(2);
  }
  process.env.VITE_NNM_PREVIEW = only;
}

const port = Number(process.env.PORT ?? 9000);
const server = await createServer({
  root: ROOT,
  configFile: `${ROOT}/vite.config.ts`,
  server: {host: '127.0.0.1', port, strictPort: true},
});
holdLifeline(async reason => {
  process.stderr.write(`\nstopping the editor (${reason})\n`);
  const late = setTimeout(() => process.exit(130), 3000);
  await server.close();
  clearTimeout(late);
  process.exit(130);
});
await server.listen();
server.printUrls();
if (only !== undefined) process.stdout.write(`  previewing ${only} only\n`);

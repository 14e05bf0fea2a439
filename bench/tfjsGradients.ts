import * as tf from '@tensorflow/tfjs-core';
import {readdirSync} from 'node:fs';
import {createRequire} from 'node:module';

/**
 * Registers tfjs-core's own gradient functions under plain Node (tsx). Its
 * register_all_gradients.js cannot load there because it uses a directory
 * import, so each dist/gradients/*_grad.js file is imported one by one.
 * Returns how many gradients were registered.
 */
export async function registerTfjsGradients(): Promise<number> {
  const anyGrad = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/dist/gradients/Abs_grad.js');
  const dir = anyGrad.slice(0, -'Abs_grad.js'.length);
  let count = 0;
  for (const file of readdirSync(dir).filter(f => f.endsWith('_grad.js'))) {
    // A few (Prod) also use directory imports; the MLP benchmark needs none of them.
    const module = (await import(dir + file).catch(() => ({}))) as Record<string, tf.GradConfig>;
    for (const config of Object.values(module)) {
      tf.registerGradient(config);
      count++;
    }
  }
  return count;
}

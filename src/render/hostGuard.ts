/**
 * A Vite plugin that refuses requests for another host name (DNS rebinding) and writes from another
 * origin. Motion Canvas's plugins serve the editor and accept exports in middlewares that run before
 * Vite's own host check, so this one is registered first and guards them too.
 */
import type {IncomingMessage} from 'node:http';
import type {Plugin} from 'vite';

const LOCAL = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export function isLocalRequest(req: Pick<IncomingMessage, 'headers' | 'method'>): boolean {
  if (!LOCAL.test(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return LOCAL.test(new URL(origin).host) && new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function hostGuard(): Plugin {
  return {
    name: 'nn-motion:host-guard',
    enforce: 'pre',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (isLocalRequest(req)) return next();
        res.writeHead(403, {'Content-Type': 'text/plain'}).end('forbidden: nn-motion serves 127.0.0.1 only');
      });
    },
  };
}

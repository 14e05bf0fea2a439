import type {IncomingMessage} from 'node:http';

/** The whole body of a request, once it has all arrived. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

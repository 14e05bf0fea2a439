/**
 * The distributed render contract. `--shard K/N` renders block K of N of a scene's segments into
 * `<scene>.shard-K-of-N.h264` plus a JSON manifest; `--join` checks that N shards are present and
 * belong together, then muxes them. Any scheduler that can run N commands can drive it.
 */
import {createHash} from 'node:crypto';
import {createReadStream, existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {readFile, rename, rm, writeFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {blocksOf} from './plan';
import type {Segment} from './protocol';
import {ROOT} from './server';
import {ioMessage} from './sinks';
import type {NarrationSettings} from '../narration/render';

export const MANIFEST_FORMAT = 'nn-motion-shard/1';

/** What decides a shard's bytes besides the code: the same settings give the same bytes. */
export interface ShardSettings {
  scene: string;
  width: number;
  height: number;
  fps: number;
  /** Frames [from, to) of the scene. */
  frames: [number, number];
  segmentFrames: number;
  encoder: string;
  browser: string;
  /** The narration's voice, subtitles and cues: the join mixes the speech from them. */
  narration?: NarrationSettings;
}

export interface ShardManifest {
  format: string;
  settings: ShardSettings;
  /** Hash of the project's sources and lock file. */
  code: string;
  shard: number;
  shards: number;
  /** Segment indices [first, last + 1) of the whole render that this shard holds. */
  segments: [number, number];
  totalSegments: number;
  frames: number;
  data: string;
  bytes: number;
  sha256: string;
}

export class ShardError extends Error {
  override name = 'ShardError';
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else yield path;
  }
}

/** Hash of everything that can change a frame: src/, the lock file and the Vite config. */
export function codeHash(root = ROOT): string {
  const hash = createHash('sha256');
  const files = [...sourceFiles(join(root, 'src')), join(root, 'package-lock.json'), join(root, 'vite.config.ts')];
  for (const file of files.filter(existsSync)) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export const shardName = (scene: string, k: number, n: number) => `${scene}.shard-${k}-of-${n}`;

/** The segments of block K of N: the same cut for every shard of a render. */
export function shardSegments(all: Segment[], k: number, n: number): Segment[] {
  return blocksOf(all, n)[k];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes one shard: its segment files joined into one data file, then the manifest last. */
export async function writeShard(
  out: string,
  files: string[],
  m: Omit<ShardManifest, 'format' | 'data' | 'bytes' | 'sha256'>,
): Promise<string> {
  const name = shardName(m.settings.scene, m.shard, m.shards);
  const data = `${name}.h264`;
  const tmp = join(out, `.${data}.${process.pid}.partial`);
  try {
    await writeFile(tmp, '');
    for (const file of files) await writeFile(tmp, await readFile(file), {flag: 'a'});
    const manifest: ShardManifest = {
      format: MANIFEST_FORMAT,
      ...m,
      data,
      bytes: statSync(tmp).size,
      sha256: await sha256Of(tmp),
    };
    await rename(tmp, join(out, data));
    const manifestTmp = join(out, `.${name}.json.${process.pid}.partial`);
    await writeFile(manifestTmp, JSON.stringify(manifest, null, 2) + '\n');
    await rename(manifestTmp, join(out, `${name}.json`));
    return join(out, `${name}.json`);
  } catch (e) {
    await rm(tmp, {force: true});
    throw new Error(ioMessage(e));
  }
}

function sameSettings(a: ShardManifest, b: ShardManifest): boolean {
  return (
    JSON.stringify(a.settings) === JSON.stringify(b.settings) &&
    a.shards === b.shards &&
    a.totalSegments === b.totalSegments
  );
}

/**
 * Finds and checks every shard of `scene` in `dir`: all N present once, from the same code and
 * settings, each whole. Returns the data files in order and the frame count.
 */
export async function checkShards(
  dir: string,
  scene: string,
  code = codeHash(),
): Promise<{files: string[]; manifest: ShardManifest; frames: number}> {
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter(f => f.startsWith(`${scene}.shard-`) && f.endsWith('.json'))
        .sort()
    : [];
  if (names.length === 0) throw new ShardError(`no shards of "${scene}" in ${dir}`);
  const manifests: [string, ShardManifest][] = names.map(name => {
    try {
      const m = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ShardManifest;
      if (m.format !== MANIFEST_FORMAT || !m.settings) throw new Error('not a shard manifest');
      return [name, m];
    } catch {
      throw new ShardError(`shard manifest ${name} is unreadable`);
    }
  });
  const [firstName, first] = manifests[0];
  for (const [name, m] of manifests) {
    if (m.settings.scene !== scene)
      throw new ShardError(`shard ${name} belongs to scene "${m.settings.scene}", not "${scene}"`);
    if (m.code !== code)
      throw new ShardError(`shard ${name} was rendered from other code (${m.code}, this checkout is ${code})`);
    if (!sameSettings(m, first))
      throw new ShardError(`shard ${name} was rendered with other settings than ${firstName}`);
  }
  const n = first.shards;
  const byIndex = new Map<number, string>();
  for (const [name, m] of manifests) {
    const other = byIndex.get(m.shard);
    if (other) throw new ShardError(`shard ${m.shard}/${n} of "${scene}" appears twice: ${other} and ${name}`);
    byIndex.set(m.shard, name);
  }
  const missing = Array.from({length: n}, (_, k) => k).filter(k => !byIndex.has(k));
  if (missing.length)
    throw new ShardError(`shard ${missing.map(k => `${k}/${n}`).join(', ')} of "${scene}" is missing from ${dir}`);

  const ordered = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, name]) => manifests.find(([x]) => x === name)![1]);
  let next = 0;
  let frames = 0;
  for (const m of ordered) {
    if (m.segments[0] !== next)
      throw new ShardError(`shard ${m.shard}/${n} of "${scene}" does not continue shard ${m.shard - 1}`);
    next = m.segments[1];
    frames += m.frames;
    const data = join(dir, m.data);
    if (!existsSync(data)) throw new ShardError(`shard ${m.shard}/${n} of "${scene}" has no data file ${m.data}`);
    if (statSync(data).size !== m.bytes || (await sha256Of(data)) !== m.sha256) {
      throw new ShardError(
        `shard ${m.shard}/${n} of "${scene}" is truncated or corrupt (${m.data} does not match its checksum)`,
      );
    }
  }
  const [from, to] = first.settings.frames;
  if (next !== first.totalSegments || frames !== to - from)
    throw new ShardError(`the shards of "${scene}" do not cover the whole render`);
  return {files: ordered.map(m => join(dir, m.data)), manifest: first, frames};
}

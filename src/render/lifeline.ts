/**
 * Keeps a long-running command tied to the terminal command that started it.
 *
 * `npm run x` forwards signals only to its direct child, and a SIGKILLed npm forwards nothing, so a
 * render would carry on and later write its output. We watch our launcher chain (npm, npx, sh, node,
 * tsx) and stop as soon as any link of it disappears, and treat SIGINT, SIGTERM and SIGHUP alike.
 */
import {readFileSync} from 'node:fs';

const LAUNCHERS = /^(node|nodejs|npm( .*)?|npx|sh|dash|tsx|npm exec.*)$/;

interface Link {
  pid: number;
  started: string;
}

function stat(pid: number): {comm: string; ppid: number; started: string} | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself contain spaces or parentheses.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return {comm, ppid: Number(fields[1]), started: fields[19]};
  } catch {
    return null;
  }
}

/** Our parent, and its parents while they are launchers. */
export function launcherChain(pid = process.pid): Link[] {
  const chain: Link[] = [];
  let current = stat(pid)?.ppid ?? 0;
  while (current > 1) {
    const s = stat(current);
    if (!s || !LAUNCHERS.test(s.comm)) break;
    chain.push({pid: current, started: s.started});
    current = s.ppid;
  }
  return chain;
}

function alive(link: Link): boolean {
  return stat(link.pid)?.started === link.started;
}

/**
 * Calls `stop(reason)` once, on SIGINT, SIGTERM or SIGHUP, or when a process of the launcher chain
 * exits. Also keeps a closed stdout or stderr (the terminal went away) from crashing the clean-up.
 */
export function holdLifeline(stop: (reason: string) => void, everyMs = 250): void {
  let stopped = false;
  const once = (reason: string) => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    stop(reason);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => once(signal));
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const chain = launcherChain();
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent || !chain.every(alive)) once('the command that started it exited');
  }, everyMs);
  timer.unref();
}

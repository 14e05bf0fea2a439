/**
 * Which CPUs a render's browsers run on. Chromium's H.264 encoder uses as many threads as its
 * renderer process counted CPUs when it started, and those threads balance their work by timing,
 * so only a renderer that started on one CPU encodes the same bytes every time. It counts once, at
 * start-up: a renderer started on one CPU and then allowed onto more keeps a one-thread encoder,
 * which now runs beside the drawing thread instead of taking turns with it.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';

/** The CPUs a process may run on, from the kernel's affinity list ("0-3,6"); null when unreadable. */
export function cpusOf(pid: number | 'self'): number[] | null {
  try {
    const list = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
    const cpus = list.split(',').flatMap(part => {
      const [a, b = a] = part.split('-').map(Number);
      return Array.from({length: b - a + 1}, (_, i) => a + i);
    });
    if (cpus.length > 0 && cpus.every(Number.isInteger)) return cpus;
  } catch {}
  return null;
}

/** The CPUs this process may run on. */
export function allowedCpus(): number[] {
  return cpusOf('self') ?? [0];
}

export interface Proc {
  pid: number;
  ppid: number;
  /** The command line joined by spaces: Chromium's zygote children rewrite theirs as one string. */
  cmd: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses: the ppid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      out.push({pid: Number(entry), ppid, cmd});
    } catch {}
  }
  return out;
}

/** The browser whose command line carries `tag`, and every process under it. */
export function browserTree(tag: string): Proc[] {
  const all = processes();
  const roots = new Set(all.filter(p => p.cmd.includes(`${tag} `) && !p.cmd.includes('--type=')).map(p => p.pid));
  const parent = new Map(all.map(p => [p.pid, p.ppid]));
  const under = (pid: number) => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (roots.has(p)) return true;
    return false;
  };
  return all.filter(p => under(p.pid));
}

/**
 * Lets every thread of the browser run on `cpus`; threads started later inherit it. The zygotes stay
 * where they started, so a renderer they fork for the next page again counts one CPU: call this again
 * once that page has loaded.
 */
export function widen(taskset: string, tag: string, cpus: number[]): void {
  for (const {pid, cmd} of browserTree(tag)) {
    if (!cmd.includes('--type=zygote '))
      spawnSync(taskset, ['-a', '-p', '-c', cpus.join(','), String(pid)], {stdio: 'ignore'});
  }
}

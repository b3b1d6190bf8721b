/**
 * CPU time used by a process group (Linux /proc), e.g. `wrangler dev` and its workerd children.
 * On a shared machine, CPU per request says what the server costs even when wall-clock figures
 * are dominated by other load.
 */
import { readdirSync, readFileSync } from 'node:fs';

// /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on Linux on every common architecture.
const TICKS_PER_SECOND = 100;

/**
 * Where `wrangler dev`'s CPU goes: `proxy` is the workerd that listens on the public port (its
 * ProxyWorker forwards every request), `worker` the workerd that runs the Worker, its Durable
 * Objects and the D1 / Queue / R2 / rate-limit simulators, `node` wrangler itself (and its
 * inspector proxy), `other` the rest (npm, sh, esbuild).
 */
export interface CpuByRole {
  node: number;
  proxy: number;
  worker: number;
  other: number;
}

interface Proc {
  pid: string;
  seconds: number;
}

function groupProcesses(pgid: number): Proc[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const procs: Proc[] = [];
  for (const pid of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the parenthesised command name: state ppid pgrp ... utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    procs.push({ pid, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  return procs;
}

/** User + system CPU seconds of every live process in process group `pgid`; NaN without /proc. */
export function groupCpuSeconds(pgid: number): number {
  const procs = groupProcesses(pgid);
  return procs ? procs.reduce((sum, p) => sum + p.seconds, 0) : Number.NaN;
}

function roleOf(pid: string): keyof CpuByRole {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return 'other';
  }
  if (args[0]?.endsWith('/workerd')) {
    // Only the proxy's workerd binds a fixed public port; the Worker's listens on 127.0.0.1:0.
    return args.some((a) => a.startsWith('--socket-addr=entry=') && !a.endsWith(':0')) ? 'proxy' : 'worker';
  }
  return args.some((a) => a.endsWith('wrangler-dist/cli.js')) ? 'node' : 'other';
}

/** `groupCpuSeconds`, split by role. */
export function groupCpuByRole(pgid: number): CpuByRole {
  const split: CpuByRole = { node: 0, proxy: 0, worker: 0, other: 0 };
  for (const p of groupProcesses(pgid) ?? []) split[roleOf(p.pid)] += p.seconds;
  return split;
}

/** CPU ms per request of each role between two readings, 2 decimals. */
export function cpuMsPerRequest(
  before: CpuByRole,
  after: CpuByRole,
  requests: number,
): CpuByRole & { total: number } {
  const ms = (role: keyof CpuByRole) => Math.round((100_000 * (after[role] - before[role])) / requests) / 100;
  const split = { node: ms('node'), proxy: ms('proxy'), worker: ms('worker'), other: ms('other') };
  const total = Math.round(100 * (split.node + split.proxy + split.worker + split.other)) / 100;
  return { ...split, total };
}

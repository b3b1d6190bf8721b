/**
 * CPU time used by a process group (Linux /proc), e.g. `wrangler dev` and its workerd children.
 * On a shared machine, CPU per request says what the server costs even when wall-clock figures
 * are dominated by other load.
 */
import { readdirSync, readFileSync } from 'node:fs';

// /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on Linux on every common architecture.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of every live process in process group `pgid`; NaN without /proc. */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
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
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

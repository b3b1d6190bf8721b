/** The processes running on this machine, as `ps` lists them (for tests of what a script leaves behind). */
import { execFileSync } from 'node:child_process';

/** One running process: its id, its session's id and its command line. */
export interface ProcessInfo {
  pid: number;
  sid: number;
  args: string;
}

/** Every process running now. */
export function processes(): ProcessInfo[] {
  return execFileSync('ps', ['-eo', 'pid=,sid=,args='], { encoding: 'utf8' })
    .split('\n')
    .flatMap((line) => {
      const match = /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line);
      return match ? [{ pid: Number(match[1]), sid: Number(match[2]), args: match[3]! }] : [];
    });
}

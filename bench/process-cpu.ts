// CPU time of this process and of its child processes (DynamoDB Local's JVM), from /proc on Linux:
// the cohort bench compares the CPU each side spends per DynamoDB request in the walk and in the raw
// measure, so the gap between them is placed (the JVM's own work, or the host's time around it).
// Elsewhere than Linux it reports nothing.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime in ms of one process, and its parent id; undefined if it is gone. */
const statOf = (pid: number): { cpuMs: number; ppid: number } | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
};

/** CPU ms so far of this process and of the processes it started (their children too). */
const cpuSnapshot = (): { hostMs: number; childrenMs: number } | undefined => {
  const self = statOf(process.pid);
  if (!self) return undefined;
  const stats = new Map<number, { cpuMs: number; ppid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const descends = (pid: number): boolean => {
    for (let current = stats.get(pid)?.ppid; current !== undefined && current > 1; current = stats.get(current)?.ppid) if (current === process.pid) return true;
    return false;
  };
  let childrenMs = 0;
  for (const [pid, stat] of stats) if (pid !== process.pid && descends(pid)) childrenMs += stat.cpuMs;
  return { hostMs: self.cpuMs, childrenMs };
};

export { cpuSnapshot };

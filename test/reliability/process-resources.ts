// What this process holds, counted from outside the code under test: Node's active handles and requests by kind
// (sockets, listeners, timers, child processes, pipes: process.getActiveResourcesInfo()), its open file descriptors
// (/proc/self/fd) and its live child processes (/proc/<pid>/stat). A leak is what grew between two counts.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ResourceCount {
  /** Active handles and requests by kind: TCPSocketWrap, TCPServerWrap, Timeout, ProcessWrap, PipeWrap, … */
  handles: Record<string, number>;
  /** Open file descriptors by what they are: socket, pipe, anon_inode, file. */
  fds: Record<string, number>;
  /** Pids of this process's children that have not been reaped (zombies included: they are leaks too). */
  children: number[];
}

export function countResources(): ResourceCount {
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  const fds: Record<string, number> = {};
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      // The descriptor readdir itself used, closed by now.
      continue;
    }
    const kind = /^(socket|pipe|anon_inode):/u.exec(target)?.[1] ?? 'file';
    fds[kind] = (fds[kind] ?? 0) + 1;
  }
  return { handles, fds, children: childPids() };
}

function childPids(): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the parent pid is the second field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) children.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return children;
}

export interface Growth {
  handles: Record<string, number>;
  fds: Record<string, number>;
  /** Handles and descriptors more than before, over every kind. */
  totalHandles: number;
  totalFds: number;
  /** Children more than before (a restarted peer is a new pid in place of an old one, not one more). */
  children: number;
}

/** What `after` holds beyond `before`, kind by kind (kinds that shrank count as zero). */
export function growthBetween(before: ResourceCount, after: ResourceCount): Growth {
  const grown = (from: Record<string, number>, to: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(to)
        .map(([kind, count]) => [kind, count - (from[kind] ?? 0)] as const)
        .filter(([, more]) => more > 0),
    );
  const handles = grown(before.handles, after.handles);
  const fds = grown(before.fds, after.fds);
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, more) => total + more, 0);
  return {
    handles,
    fds,
    totalHandles: sum(handles),
    totalFds: sum(fds),
    children: Math.max(0, after.children.length - before.children.length),
  };
}

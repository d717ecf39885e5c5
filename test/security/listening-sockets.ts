// The TCP addresses a process listens on, read from Linux's /proc as `ss -ltnp` would: the socket inodes among the
// process's open files, matched against the kernel's tables of TCP sockets in the LISTEN state.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** `127.0.0.1:18789`, `[::1]:5000`, … for every TCP socket `pid` listens on. */
export function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/u.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed between the listing and the read.
    }
  }
  const addresses: string[] = [];
  for (const table of ['tcp', 'tcp6'] as const) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/u);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (local === undefined || state !== LISTEN || inode === undefined || !inodes.has(inode)) continue;
      const [hexAddress = '', hexPort = ''] = local.split(':');
      const port = Number.parseInt(hexPort, 16);
      addresses.push(table === 'tcp' ? `${ipv4(hexAddress)}:${port}` : `[${ipv6(hexAddress)}]:${port}`);
    }
  }
  return addresses;
}

/** The kernel prints the address as one 32-bit word in host (little-endian) byte order. */
function ipv4(hex: string): string {
  return Buffer.from(hex, 'hex').reverse().join('.');
}

/** Four 32-bit words, each in host byte order. */
function ipv6(hex: string): string {
  const bytes = Buffer.concat([0, 8, 16, 24].map((start) => Buffer.from(hex.slice(start, start + 8), 'hex').reverse()));
  const groups = Array.from({ length: 8 }, (_, index) => bytes.readUInt16BE(index * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/u, '::');
}

export function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+:\d+$/u.test(address) || /^\[::1\]:\d+$/u.test(address);
}

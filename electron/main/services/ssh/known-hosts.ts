// OpenSSH's known_hosts files, read and written the way ssh(1) does: the line format of sshd(8) (markers, comma
// lists, wildcards, negation, `[host]:port`, hashed `|1|salt|hash` names), the host lookup of sshconnect.c and
// hostfile.c, and appending new entries without ever rewriting existing lines.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname } from 'node:path';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Files, System } from '../system/system';
import { hostKeyFingerprint, hostKeyType } from './host-key';
import type { ResolvedSshConfig } from './types';

export interface KnownHostsEntry {
  /** 1-based, as OpenSSH and editors count. */
  line: number;
  marker: 'revoked' | 'cert-authority' | undefined;
  /** The host field as written: a comma list of patterns, or one hashed name. */
  hosts: string;
  keyType: string;
  key: Buffer;
  comment: string | undefined;
}

export interface HostKeyLookup {
  /** User files first, then global ones, as OpenSSH searches them. */
  files: string[];
  host: string;
  port: number;
  hostKeyAlias?: string;
  /** Reads the files; a missing one counts as empty. */
  system: System;
}

export type HostKeyCheck =
  | { status: 'known'; file: string; line: number }
  | { status: 'changed'; file: string; line: number; storedType: string; storedFingerprint: string }
  | { status: 'revoked'; file: string; line: number }
  /** `otherTypesKnown`: key types stored for this host when none is of the offered type. */
  | { status: 'unknown'; otherTypesKnown?: string[] };

const HASH_MAGIC = '|1|';
const SHA1_BYTES = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The files ssh(1) looks host keys up in for a config, in its order: the user's, then the system's. */
export function knownHostsFilesOf(config: ResolvedSshConfig): string[] {
  return [...config.userKnownHostsFiles, ...config.globalKnownHostsFiles];
}

export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const entry = parseLine(raw.replace(/\r$/, ''), index + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseLine(text: string, line: number): KnownHostsEntry | undefined {
  const fields = text.trim().split(/[ \t]+/);
  if (fields[0] === '' || fields[0]?.startsWith('#')) return undefined;
  let marker: KnownHostsEntry['marker'];
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name === '@revoked') marker = 'revoked';
    else if (name === '@cert-authority') marker = 'cert-authority';
    // OpenSSH drops lines with an unknown marker rather than guess what it meant.
    else return undefined;
  }
  const [hosts, keyType, base64, ...rest] = fields;
  if (!hosts || !keyType || !base64 || !BASE64.test(base64)) return undefined;
  if (hosts.startsWith('|') && !parseHashedName(hosts)) return undefined;
  const key = Buffer.from(base64, 'base64');
  try {
    // Like OpenSSH's sshkey_read: the type on the line must be the one inside the blob.
    if (hostKeyType(key) !== keyType) return undefined;
  } catch {
    return undefined;
  }
  return { line, marker, hosts, keyType, key, comment: rest.length > 0 ? rest.join(' ') : undefined };
}

function parseHashedName(field: string): { salt: Buffer; hash: Buffer } | undefined {
  if (!field.startsWith(HASH_MAGIC)) return undefined;
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2 || !parts.every((part) => BASE64.test(part))) return undefined;
  const [salt, hash] = parts.map((part) => Buffer.from(part, 'base64'));
  if (salt?.length !== SHA1_BYTES || hash?.length !== SHA1_BYTES) return undefined;
  return { salt, hash };
}

/**
 * The name OpenSSH stores and looks up a host under: HostKeyAlias as-is when set (ssh_config(5): it replaces the
 * real host name, and no port is added), else the host for port 22 and `[host]:port` for any other port.
 * Lowercased as OpenSSH lowercases host names and the names it writes.
 */
export function knownHostsName(host: string, port: number, hostKeyAlias?: string): string {
  if (hostKeyAlias) return hostKeyAlias.toLowerCase();
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Whether a host field names `name`; a matching negated pattern (`!pattern`) excludes the whole line. */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) {
    const hashed = parseHashedName(field);
    return hashed !== undefined && timingSafeEqual(hmacName(hashed.salt, name), hashed.hash);
  }
  let positive = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(name, (negated ? pattern.slice(1) : pattern).toLowerCase())) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** OpenSSH's match_pattern: `*` is any run, `?` any one character, everything else (brackets too) literal. */
function globMatches(text: string, pattern: string): boolean {
  // Greedy with one backtrack point per star: linear in practice, never exponential on hostile patterns.
  let t = 0;
  let p = 0;
  let starAt = -1;
  let textAtStar = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starAt = p++;
      textAtStar = t;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++textAtStar;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function hmacName(salt: Buffer, name: string): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

/**
 * Looks the offered key up as ssh(1) does, with one deliberate difference for hosts whose stored keys are all of
 * other types (see `unknown.otherTypesKnown`). Revoked wins over everything; certificate-authority lines take no
 * part because ssh2 has no host certificates.
 */
export async function checkHostKey(lookup: HostKeyLookup & { key: Buffer }): Promise<HostKeyCheck> {
  const offeredType = hostKeyType(lookup.key);
  const found = await hostEntries(lookup);
  const revoked = found.find(({ entry }) => entry.marker === 'revoked' && entry.key.equals(lookup.key));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.entry.line };
  const plain = found.filter(({ entry }) => entry.marker === undefined);
  const same = plain.find(({ entry }) => entry.key.equals(lookup.key));
  if (same) return { status: 'known', file: same.file, line: same.entry.line };
  const stale = plain.find(({ entry }) => entry.keyType === offeredType);
  if (stale) {
    return {
      status: 'changed',
      file: stale.file,
      line: stale.entry.line,
      storedType: stale.entry.keyType,
      storedFingerprint: hostKeyFingerprint(stale.entry.key),
    };
  }
  // OpenSSH 9.2 calls this "changed" too, but it first steers negotiation towards the stored types, so there
  // it means a swapped key. ssh2 does not steer, so here a legitimate server with an RSA key on file and a newer
  // ed25519 key lands in this case: the caller asks, saying the host is not new.
  const otherTypes = [...new Set(plain.map(({ entry }) => entry.keyType))];
  return otherTypes.length > 0 ? { status: 'unknown', otherTypesKnown: otherTypes } : { status: 'unknown' };
}

/** The key types stored for a host, for ordering the host key algorithms the way ssh(1) does. */
export async function storedHostKeyTypes(lookup: HostKeyLookup): Promise<string[]> {
  const found = await hostEntries(lookup);
  return [...new Set(found.filter(({ entry }) => entry.marker === undefined).map(({ entry }) => entry.keyType))];
}

async function hostEntries(lookup: HostKeyLookup): Promise<{ file: string; entry: KnownHostsEntry }[]> {
  const name = knownHostsName(lookup.host, lookup.port, lookup.hostKeyAlias);
  const found: { file: string; entry: KnownHostsEntry }[] = [];
  for (const file of lookup.files) {
    const text = await readKnownHostsFile(lookup.system.files, file);
    for (const entry of parseKnownHosts(text)) {
      if (entry.marker !== 'cert-authority' && hostFieldMatches(entry.hosts, name)) found.push({ file, entry });
    }
  }
  return found;
}

export async function readKnownHostsFile(files: Files, file: string): Promise<string> {
  try {
    return await files.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '';
    // ssh(1) skips an unreadable file, but a changed key stored there would then pass as merely unknown.
    throw new AppFailure(
      appError(
        'known-hosts-unreadable',
        `The known_hosts file ${file} could not be read (${errorText(error)}), so the server's host key cannot ` +
          'be checked against it.',
        `Make ${file} readable by your user (chmod 600), or point UserKnownHostsFile in ~/.ssh/config elsewhere.`,
      ),
    );
  }
}

/** The line ssh(1) appends for a newly trusted key (without the newline): name, key type, base64 key. */
export function formatKnownHostsEntry(entry: {
  host: string;
  port: number;
  hostKeyAlias?: string;
  key: Buffer;
  hashed: boolean;
}): string {
  const name = knownHostsName(entry.host, entry.port, entry.hostKeyAlias);
  const type = hostKeyType(entry.key);
  const field = entry.hashed ? hashedName(name) : name;
  return `${field} ${type} ${entry.key.toString('base64')}`;
}

function hashedName(name: string): string {
  const salt = randomBytes(SHA1_BYTES);
  return `${HASH_MAGIC}${salt.toString('base64')}|${hmacName(salt, name).toString('base64')}`;
}

/**
 * Appends one entry. Missing folders are created private (0700) and a new file is private (0600), as ssh(1)
 * does; a last line without its newline is completed first so the new entry does not run into it.
 */
export async function appendKnownHostsEntry(files: Files, file: string, line: string): Promise<void> {
  try {
    if (/[\r\n]/.test(line)) throw new Error('an entry must be a single line');
    await files.mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const handle = await files.open(file, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      let separator = '';
      if (size > 0) {
        const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
        if (bytesRead === 1 && buffer[0] !== 0x0a) separator = '\n';
      }
      // One write in append mode, so a concurrent ssh(1) appending to the same file cannot interleave with us.
      await handle.write(`${separator}${line}\n`);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw knownHostsWriteFailure(file, error);
  }
}

export function knownHostsWriteFailure(file: string, error: unknown): AppFailure {
  return new AppFailure(
    appError(
      'known-hosts-write-failed',
      `The host key could not be written to ${file} (${errorText(error)}), so it was not trusted.`,
      `Make sure ${dirname(file)} is writable by your user, or point UserKnownHostsFile in ~/.ssh/config to a ` +
        'writable file, then connect again.',
    ),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

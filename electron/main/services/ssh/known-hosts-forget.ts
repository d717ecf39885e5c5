// The host keys a profile trusts, as the known_hosts lines that hold them, and forgetting them: like
// `ssh-keygen -R` but narrower, so only this host's trust goes. Comments, other hosts, hashed entries of other hosts,
// @cert-authority and @revoked lines stay byte for byte; a wildcard line or a system-wide file is left alone and said so.
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { writeFileAtomically } from '../files/atomic-write';
import type { System } from '../system/system';
import { hostKeyFingerprint } from './host-key';
import {
  hostFieldMatches,
  knownHostsName,
  knownHostsWriteFailure,
  parseKnownHosts,
  readKnownHostsFile,
  type HostKeyLookup,
} from './known-hosts';

/** What forgetting does to a line: remove it, take only this host's name out of its list, or leave it (`keptBecause`). */
export type ForgetEffect = 'remove-line' | 'remove-name' | 'keep';

export interface TrustedHostKeyLine {
  file: string;
  /** 1-based, as editors count. */
  line: number;
  keyType: string;
  fingerprint: string;
  /** The line's host field; a hashed one reads `(hashed name)`, since it names nobody readable. */
  hosts: string;
  forget: ForgetEffect;
  keptBecause?: string;
}

/** A line to forget as the person saw it in the confirmation: forgetting refuses when the file no longer matches. */
export interface ExpectedLine {
  file: string;
  line: number;
  fingerprint: string;
}

export interface TrustedKeysLookup extends HostKeyLookup {
  /** The user's own files, which the app may change; the others (system-wide) are only read. */
  userFiles: string[];
}

const FILE_MODE = 0o600;

/** Every plain key line that names the host (markers are not trust in a key and are not listed). */
export async function trustedHostKeyLines(lookup: TrustedKeysLookup): Promise<TrustedHostKeyLine[]> {
  const name = knownHostsName(lookup.host, lookup.port, lookup.hostKeyAlias);
  const found: TrustedHostKeyLine[] = [];
  for (const file of lookup.files) {
    const text = await readKnownHostsFile(lookup.system.files, file);
    for (const entry of parseKnownHosts(text)) {
      if (entry.marker !== undefined || !hostFieldMatches(entry.hosts, name)) continue;
      const hashed = entry.hosts.startsWith('|');
      const line: TrustedHostKeyLine = {
        file,
        line: entry.line,
        keyType: entry.keyType,
        fingerprint: hostKeyFingerprint(entry.key),
        hosts: hashed ? '(hashed name)' : entry.hosts,
        forget: 'remove-line',
      };
      if (!lookup.userFiles.includes(file)) {
        found.push({
          ...line,
          forget: 'keep',
          keptBecause: `${file} is a system-wide file; ask the administrator of this Mac to change it.`,
        });
        continue;
      }
      if (!hashed) {
        const rest = otherNames(entry.hosts, name);
        // Still matched without the literal name (a pattern such as *.example.com): taking the name out would not
        // forget the key, and removing the line would forget other hosts.
        if (rest.length > 0 && hostFieldMatches(rest.join(','), name)) {
          found.push({
            ...line,
            forget: 'keep',
            keptBecause: `The line names hosts by a pattern (${entry.hosts}) that may cover other hosts; edit ${file} by hand if it should go.`,
          });
          continue;
        }
        if (rest.length > 0) line.forget = 'remove-name';
      }
      found.push(line);
    }
  }
  return found;
}

/**
 * Forgets the host's keys: removes the lines (or this host's name from them) that `trustedHostKeyLines` marks, each
 * file replaced atomically. With `expected`, the lines must be exactly those the person confirmed.
 */
export async function forgetHostKeys(
  lookup: TrustedKeysLookup,
  expected?: ExpectedLine[],
): Promise<TrustedHostKeyLine[]> {
  const lines = (await trustedHostKeyLines(lookup)).filter((line) => line.forget !== 'keep');
  if (expected && !sameLines(lines, expected)) {
    throw new AppFailure(
      appError(
        'host-key-list-changed',
        'The known_hosts lines changed since they were shown, so nothing was removed.',
        'Look at the host key in Security again and confirm what is there now.',
      ),
    );
  }
  const name = knownHostsName(lookup.host, lookup.port, lookup.hostKeyAlias);
  for (const file of new Set(lines.map((line) => line.file))) {
    const numbers = new Set(lines.filter((line) => line.file === file).map((line) => line.line));
    const text = await readKnownHostsFile(lookup.system.files, file);
    const kept: string[] = [];
    text.split('\n').forEach((raw, index) => {
      if (!numbers.has(index + 1)) kept.push(raw);
      else if (!raw.trimStart().startsWith('|')) {
        const rewritten = withoutName(raw, name);
        if (rewritten !== undefined) kept.push(rewritten);
      }
    });
    try {
      writeFileAtomically(lookup.system.files, file, kept.join('\n'), modeOf(lookup.system, file));
    } catch (error) {
      throw knownHostsWriteFailure(file, error);
    }
  }
  return lines;
}

/** The patterns of a plain host field other than the host's own name. */
function otherNames(hosts: string, name: string): string[] {
  return hosts.split(',').filter((pattern) => pattern.toLowerCase() !== name);
}

/** The line without the host's name in its host field; undefined when nothing else is left in it. */
function withoutName(raw: string, name: string): string | undefined {
  const indent = raw.length - raw.trimStart().length;
  const [hosts = ''] = raw.trimStart().split(/[ \t]/u, 1);
  const rest = otherNames(hosts, name);
  if (rest.length === 0) return undefined;
  return raw.slice(0, indent) + rest.join(',') + raw.slice(indent + hosts.length);
}

function sameLines(actual: TrustedHostKeyLine[], expected: ExpectedLine[]): boolean {
  const key = (line: ExpectedLine) => `${line.file}\n${line.line}\n${line.fingerprint}`;
  const want = new Set(expected.map(key));
  return actual.length === want.size && actual.every((line) => want.has(key(line)));
}

/** The file keeps its permissions (ssh(1) creates it 0600). */
function modeOf(system: System, file: string): number {
  try {
    return system.files.statSync(file).mode & 0o777;
  } catch {
    return FILE_MODE;
  }
}

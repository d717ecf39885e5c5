// This Mac's SSH keys as the Security page shows and makes them: which key a profile uses (its identity file, else the
// first of OpenSSH's defaults that exists), that key's type, size, fingerprint and age read without its passphrase,
// and a new Ed25519 key written where OpenSSH looks, never over an existing file.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { appError } from '../../../shared/errors';
import { SSH_KEY_ROTATION_DAYS, type SshKey } from '../../../shared/security-access';
import { AppFailure } from '../../app-failure';
import type { System } from '../system/system';
import { opensshPublicBlob } from './auth';

/** ssh2 is CommonJS and Node's ESM loader does not see `utils` as a named export. */
const { generateKeyPair, parseKey } = ssh2.utils;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A key file bigger than this is no key (an RSA 16384-bit one is about 12 KB). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The first of `paths` that exists as a file, or undefined. */
export async function firstExistingKey(paths: readonly string[], system: System): Promise<string | undefined> {
  for (const path of paths) {
    try {
      if ((await system.files.stat(path)).isFile()) return path;
    } catch {
      // Not there: OpenSSH moves on to the next one too.
    }
  }
  return undefined;
}

/** What `path` holds, read without decrypting it: the public half comes from the `.pub` beside it or the file's header. */
export async function inspectKey(
  path: string,
  source: SshKey['source'],
  { system, home }: { system: System; home: string },
): Promise<SshKey> {
  const stats = await system.files.stat(path);
  const data = stats.size <= MAX_KEY_FILE_BYTES ? await system.files.readFile(path) : Buffer.alloc(0);
  const pubText = await readPub(`${path}.pub`, system);
  const plain = parseKey(data);
  const encrypted = plain instanceof Error && /no passphrase given/.test(plain.message);
  const blob =
    blobOfPublicLine(pubText) ?? opensshPublicBlob(data) ?? (plain instanceof Error ? undefined : plain.getPublicSSH());
  const ageDays = Math.max(0, Math.floor((system.clock.now() - stats.mtimeMs) / DAY_MS));
  const facts = blob === undefined ? {} : keyFacts(blob);
  const publicKey = pubText?.trim().split('\n')[0] ?? (blob === undefined ? undefined : publicLine(blob));
  return {
    path: displayPath(path, home),
    source,
    ...facts,
    ...(publicKey === undefined ? {} : { publicKey }),
    encrypted,
    modifiedMs: stats.mtimeMs,
    ageDays,
    rotationDue: ageDays > SSH_KEY_ROTATION_DAYS,
  };
}

/** The public key line of the key at `path` (`type blob comment`), from its `.pub` or, without one, its header. */
export async function publicKeyLineOf(path: string, system: System): Promise<string | undefined> {
  const pub = await readPub(`${path}.pub`, system);
  if (blobOfPublicLine(pub)) return pub?.trim().split('\n')[0];
  const blob = opensshPublicBlob(await system.files.readFile(path));
  return blob === undefined ? undefined : publicLine(blob);
}

export interface NewKeyRequest {
  home: string;
  /** The host the key is for, in the file name when ~/.ssh/id_ed25519 is taken. */
  hostName: string;
  /** Written into the key as its comment (who made it, where), as ssh-keygen's `-C`. */
  comment: string;
  /** Encrypts the key (aes256-ctr with bcrypt, as ssh-keygen does); empty or absent: no passphrase. */
  passphrase?: string;
}

/**
 * Writes a new Ed25519 key pair in OpenSSH's format and returns the private key's path: ~/.ssh/id_ed25519 when
 * neither it nor its .pub exists, else ~/.ssh/id_ed25519_openclaw_<host> (then _2, _3, …). The private key is 0600,
 * the .pub 0644 and a ~/.ssh it creates 0700. Made in this process, so the passphrase never reaches a command line.
 */
export async function generateEd25519Key(request: NewKeyRequest, system: System): Promise<string> {
  const { files } = system;
  const dir = join(request.home, '.ssh');
  await files.mkdir(dir, { recursive: true, mode: 0o700 });
  // Asynchronous, so the main process keeps serving the window and the tunnel's keepalives meanwhile.
  const pair = await new Promise<{ private: string; public: string }>((resolve, reject) =>
    generateKeyPair(
      'ed25519',
      {
        comment: request.comment,
        ...(request.passphrase ? { passphrase: request.passphrase, cipher: 'aes256-ctr' } : {}),
      },
      (error, keys) => (error ? reject(error) : resolve(keys)),
    ),
  );
  for (const name of candidateNames(request.hostName)) {
    const path = join(dir, name);
    if (await exists(`${path}.pub`, system)) continue;
    try {
      // 'wx': an existing key is never replaced, even one made between the check above and this write.
      await files.writeFile(path, pair.private, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw writeFailed(path, error);
    }
    try {
      await files.chmod(path, 0o600);
      await files.writeFile(`${path}.pub`, `${pair.public.trim()}\n`, { flag: 'wx', mode: 0o644 });
      await files.chmod(`${path}.pub`, 0o644);
    } catch (error) {
      // Half a pair is worse than none: the next try picks the next free name.
      await files.rm(path, { force: true });
      throw writeFailed(`${path}.pub`, error);
    }
    return path;
  }
  throw new AppFailure(
    appError(
      'ssh-key-write-failed',
      `Every name for a new key in ${displayPath(dir, request.home)} is taken.`,
      'Remove keys you no longer use from ~/.ssh, then generate again.',
    ),
  );
}

/** The names tried for a new key, in order. */
function* candidateNames(hostName: string): Generator<string> {
  yield 'id_ed25519';
  const host = hostName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'host';
  yield `id_ed25519_openclaw_${host}`;
  for (let n = 2; n < 100; n += 1) yield `id_ed25519_openclaw_${host}_${n}`;
}

/** OpenSSH's fingerprint of a public key blob. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key blob of a public key line (`type base64 [comment]`), or undefined when it is not one. */
export function blobOfPublicLine(line: string | undefined): Buffer | undefined {
  const [type, base64] = line?.trim().split(/\s+/) ?? [];
  if (!type || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return undefined;
  const blob = Buffer.from(base64, 'base64');
  return sshString(blob, 0)?.value.toString('latin1') === type ? blob : undefined;
}

function keyFacts(blob: Buffer): Pick<SshKey, 'type' | 'bits' | 'fingerprint'> {
  const type = sshString(blob, 0);
  if (!type) return { fingerprint: fingerprintOf(blob) };
  const name = type.value.toString('latin1');
  const bits = bitsOf(name, blob, type.end);
  return { type: name, ...(bits === undefined ? {} : { bits }), fingerprint: fingerprintOf(blob) };
}

/** The key's size as `ssh-keygen -l` prints it. */
function bitsOf(type: string, blob: Buffer, pos: number): number | undefined {
  if (type === 'ssh-ed25519' || type === 'sk-ssh-ed25519@openssh.com') return 256;
  const curve = /nistp(\d+)/.exec(type);
  if (curve) return Number(curve[1]);
  if (type === 'ssh-rsa' || type === 'ssh-dss') {
    // RSA: e, then n; DSA: p first. The size is the modulus's, without the sign byte.
    const first = sshString(blob, pos);
    const modulus = type === 'ssh-rsa' && first ? sshString(blob, first.end) : first;
    if (!modulus) return undefined;
    const bytes = modulus.value;
    let start = 0;
    while (start < bytes.length && bytes[start] === 0) start += 1;
    if (start === bytes.length) return 0;
    return (bytes.length - start) * 8 - Math.clz32(bytes[start]!) + 24;
  }
  return undefined;
}

function publicLine(blob: Buffer): string | undefined {
  const type = sshString(blob, 0)?.value.toString('latin1');
  return type === undefined ? undefined : `${type} ${blob.toString('base64')}`;
}

function sshString(buffer: Buffer, pos: number): { value: Buffer; end: number } | undefined {
  if (pos + 4 > buffer.length) return undefined;
  const end = pos + 4 + buffer.readUInt32BE(pos);
  return end > buffer.length ? undefined : { value: buffer.subarray(pos + 4, end), end };
}

async function readPub(path: string, system: System): Promise<string | undefined> {
  try {
    return (await system.files.readFile(path)).subarray(0, MAX_KEY_FILE_BYTES).toString('utf8');
  } catch {
    return undefined;
  }
}

async function exists(path: string, system: System): Promise<boolean> {
  try {
    await system.files.stat(path);
    return true;
  } catch {
    return false;
  }
}

function writeFailed(path: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new AppFailure(
    appError(
      'ssh-key-write-failed',
      `The new key could not be written to ${path} (${code}).`,
      'Check that ~/.ssh is yours and writable (ls -ld ~/.ssh), then generate again.',
    ),
  );
}

/** `~/…` for paths under `home`. */
export function displayPath(path: string, home: string): string {
  return path === home ? '~' : path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

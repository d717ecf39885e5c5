// Installing this Mac's public key on the host: ~/.ssh/authorized_keys gets the key's line once, appended over the
// live SSH connection's SFTP, the folder (0700) and file (0600) made when missing. A key already there under any
// comment or options is left alone, and nothing already in the file is rewritten.
import type { Client, SFTPWrapper } from 'ssh2';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Clock } from '../system/clock';
import { readRemoteFile } from './remote';
import { blobOfPublicLine } from './ssh-key';

/** Where OpenSSH's sshd looks by default, relative to the home directory SFTP starts in. */
export const AUTHORIZED_KEYS = '.ssh/authorized_keys';
/** Bigger than any authorized_keys a person keeps; a file past this is left alone rather than read whole. */
const MAX_AUTHORIZED_KEYS_BYTES = 1024 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * What to append to an authorized_keys file holding `existing` (undefined: no file yet) so that it lists `keyLine`,
 * or undefined when it already does. Keys are compared by type and blob, so a line with another comment or with
 * options (`from="…" ssh-ed25519 AAAA…`) counts; a file without a final newline gets one first.
 */
export function authorizedKeysAddition(existing: string | undefined, keyLine: string): string | undefined {
  const wanted = blobOfPublicLine(keyLine);
  if (!wanted) throw new Error('authorizedKeysAddition needs a public key line');
  const lines = (existing ?? '').split('\n');
  if (lines.some((line) => lineHoldsKey(line, wanted))) return undefined;
  const separator = existing === undefined || existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${separator}${keyLine.trim()}\n`;
}

/** Whether one authorized_keys line lists the key `blob`, whatever options precede it or comment follows. */
function lineHoldsKey(line: string, blob: Buffer): boolean {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return false;
  const words = text.split(/\s+/);
  // The key starts at the first word that parses as `type base64` (options before it may hold quoted spaces).
  for (let i = 0; i + 1 < words.length; i += 1) {
    const found = blobOfPublicLine(`${words[i]} ${words[i + 1]}`);
    if (found) return found.equals(blob);
  }
  return false;
}

/** Appends `keyLine` to the host's ~/.ssh/authorized_keys unless it is there; true when it was added. */
export async function installAuthorizedKey(client: Client, keyLine: string, clock: Clock): Promise<boolean> {
  const existing = await readRemoteFile(client, `~/${AUTHORIZED_KEYS}`, {
    clock,
    maxBytes: MAX_AUTHORIZED_KEYS_BYTES,
    timeoutMs: TIMEOUT_MS,
  });
  const addition = authorizedKeysAddition(existing?.toString('utf8'), keyLine);
  if (addition === undefined) return false;
  await withSftp(client, clock, async (sftp) => {
    await makeSshDir(sftp);
    await append(sftp, AUTHORIZED_KEYS, Buffer.from(addition, 'utf8'));
  });
  return true;
}

async function withSftp<T>(client: Client, clock: Clock, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  let timer: unknown;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () =>
        reject(
          new AppFailure(
            appError(
              'remote-command-timeout',
              `Writing ~/${AUTHORIZED_KEYS} on the host did not finish within ${TIMEOUT_MS / 1000} s.`,
              'Try again; if the host is busy, give it a moment.',
            ),
          ),
        ),
      TIMEOUT_MS,
    );
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    try {
      client.sftp((error, session) => {
        if (error) {
          reject(
            new AppFailure(
              appError(
                'sftp-unavailable',
                `Could not start SFTP on the host to write ~/${AUTHORIZED_KEYS}: ${error.message}.`,
                'Enable the SFTP subsystem in the host’s sshd_config (Subsystem sftp internal-sftp).',
              ),
            ),
          );
        } else resolve(session);
      });
    } catch (error) {
      reject(lost(error));
    }
  });
  try {
    return await Promise.race([work(sftp), timeout]);
  } finally {
    clock.clearTimeout(timer);
    sftp.end();
  }
}

/** ~/.ssh as sshd wants it: made 0700 when missing, an existing one left as it is. */
function makeSshDir(sftp: SFTPWrapper): Promise<void> {
  return new Promise((resolve, reject) => {
    sftp.mkdir('.ssh', { mode: 0o700 }, (error) => {
      if (!error) return resolve();
      // SFTP says only "failure" when it exists; a stat tells a folder that is there from a real failure.
      sftp.stat('.ssh', (statError, stats) => {
        if (!statError && stats.isDirectory()) resolve();
        else reject(writeFailed('~/.ssh', error));
      });
    });
  });
}

/** Appends `data` to `path`, creating it 0600; what the file held stays as it was. */
function append(sftp: SFTPWrapper, path: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    sftp.open(path, 'a', { mode: 0o600 }, (openError, handle) => {
      if (openError) return reject(writeFailed(`~/${path}`, openError));
      // With 'a' the server writes at the end whatever the offset; 0 is only what the protocol needs said.
      sftp.write(handle, data, 0, data.length, 0, (writeError) => {
        sftp.close(handle, (closeError) => {
          const error = writeError ?? closeError;
          if (error) reject(writeFailed(`~/${path}`, error));
          else resolve();
        });
      });
    });
  });
}

function writeFailed(path: string, error: Error): AppFailure {
  const denied = (error as Error & { code?: unknown }).code === 3;
  return new AppFailure(
    appError(
      denied ? 'remote-permission-denied' : 'remote-write-failed',
      denied
        ? `The host refused to let you write ${path} (permission denied).`
        : `Could not write ${path} on the host: ${error.message}.`,
      'Check the owner and permissions of ~/.ssh on the host (ls -ld ~/.ssh ~/.ssh/authorized_keys).',
    ),
  );
}

function lost(error: unknown): AppFailure {
  return new AppFailure(
    appError(
      'connection-lost',
      `The SSH connection was lost while installing the key${error instanceof Error ? `: ${error.message}` : ''}.`,
      'Reconnect and try again.',
    ),
  );
}

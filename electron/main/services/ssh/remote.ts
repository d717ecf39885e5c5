// Small jobs on the SSH host over an open connection: run a command whose arguments reach the remote shell
// exactly as given (POSIX quoting), in the user's login shell where their PATH and variables count, with bounded
// output and a timeout, and read a file (or its tail) over SFTP with a size cap.
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Clock } from '../system/clock';

/** One SFTP read request; ssh2 splits a bigger one to the server's limit anyway. */
const READ_CHUNK_BYTES = 64 * 1024;
const DEFAULT_READ_TIMEOUT_MS = 30_000;
const SFTP_NO_SUCH_FILE = 2;
const SFTP_PERMISSION_DENIED = 3;

/** Words no POSIX shell, bash or zsh treats specially anywhere in a command line. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@,+-]+$/;

/**
 * One argument as a POSIX shell word that the remote shell turns back into exactly these characters: inside
 * single quotes nothing is special, and a quote itself is closed, escaped and reopened. sshd hands the command
 * line to the user's login shell, so this holds for sh, bash, dash, ksh and zsh, not for fish or csh.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) {
    throw new AppFailure(
      appError(
        'invalid-argument',
        'A command argument contains a NUL character, which no shell can pass to a program.',
        'Remove the NUL character from the argument.',
      ),
    );
  }
  if (PLAIN_WORD.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The user's own shell as a login shell, so the PATH and variables set in their profile files count (sshd runs a
 * command in a non-login shell); shells whose `-l -c` might not mean that get `sh -l`.
 */
const IN_LOGIN_SHELL =
  'case "${SHELL##*/}" in bash|zsh|ksh|dash|sh) exec "$SHELL" -l -c "$1" ;; *) exec sh -l -c "$1" ;; esac';

/** The argv for runRemoteCommand that runs `commandLine` (shell text) in the host user's login shell. */
export function inLoginShell(commandLine: string): string[] {
  return ['sh', '-c', IN_LOGIN_SHELL, 'sh', commandLine];
}

/** `argv` as one command line whose words the remote shell reads back exactly. */
export function commandLineOf(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

export interface RemoteCommandOptions {
  clock: Clock;
  timeoutMs: number;
  /** Cap on stdout and stderr together; a command that writes more is stopped. */
  maxOutputBytes: number;
}

export interface RemoteCommandResult {
  /** The exit status, or null when the command was ended by a signal (or never reported one). */
  code: number | null;
  /** The signal's name (`SIGKILL`), or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs `argv` on the host with its standard input closed, so a command that reads it does not wait forever. */
export async function runRemoteCommand(
  client: Client,
  argv: readonly string[],
  options: RemoteCommandOptions,
): Promise<RemoteCommandResult> {
  const [program] = argv;
  if (program === undefined) throw new Error('runRemoteCommand needs a program to run');
  const command = commandLineOf(argv);
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let total = 0;
    let code: number | null = null;
    let signal: string | null = null;
    let channel: ClientChannel | undefined;
    let settled = false;

    const settle = (failure?: AppError) => {
      if (settled) return;
      settled = true;
      options.clock.clearTimeout(timer);
      if (failure) {
        // Closing the channel makes sshd close the command's pipes; one that neither reads nor writes may
        // still run to its end, as with OpenSSH's own client.
        channel?.close();
        reject(new AppFailure(failure));
        return;
      }
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    };

    const timer = options.clock.setTimeout(
      () =>
        settle(
          appError(
            'remote-command-timeout',
            `The command "${program}" on the host did not finish within ${options.timeoutMs} ms, so the app ` +
              'stopped waiting for it.',
            'Try again; if the host is busy, give it more time.',
          ),
        ),
      options.timeoutMs,
    );

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      total += chunk.length;
      if (total > options.maxOutputBytes) {
        settle(
          appError(
            'remote-output-too-large',
            `The command "${program}" on the host wrote more than ${options.maxOutputBytes} bytes, so it was stopped.`,
            'This is a bug in the app or an unexpected program on the host; the Logs section has details.',
          ),
        );
        return;
      }
      into.push(chunk);
    };

    try {
      client.exec(command, (error, opened) => {
        if (error) {
          settle(
            appError(
              'remote-command-failed',
              `Could not start "${program}" on the host: ${error.message}.`,
              'Try again; if it persists, the host may limit sessions (MaxSessions in sshd_config).',
            ),
          );
          return;
        }
        channel = opened;
        if (settled) {
          channel.close();
          return;
        }
        channel.on('error', () => settle(lostDuring(`"${program}"`)));
        channel.stderr.on('error', () => settle(lostDuring(`"${program}"`)));
        channel.on('data', collect(stdout));
        channel.stderr.on('data', collect(stderr));
        channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
          code = exitCode;
          signal = exitSignal ?? null;
        });
        channel.on('close', () => settle());
        channel.end();
      });
    } catch (error) {
      // ssh2 throws "Not connected" synchronously once the link is gone.
      settle(lostDuring(`"${program}"`, error));
    }
  });
}

export interface ReadRemoteFileOptions {
  clock: Clock;
  maxBytes: number;
  timeoutMs?: number;
  /** A bigger file gives its last `maxBytes` instead of a failure (a log, whose end is what counts). */
  tail?: boolean;
}

/**
 * A file on the host, or undefined when there is none. `~/` at the start means the remote home directory,
 * which is where SFTP resolves relative paths; other paths are taken as the server sees them.
 */
export function readRemoteFile(
  client: Client,
  path: string,
  options: ReadRemoteFileOptions,
): Promise<Buffer | undefined> {
  const remotePath = path === '~' ? '.' : path.startsWith('~/') ? path.slice(2) || '.' : path;
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let sftp: SFTPWrapper | undefined;
    let settled = false;
    const settle = (outcome: { value: Buffer | undefined } | { failure: AppError }) => {
      if (settled) return;
      settled = true;
      options.clock.clearTimeout(timer);
      sftp?.end();
      if ('failure' in outcome) reject(new AppFailure(outcome.failure));
      else resolve(outcome.value);
    };
    const fail = (failure: AppError) => settle({ failure });
    const timer = options.clock.setTimeout(
      () =>
        fail(
          appError(
            'remote-read-timeout',
            `Reading ${path} on the host did not finish within ${timeoutMs} ms.`,
            'Try again; if the host is busy, give it more time.',
          ),
        ),
      timeoutMs,
    );

    const sftpFailure = (error: Error & { code?: unknown }): AppError => {
      if (error.code === SFTP_PERMISSION_DENIED) {
        return appError(
          'remote-permission-denied',
          `The host refused to let you read ${path} (permission denied).`,
          'Check the file’s owner and permissions on the host (ls -l), or log in as the user who owns it.',
        );
      }
      return appError('remote-read-failed', `Could not read ${path} on the host: ${error.message}.`, 'Try again.');
    };

    const readAll = (session: SFTPWrapper, handle: Buffer, start: number) => {
      const chunks: Buffer[] = [];
      let position = 0;
      const closeThen = (outcome: Parameters<typeof settle>[0]) => session.close(handle, () => settle(outcome));
      const next = () => {
        // Asking one byte past the cap tells a file that grew since fstat from one that fits exactly; a tail
        // just ends at the cap.
        const want = Math.min(READ_CHUNK_BYTES, options.maxBytes + (options.tail ? 0 : 1) - position);
        if (want === 0) {
          closeThen({ value: Buffer.concat(chunks) });
          return;
        }
        session.read(handle, Buffer.alloc(want), 0, want, start + position, (error, bytesRead, buffer) => {
          if (settled) return;
          if (error) {
            closeThen({ failure: sftpFailure(error) });
            return;
          }
          if (bytesRead === 0) {
            closeThen({ value: Buffer.concat(chunks) });
            return;
          }
          chunks.push(buffer.subarray(0, bytesRead));
          position += bytesRead;
          if (position > options.maxBytes) closeThen({ failure: tooLarge(path, position, options.maxBytes) });
          else next();
        });
      };
      next();
    };

    try {
      client.sftp((error, session) => {
        if (error) {
          fail(
            appError(
              'sftp-unavailable',
              `Could not start SFTP on the host to read ${path}: ${error.message}.`,
              'Enable the SFTP subsystem in the host’s sshd_config (Subsystem sftp internal-sftp).',
            ),
          );
          return;
        }
        sftp = session;
        if (settled) {
          session.end();
          return;
        }
        session.on('error', (sessionError: Error) => fail(lostDuring(`reading ${path}`, sessionError)));
        session.open(remotePath, 'r', (openError, handle) => {
          if (settled) return;
          if (openError) {
            if ((openError as Error & { code?: unknown }).code === SFTP_NO_SUCH_FILE) settle({ value: undefined });
            else fail(sftpFailure(openError));
            return;
          }
          session.fstat(handle, (statError, stats) => {
            if (settled) return;
            const failure = statError
              ? sftpFailure(statError)
              : stats.isDirectory()
                ? appError('remote-not-a-file', `${path} on the host is a directory, not a file.`, 'Check the path.')
                : stats.size > options.maxBytes && !options.tail
                  ? tooLarge(path, stats.size, options.maxBytes)
                  : undefined;
            if (failure) session.close(handle, () => fail(failure));
            else readAll(session, handle, options.tail ? Math.max(0, stats.size - options.maxBytes) : 0);
          });
        });
      });
    } catch (error) {
      fail(lostDuring(`reading ${path}`, error));
    }
  });
}

function tooLarge(path: string, size: number, maxBytes: number): AppError {
  return appError(
    'remote-file-too-large',
    `${path} on the host is ${size} bytes, more than the ${maxBytes} bytes this app reads.`,
    'Check that the path names the file you meant; it is far larger than expected.',
  );
}

function lostDuring(what: string, error?: unknown): AppError {
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return appError(
    'connection-lost',
    `The SSH connection was lost while running ${what}${detail}.`,
    'Reconnect and try again.',
  );
}

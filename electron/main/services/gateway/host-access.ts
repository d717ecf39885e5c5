// What fetch-from-host reads on the SSH host: the host user's login environment (only the variables that move the
// OpenClaw config or change the Gateway's port), through a login-shell command, and files, through SFTP. Nothing
// here knows what the config means.
import type { Client } from 'ssh2';
import { AppFailure } from '../../app-failure';
import { inLoginShell, readRemoteFile, runRemoteCommand } from '../ssh/remote';
import type { Clock } from '../system/clock';

/** The variables of the host user's login environment that move the config or change the port. */
const HOST_ENV_NAMES = [
  'HOME',
  'OPENCLAW_HOME',
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_CONFIG_PATH',
  'OPENCLAW_PROFILE',
  'OPENCLAW_GATEWAY_PORT',
] as const;
export type HostEnvironment = Partial<Record<(typeof HOST_ENV_NAMES)[number], string>>;

/** What fetch-from-host needs from the host; over SSH that is a login-shell command and SFTP. */
export interface HostAccess {
  /** The login environment, or undefined when the host would not tell (no exec, an exotic shell). */
  environment(): Promise<HostEnvironment | undefined>;
  /** A file's bytes, or undefined when there is none. `~/` at the start is the login home. */
  readFile(path: string, maxBytes: number): Promise<Buffer | undefined>;
}

/** The Gateway takes a variable that is blank after trimming as unset. */
export function envValue(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** Each command and file read on the host may take `timeoutMs` on `clock`. */
export function sshHostAccess(client: Client, timeoutMs: number, clock: Clock): HostAccess {
  return {
    environment: () => loginEnvironment(client, timeoutMs, clock),
    readFile: (path, maxBytes) => readRemoteFile(client, path, { clock, maxBytes, timeoutMs }),
  };
}

const ENV_MARKER = 'openclaw-remote-env';
/** Fixed text, nothing from the user: prints a marker, then each variable, NUL-terminated. */
const PRINT_ENV = `printf '%s\\0' ${ENV_MARKER} ${HOST_ENV_NAMES.map((name) => `"\${${name}-}"`).join(' ')}`;

async function loginEnvironment(client: Client, timeoutMs: number, clock: Clock): Promise<HostEnvironment | undefined> {
  let stdout: string;
  try {
    // The login environment: the Gateway may run with another one (a service); this is the best guess.
    const result = await runRemoteCommand(client, inLoginShell(PRINT_ENV), {
      clock,
      timeoutMs,
      maxOutputBytes: 256 * 1024,
    });
    if (result.code !== 0) return undefined;
    stdout = result.stdout;
  } catch (error) {
    // Without the environment the default locations are still worth trying; without the connection nothing is.
    if (error instanceof AppFailure && error.error.kind !== 'connection-lost') return undefined;
    throw error;
  }
  // Profile scripts may print a greeting first; the marker tells where our output starts.
  const fields = stdout.split('\0');
  const start = fields.lastIndexOf(ENV_MARKER);
  if (start < 0 || fields.length < start + 1 + HOST_ENV_NAMES.length) return undefined;
  return Object.fromEntries(HOST_ENV_NAMES.map((name, index) => [name, fields[start + 1 + index]]));
}

// The host's last SSH logins for "watch who gets in": `last -n 10` over the live SSH connection, read into user,
// terminal, origin and time, or one sentence on why the host will not say (no `last`, or wtmp the account may not read).
import type { Client } from 'ssh2';
import type { SshLogin } from '../../../shared/security-access';
import type { Clock } from '../system/clock';
import { runRemoteCommand } from './remote';

export const LAST_LOGINS_COMMAND = ['last', '-n', '10'] as const;
const TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
const WEEKDAY = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/;
/** Records that are no login: boots, shutdowns and run-level changes. */
const NOT_LOGINS = new Set(['reboot', 'shutdown', 'runlevel']);

export type LastLogins = { items: SshLogin[] } | { unavailable: string };

/** Runs `last -n 10` on the host and reads its answer. */
export async function lastLogins(client: Client, clock: Clock): Promise<LastLogins> {
  const result = await runRemoteCommand(client, LAST_LOGINS_COMMAND, {
    clock,
    timeoutMs: TIMEOUT_MS,
    maxOutputBytes: MAX_OUTPUT_BYTES,
  });
  return readLastOutput(result.code, result.stdout, result.stderr);
}

/** `last`'s exit code and output as logins, or the sentence that says why there are none to show. */
export function readLastOutput(code: number | null, stdout: string, stderr: string): LastLogins {
  const said = stderr.trim().split('\n')[0] ?? '';
  if (code === 127 || /(command )?not found|No such file or directory.*last/i.test(said)) {
    return { unavailable: 'The host has no `last` command, so its recent SSH logins cannot be listed.' };
  }
  if (/permission denied|cannot open|Operation not permitted/i.test(said)) {
    return {
      unavailable:
        "This account may not read the host's login records (wtmp), so its recent SSH logins cannot be listed.",
    };
  }
  if (code !== 0) {
    return { unavailable: `\`last\` on the host failed${said ? `: ${said}` : ` (exit ${String(code)})`}.` };
  }
  return { items: stdout.split('\n').flatMap((line) => loginOf(line) ?? []) };
}

function loginOf(line: string): SshLogin | undefined {
  const words = line.trim().split(/\s+/);
  const [user, tty] = words;
  // The closing "wtmp begins …" line, blank lines and boot records say nothing about who logged in.
  if (!user || !tty || /begins$/.test(tty) || words[1] === 'begins' || NOT_LOGINS.has(user)) return undefined;
  if (/^\S*wtmp\S*$/.test(user)) return undefined;
  const rest = words.slice(2);
  const hasOrigin = rest.length > 0 && !WEEKDAY.test(rest[0]!);
  const origin = hasOrigin ? rest[0] : undefined;
  const when = (hasOrigin ? rest.slice(1) : rest).join(' ');
  if (!when) return undefined;
  return { user, line: tty, ...(origin ? { origin } : {}), when };
}

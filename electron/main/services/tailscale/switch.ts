// The tailnets (Tailscale accounts) this Mac is logged in to, from `tailscale switch --list`, and moving to another
// with `tailscale switch <id>`. The list is a text table aligned by Go's tabwriter, so it is read by the header's
// column positions: a tailnet's display name may contain spaces.
import { appError, failure, success, type AppError, type Result } from '../../../shared/errors';
import { cliFailure, errorLine, firstLine, isGuiTrap, unusableAnswer, type RunCli } from './cli-runner';

export interface TailnetProfile {
  /** The profile ID `tailscale switch` takes (four hex digits today). */
  id: string;
  /** The tailnet's display name, or its domain when it has none. */
  tailnet: string;
  /** The login name of the account. */
  account: string;
  current: boolean;
}

/** `switch` waits until the backend is running (or asks for a login) before it exits. */
const SWITCH_TIMEOUT_MS = 20_000;
const HEADER = /^ID\s+Tailnet\s+Account\s*$/;

export async function listTailnets(cli: string, run: RunCli): Promise<Result<TailnetProfile[]>> {
  const command = 'switch --list';
  const outcome = await run(cli, ['switch', '--list']);
  if (outcome.kind !== 'exited' || outcome.code !== 0) return failure(cliFailure(cli, command, outcome));
  if (isGuiTrap(outcome.stdout)) return failure(unusableAnswer(cli, command, outcome.stdout));
  return readTable(outcome.stdout);
}

/** Switches to the tailnet with profile `id`, which must be one `switch --list` shows. */
export async function switchTailnet(cli: string, run: RunCli, id: string): Promise<Result<TailnetProfile>> {
  const listed = await listTailnets(cli, run);
  if (!listed.ok) return listed;
  // Only an ID the CLI itself listed reaches its argument list, so nothing can pass for a flag or a subcommand.
  const profile = listed.value.find((candidate) => candidate.id === id);
  if (!profile) {
    const known = listed.value.map((candidate) => `${candidate.id} (${candidate.tailnet})`).join(', ');
    return failure(
      appError(
        'tailscale-tailnet-unknown',
        `Tailscale knows no tailnet with the ID ${id}` + (known ? `; it knows ${known}.` : '.'),
        'Pick a tailnet from the list again; to add one, log in to it with Tailscale.',
      ),
    );
  }
  if (profile.current) return success(profile);
  const outcome = await run(cli, ['switch', profile.id], { timeoutMs: SWITCH_TIMEOUT_MS });
  if (outcome.kind === 'exited' && outcome.code === 0 && isGuiTrap(outcome.stdout)) {
    return failure(unusableAnswer(cli, `switch ${profile.id}`, outcome.stdout));
  }
  if (outcome.kind === 'exited' && outcome.code !== 0) return failure(switchFailed(profile, outcome));
  if (outcome.kind !== 'exited') return failure(cliFailure(cli, `switch ${profile.id}`, outcome));
  return success({ ...profile, current: true });
}

function switchFailed(profile: TailnetProfile, outcome: { stdout: string; stderr: string }): AppError {
  // The CLI reports its own errors on stderr, and a state it cannot continue from (stopped, awaiting approval)
  // on stdout.
  const said = errorLine(outcome.stderr) || firstLine(outcome.stdout.replace(/^Switching to account.*$/m, ''));
  return appError(
    'tailscale-switch-failed',
    `Tailscale could not switch to the tailnet ${profile.tailnet} (${profile.account})` + (said ? `: ${said}` : '.'),
    'Try the switch from the Tailscale menu; if that fails too, log in to that tailnet again.',
  );
}

function readTable(stdout: string): Result<TailnetProfile[]> {
  const lines = stdout.split('\n');
  const headerAt = lines.findIndex((line) => HEADER.test(line));
  const header = lines[headerAt];
  if (header === undefined) return failure(unreadable(stdout));
  // Go's tabwriter pads by runes, so positions count code points, not UTF-16 units.
  const tailnetAt = header.indexOf('Tailnet');
  const accountAt = header.indexOf('Account');
  const profiles: TailnetProfile[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.trim() === '') continue;
    const chars = [...line];
    const id = chars.slice(0, tailnetAt).join('').trim();
    const tailnet = chars.slice(tailnetAt, accountAt).join('').trim();
    const account = chars.slice(accountAt).join('').trim();
    if (!id || /\s/.test(id) || !tailnet || !account) return failure(unreadable(stdout));
    const current = account.endsWith('*');
    profiles.push({ id, tailnet, account: current ? account.slice(0, -1) : account, current });
  }
  return success(profiles);
}

function unreadable(stdout: string): AppError {
  const said = firstLine(stdout);
  return appError(
    'tailscale-switch-list-unreadable',
    'The list of tailnets from "tailscale switch --list" is not the table this app reads' +
      (said ? ` (it begins "${said}").` : ' (it is empty).'),
    'Older versions of Tailscale print this list differently: update Tailscale.',
  );
}

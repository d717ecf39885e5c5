// `openclaw-remote security [NAME]` and its forget commands: the Security page's trust facts of a profile in the terminal, and forgetting its host
// key or its device token, each confirmed (y/N on a terminal, --yes elsewhere) after showing exactly what goes.
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import type { RequestChannel, RequestInput, RequestResult } from '../../../shared/contract';
import type { HostKeyLine, SecurityOverview } from '../../../shared/security';
import { EXIT, type ExitCode } from './exit-codes';
import { CLI_FIX_STEPS } from './fix-steps';
import { usage } from './profile-flags';
import { confirmOnTerminal, type Terminal } from './terminal-prompts';

/** What the command needs from run-cli: the router call and a one-shot core. */
export interface SecurityCommandDeps {
  call<C extends RequestChannel>(channel: C, ...args: RequestInput<C>): Promise<RequestResult<C>>;
  stdout: Writable;
  terminal: Terminal;
}

export const SECURITY_TRUST_USAGE = `  security [NAME] [--json]               what the profile trusts: its SSH host key (file and line), this Mac's
                                         device id and pairing, the Gateway token's age, the docs' checklist
  security forget-host-key NAME [--yes]  remove the host's key lines from known_hosts (shown first); the next
                                         connect asks to trust the key again
  security forget-device-token NAME [--yes]
                                         forget the device token the profile's Gateway issued to this Mac`;

export async function securityTrustCommand(args: string[], deps: SecurityCommandDeps): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'forget-host-key') return forgetHostKey(rest, deps);
  if (sub === 'forget-device-token') return forgetDeviceToken(rest, deps);
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw usage('Expected at most one profile name: security [NAME].');
  const overview = await deps.call(
    'security:overview',
    positionals[0] === undefined ? {} : { profileId: positionals[0] },
  );
  if (values.json) deps.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
  else deps.stdout.write(describeOverview(overview));
  return EXIT.ok;
}

function describeOverview(overview: SecurityOverview): string {
  const { hostKey, device, token, checklist, profile } = overview;
  const out: string[] = [`${profile.name}`];
  out.push('  host key:');
  if (hostKey === null) out.push('    none: this profile reaches its Gateway at a URL, not over SSH');
  else {
    if (hostKey.problem) out.push(`    ${hostKey.problem}`);
    if (hostKey.tailscaleKeys) {
      out.push('    trusted from Tailscale (the keys it publishes for the device):');
      for (const key of hostKey.tailscaleKeys) out.push(`      ${key.keyType} ${key.fingerprint}`);
    }
    if (hostKey.lines.length === 0 && !hostKey.problem) {
      out.push(`    no known_hosts line names ${hostKey.knownHostsName}; the next connect asks to trust its key`);
    }
    for (const line of hostKey.lines)
      out.push(`    ${lineText(line)}${line.keptBecause ? ` (kept: ${line.keptBecause})` : ''}`);
    if (hostKey.presented) {
      out.push(`    CHANGED: the host now presents ${hostKey.presented.keyType} ${hostKey.presented.fingerprint}`);
    }
  }
  out.push(`  device id: ${device.deviceId}`);
  out.push(
    `  device: ${device.paired ? 'paired (a device token is stored)' : device.pendingRequestId ? `pending approval (request ${device.pendingRequestId})` : 'not paired'}`,
  );
  out.push(
    `  Gateway token: ${!token.stored ? 'none' : token.ageDays === undefined ? 'stored, age unknown' : `stored ${token.ageDays} day${token.ageDays === 1 ? '' : 's'} ago`}`,
  );
  if (token.reminder) out.push(`    ${token.reminder}`);
  out.push('  checklist:');
  for (const item of checklist) {
    out.push(`    ${STATUS_WORDS[item.status]} ${item.label}: ${item.detail}`);
    if (item.howTo) out.push(`         fix: ${item.howTo}`);
    else if (item.fix && item.status === 'missed')
      out.push(`         fix: ${CLI_FIX_STEPS[item.fix]({ profileName: profile.name })}`);
  }
  return `${out.join('\n')}\n`;
}

const STATUS_WORDS = { met: 'ok  ', missed: 'MISS', unknown: '?   ', 'not-applicable': 'n/a ' } as const;

function lineText(line: HostKeyLine): string {
  return `${line.file} line ${line.line}: ${line.keyType} ${line.fingerprint} (${line.hosts})`;
}

async function forgetHostKey(args: string[], deps: SecurityCommandDeps): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw usage('Expected exactly one profile name: security forget-host-key NAME.');
  const overview = await deps.call('security:overview', { profileId: positionals[0]! });
  const lines = overview.hostKey?.lines.filter((line) => line.forget !== 'keep') ?? [];
  if (lines.length === 0) {
    deps.stdout.write(`No known_hosts line of ${overview.profile.name}'s host can be removed; nothing to forget.\n`);
    return EXIT.ok;
  }
  deps.stdout.write(
    `This removes from known_hosts:\n${lines.map((line) => `  ${lineText(line)}${line.forget === 'remove-name' ? ' (only this host’s name)' : ''}\n`).join('')}`,
  );
  if (!(await confirmed(values.yes, deps, 'Forget this host key?'))) return EXIT.invalid;
  const { removed } = await deps.call('security:forget-host-key', {
    profileId: overview.profile.id,
    expected: lines.map(({ file, line, fingerprint }) => ({ file, line, fingerprint })),
  });
  deps.stdout.write(
    `Forgot ${removed.length} line${removed.length === 1 ? '' : 's'}; the next connect asks to trust the host's key.\n`,
  );
  return EXIT.ok;
}

async function forgetDeviceToken(args: string[], deps: SecurityCommandDeps): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { yes: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw usage('Expected exactly one profile name: security forget-device-token NAME.');
  const overview = await deps.call('security:overview', { profileId: positionals[0]! });
  if (!overview.device.paired) {
    deps.stdout.write(`No device token is stored for ${overview.profile.name}'s Gateway; nothing to forget.\n`);
    return EXIT.ok;
  }
  deps.stdout.write(
    `This forgets the device token ${overview.profile.name}'s Gateway issued to this Mac; the next connect signs in ` +
      'with the Gateway token (and may need approval again).\n',
  );
  if (!(await confirmed(values.yes, deps, 'Forget the device token?'))) return EXIT.invalid;
  await deps.call('security:forget-device-token', { profileId: overview.profile.id });
  deps.stdout.write('Forgot the device token.\n');
  return EXIT.ok;
}

/** --yes, or a "y" typed on a terminal; without a terminal and --yes, nothing is changed. */
async function confirmed(yes: boolean | undefined, deps: SecurityCommandDeps, question: string): Promise<boolean> {
  if (yes) return true;
  if (deps.terminal.input.isTTY !== true) {
    deps.stdout.write('Nothing was changed: pass --yes to confirm without a terminal.\n');
    return false;
  }
  if (await confirmOnTerminal(deps.terminal, question)) return true;
  deps.stdout.write('Nothing was changed.\n');
  return false;
}

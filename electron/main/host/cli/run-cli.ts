// `openclaw-remote`: the commands, their flags and their output, over the same services and settings as the app.
// Everything the commands touch comes in through CliServices, so tests run the real thing against a data
// directory of their own; errors print as a sentence and a next step, and end in a documented exit code.
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { AppError } from '../../../shared/errors';
import type { Profile, ProfileInput } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';
import type { ConnectionManager } from '../../services/connection/connection-manager';
import type { ConnectionPrompts } from '../../services/connection/remembered-passphrases';
import { findDevice, tailscaleRouteFor } from '../../services/tailscale/device-route';
import type { TailscaleService } from '../../services/tailscale/tailscale-service';
import { EXIT, type ExitCode } from './exit-codes';
import { PROFILE_FLAG_OPTIONS, routeChoiceOf, usage, UsageError } from './profile-flags';
import { describeStatus, statusReport } from './status-report';
import { terminalPrompts, type Terminal } from './terminal-prompts';
import { readToken } from './token-source';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Terminal['input'] & Readable;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: `connect` then closes cleanly. */
  interrupt: AbortSignal;
}

/** What the commands need, opened once the data directory is known. */
export interface CliServices {
  /** Problems found while opening the settings (a broken file moved aside), shown before anything else. */
  problems: AppError[];
  /** Shown when a secret is stored: where and how the plain-Node secrets file keeps it. */
  secretsWarning: AppError;
  profiles: {
    list(): Profile[];
    find(ref: string | undefined): Profile;
    add(input: Omit<ProfileInput, 'id'>, options: { token?: string; primary?: boolean }): Promise<Profile>;
    remove(ref: string): Promise<Profile>;
    hasToken(profileId: string): Promise<boolean>;
    primaryId(): string | undefined;
  };
  /**
   * A connection manager for this command alone: the app's remembered state is left as it is. `lasting`: it is held
   * open (connect), so a profile's "Also set up the OpenClaw CLI" applies; a one-shot status leaves that config be.
   */
  connection(prompts: ConnectionPrompts, lasting: boolean): ConnectionManager;
  tailscale(cliPath: string | undefined): TailscaleService;
}

export const USAGE = `usage: openclaw-remote [--data-dir DIR] <command>

commands:
  profiles list [--json]                 the saved remote Gateways (* marks the primary one)
  profiles show NAME [--json]            one profile's settings (never its token)
  profiles add NAME ROUTE [options]      save a remote Gateway; ROUTE is one of
      --ssh user@host[:port]|alias       an SSH tunnel the app owns
        [--ssh-port N] [--identity PATH] [--local-port N (0: any free port)] [--remote-port N]
        [--ephemeral-port-fallback] [--allow-password]
      --tailscale [user@]DEVICE [--via url|ssh] [--tailscale-cli PATH]
                                         a device of your tailnet (SSH options as above with --via ssh)
      --url ws(s)://host[:port] [--tls-fingerprint sha256:HEX] [--accept-insecure]
    token (never on the command line):  --token-file FILE | --token-stdin | OPENCLAW_GATEWAY_TOKEN
    [--configure-openclaw]               also point the OpenClaw CLI on this Mac at this Gateway
    [--primary]                          make it the primary profile
  profiles remove NAME                   forget a profile and its secrets
  connect [NAME] [--accept-new-host-key] hold the connection until Ctrl-C, reconnecting as needed
  status [NAME] [--json] [--timeout S] [--accept-new-host-key]
                                         connect once, check the Gateway's health, report, disconnect
  tailscale devices [--json] [--tailscale-cli PATH]
                                         the tailnet's devices, and which run a Gateway

  --data-dir DIR (or OPENCLAW_REMOTE_HOME) keeps settings and secrets in DIR.
  Host keys are checked against ~/.ssh/known_hosts like OpenSSH; an unknown key is asked about on a terminal
  and refused without one unless --accept-new-host-key is given; a changed key is always refused.

exit codes: 0 ok, 1 the connection or check failed, 2 wrong command line, 3 an input was refused`;

const DEFAULT_STATUS_TIMEOUT_S = 30;

export async function runCli(
  argv: string[],
  io: CliIo,
  openServices: (dataDir: string | undefined) => Promise<CliServices>,
): Promise<ExitCode> {
  try {
    const { dataDir, rest } = splitGlobalFlags(argv);
    const [command, ...args] = rest;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (!['profiles', 'connect', 'status', 'tailscale'].includes(command)) {
      throw usage(`Unknown command "${command}".`);
    }
    const services = await openServices(dataDir);
    for (const problem of services.problems) printError(io.stderr, problem, 'warning');
    switch (command) {
      case 'profiles':
        return await profilesCommand(args, io, services);
      case 'connect':
        return await connectCommand(args, io, services);
      case 'status':
        return await statusCommand(args, io, services);
      default:
        return await tailscaleCommand(args, io, services);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(io.stderr, error.error);
      return EXIT.usage;
    }
    if (error instanceof AppFailure) {
      printError(io.stderr, error.error);
      return EXIT.invalid;
    }
    // parseArgs' own errors (unknown option, missing value) are usage errors too.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`openclaw-remote: ${error.message}\nSee "openclaw-remote --help".\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function splitGlobalFlags(argv: string[]): { dataDir: string | undefined; rest: string[] } {
  const rest = [...argv];
  let dataDir: string | undefined;
  const index = rest.findIndex((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
  if (index !== -1) {
    const arg = rest[index]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[index + 1];
    if (value === undefined || value === '' || value.startsWith('-')) throw usage('--data-dir needs a directory.');
    rest.splice(index, arg.includes('=') ? 1 : 2);
    dataDir = value;
  }
  return { dataDir, rest };
}

async function profilesCommand(args: string[], io: CliIo, services: CliServices): Promise<ExitCode> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, strict: true });
      const profiles = services.profiles.list();
      const primary = services.profiles.primaryId();
      if (values.json) {
        writeJson(io.stdout, { primary: primary ?? null, profiles });
      } else if (profiles.length === 0) {
        io.stdout.write('No profiles yet. Add one with "openclaw-remote profiles add NAME --ssh user@host".\n');
      } else {
        for (const profile of profiles) {
          io.stdout.write(`${profile.id === primary ? '*' : ' '} ${profile.name}  ${describeRoute(profile)}\n`);
        }
      }
      return EXIT.ok;
    }
    case 'show': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      const profile = services.profiles.find(onlyName(positionals, 'profiles show NAME'));
      const hasToken = await services.profiles.hasToken(profile.id);
      const primary = services.profiles.primaryId() === profile.id;
      if (values.json) {
        writeJson(io.stdout, { ...profile, primary, token: hasToken ? 'stored' : 'none' });
      } else {
        io.stdout.write(
          `${profile.name}${primary ? ' (primary)' : ''}\n  route: ${describeRoute(profile)}\n` +
            `  token: ${hasToken ? 'stored' : 'none'}\n` +
            `  OpenClaw CLI set up: ${profile.configureOpenclaw ? 'yes' : 'no'}\n`,
        );
      }
      return EXIT.ok;
    }
    case 'add':
      return addProfile(rest, io, services);
    case 'remove': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
      const removed = await services.profiles.remove(onlyName(positionals, 'profiles remove NAME'));
      io.stdout.write(`Removed ${removed.name} and its stored secrets.\n`);
      return EXIT.ok;
    }
    default:
      throw usage(
        sub === undefined ? 'profiles needs list, show, add or remove.' : `Unknown profiles command "${sub}".`,
      );
  }
}

async function addProfile(args: string[], io: CliIo, services: CliServices): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...PROFILE_FLAG_OPTIONS,
      'token-file': { type: 'string' },
      'token-stdin': { type: 'boolean' },
      'configure-openclaw': { type: 'boolean' },
      primary: { type: 'boolean' },
      'tailscale-cli': { type: 'string' },
      token: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.token !== undefined) {
    throw usage(
      'A token is never taken on the command line, where ps and the shell history would show it. Use ' +
        '--token-file FILE, --token-stdin or OPENCLAW_GATEWAY_TOKEN.',
    );
  }
  const name = onlyName(positionals, 'profiles add NAME --ssh|--tailscale|--url …');
  const choice = routeChoiceOf(values);
  const token = await readToken(
    { tokenFile: values['token-file'], tokenStdin: values['token-stdin'] },
    io.stdin,
    io.env,
  );
  let route: ProfileInput['route'];
  if (choice.kind === 'tailscale') {
    route = await tailscaleRoute(choice, services.tailscale(values['tailscale-cli']), io);
  } else {
    route = choice.route;
  }
  const profile = await services.profiles.add(
    { name, route, configureOpenclaw: values['configure-openclaw'] ?? false },
    { ...(token === undefined ? {} : { token }), ...(values.primary ? { primary: true } : {}) },
  );
  io.stdout.write(`Saved ${profile.name}: ${describeRoute(profile)}${token ? ' (token stored)' : ''}.\n`);
  if (token) printError(io.stderr, services.secretsWarning, 'note');
  return EXIT.ok;
}

async function tailscaleRoute(
  choice: Extract<ReturnType<typeof routeChoiceOf>, { kind: 'tailscale' }>,
  tailscale: TailscaleService,
  io: CliIo,
): Promise<ProfileInput['route']> {
  // Discovery only when the route may be a URL: an SSH route needs the device, not a probe of every peer.
  const status = choice.via === 'ssh' ? await tailscale.status() : await tailscale.discoverGateways();
  if (!status.ok) throw new AppFailure(status.error);
  const tailnet = 'devices' in status.value ? status.value : status.value.status;
  // `user@device` names the SSH login too, as ssh's own targets do.
  const at = choice.device.lastIndexOf('@');
  const user = at > 0 ? choice.device.slice(0, at) : undefined;
  const device = findDevice(tailnet, choice.device.slice(at + 1));
  if (!device.ok) throw new AppFailure(device.error);
  const route = tailscaleRouteFor(device.value, {
    ...(choice.via ? { via: choice.via } : {}),
    ssh: choice.ssh,
    ...(user ? { user } : {}),
  });
  if (!route.ok) throw new AppFailure(route.error);
  if (route.value.via.kind === 'url')
    io.stdout.write(`A Gateway answers on ${device.value.name} at ${route.value.via.url}.\n`);
  return route.value;
}

async function connectCommand(args: string[], io: CliIo, services: CliServices): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'accept-new-host-key': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const profile = services.profiles.find(optionalName(positionals, 'connect [NAME]'));
  const manager = services.connection(promptsOf(io, values['accept-new-host-key']), true);
  let last = '';
  const finished = new Promise<ExitCode>((resolve) => {
    manager.on('status', (status) => {
      const line = describeStatus(status);
      if (line !== last) io.stdout.write(`${new Date().toISOString()}  ${line}\n`);
      last = line;
      if (status.state === 'error') resolve(EXIT.failed);
    });
    io.interrupt.addEventListener('abort', () => resolve(EXIT.ok), { once: true });
  });
  await manager.connect(profile.id);
  const code = io.interrupt.aborted ? EXIT.ok : await finished;
  await manager.shutdown();
  io.stdout.write(code === EXIT.ok ? 'Disconnected.\n' : '');
  return code;
}

async function statusCommand(args: string[], io: CliIo, services: CliServices): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, timeout: { type: 'string' }, 'accept-new-host-key': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const timeoutText = values.timeout ?? String(DEFAULT_STATUS_TIMEOUT_S);
  if (!/^\d+$/u.test(timeoutText) || Number(timeoutText) < 1) {
    throw usage(`--timeout takes a number of seconds (at least 1), not "${timeoutText}".`);
  }
  const profile = services.profiles.find(optionalName(positionals, 'status [NAME]'));
  const manager = services.connection(promptsOf(io, values['accept-new-host-key']), false);
  const settled = await settle(manager, profile, Number(timeoutText) * 1000, io.interrupt);
  await manager.shutdown();
  const report = statusReport(profile, settled);
  if (values.json) writeJson(io.stdout, report);
  else io.stdout.write(`${describeStatus(settled)}\n`);
  if (!report.ok && !values.json && report.error) printError(io.stderr, report.error);
  return report.ok ? EXIT.ok : EXIT.failed;
}

/**
 * Connects and waits for a verdict: up with a measured health check, a failure only a person can fix, or attempts
 * failing in a row (see failedAttempt), all within the timeout.
 */
async function settle(
  manager: ConnectionManager,
  profile: Profile,
  timeoutMs: number,
  interrupt: AbortSignal,
): Promise<ConnectionStatus> {
  let timer: NodeJS.Timeout | undefined;
  const verdict = new Promise<ConnectionStatus>((resolve) => {
    const check = (status: ConnectionStatus) => {
      const measured = (status.state === 'connected' || status.state === 'degraded') && status.latencyMs !== undefined;
      if (measured || status.state === 'error' || failedAttempt(status)) resolve(status);
    };
    manager.on('status', check);
    timer = setTimeout(() => {
      const status = manager.status;
      resolve({
        ...status,
        state: 'error',
        lastError: {
          kind: 'status-timeout',
          message: `No verdict within ${timeoutMs / 1000} s (the connection was ${status.state}${status.route?.stage ? `: ${status.route.stage}` : ''}).`,
          hint: 'Try again with a longer --timeout, or run "openclaw-remote connect" to watch it.',
        },
      });
    }, timeoutMs);
    interrupt.addEventListener(
      'abort',
      () => resolve({ ...manager.status, state: 'error', lastError: { kind: 'cancelled', message: 'Cancelled.' } }),
      {
        once: true,
      },
    );
  });
  await manager.connect(profile.id);
  const status = await verdict;
  clearTimeout(timer);
  return status;
}

/** A Gateway that is starting or restarting, or asks to slow down, is worth a few more attempts. */
const PASSING_KINDS = new Set(['gateway-starting', 'gateway-restarting', 'gateway-rate-limited']);

/**
 * Failed attempts a one-shot check reports rather than waiting through more backoff: a second failure in a row (one
 * can be a blip: a busy host, a link just dropped), or a third while the Gateway says it is starting.
 */
function failedAttempt(status: ConnectionStatus): boolean {
  if (status.state !== 'reconnecting' || !status.lastError) return false;
  const attempts = status.retry?.attempt ?? 0;
  return attempts >= (PASSING_KINDS.has(status.lastError.kind) ? 3 : 2);
}

async function tailscaleCommand(args: string[], io: CliIo, services: CliServices): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub !== 'devices')
    throw usage(sub === undefined ? 'tailscale needs a command: devices.' : `Unknown tailscale command "${sub}".`);
  const { values } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean' }, 'tailscale-cli': { type: 'string' } },
    strict: true,
  });
  const scan = await services.tailscale(values['tailscale-cli']).discoverGateways();
  if (!scan.ok) {
    if (values.json) writeJson(io.stdout, { ok: false, error: scan.error });
    else printError(io.stderr, scan.error);
    return EXIT.failed;
  }
  const { status, unanswered } = scan.value;
  if (values.json) {
    writeJson(io.stdout, {
      ok: status.state === 'running',
      state: status.state,
      sentence: status.sentence,
      ...(status.tailnet ? { tailnet: status.tailnet.name } : {}),
      devices: status.devices,
      unanswered,
    });
    return EXIT.ok;
  }
  io.stdout.write(`${status.sentence}\n`);
  for (const device of status.devices) {
    const gateway = device.gateway ? `  Gateway at ${device.gateway.url}` : '';
    const presence = device.online ? 'online' : `offline${device.lastSeen ? ` (last seen ${device.lastSeen})` : ''}`;
    io.stdout.write(
      `  ${device.name.padEnd(24)} ${(device.ips[0] ?? '').padEnd(16)} ${device.os.padEnd(8)} ${presence}${gateway}\n`,
    );
  }
  return EXIT.ok;
}

/** Questions go to standard error, so standard output stays the command's result (status JSON, say). */
function promptsOf(io: CliIo, acceptNewHostKey: boolean | undefined): ConnectionPrompts {
  return terminalPrompts({ input: io.stdin, output: io.stderr }, { acceptNewHostKey: acceptNewHostKey ?? false });
}

function describeRoute(profile: Profile): string {
  const { route } = profile;
  switch (route.kind) {
    case 'ssh':
      return `SSH ${route.target}, local port ${route.localPort || 'any'} → Gateway port ${route.remotePort}`;
    case 'direct':
      return `URL ${route.url}${route.tlsFingerprint ? ' (certificate pinned)' : ''}`;
    case 'tailscale':
      return route.via.kind === 'url'
        ? `Tailscale ${route.deviceName} at ${route.via.url}`
        : `Tailscale ${route.deviceName} over SSH ${route.via.target}, local port ${route.via.localPort || 'any'}`;
  }
}

function onlyName(positionals: string[], form: string): string {
  if (positionals.length !== 1) throw usage(`Expected exactly one profile name: ${form}.`);
  return positionals[0]!;
}

function optionalName(positionals: string[], form: string): string | undefined {
  if (positionals.length > 1) throw usage(`Expected at most one profile name: ${form}.`);
  return positionals[0];
}

function writeJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

function printError(out: Writable, error: AppError, label = 'error'): void {
  out.write(`openclaw-remote: ${label}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
}

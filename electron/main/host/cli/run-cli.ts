// `openclaw-remote`: the commands, their flags and their output, over the same services and settings as the app.
// Everything the commands touch comes in through CliServices, so tests run the real thing against a data
// directory of their own; errors print as a sentence and a next step, and end in a documented exit code.
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { DoctorStep } from '../../../shared/doctor';
import { GATEWAY_LOG_MAX_LINES, type GatewayLogLine } from '../../../shared/gateway-log';
import { routeSummary, statusLine } from '../../../shared/describe-connection';
import type { Api, RequestChannel, RequestInput, RequestResult } from '../../../shared/contract';
import { fixActionOf } from '../../../shared/error-kinds';
import type { AppError, AppErrorKind } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { TailnetStatusView } from '../../../shared/tailnet';
import { AppFailure } from '../../app-failure';
import type { ConnectionPrompts } from '../../services/connection/remembered-passphrases';
import { EXIT, type ExitCode } from './exit-codes';
import { CLI_FIX_STEPS, type FixStepContext } from './fix-steps';
import { PROFILE_FLAG_OPTIONS, routeChoiceOf, usage, UsageError } from './profile-flags';
import { SECURITY_TRUST_USAGE, securityTrustCommand } from './security-command';
import { statusReport } from './status-report';
import { failedAttempt } from './status-verdict';
import { terminalPrompts, type Terminal } from './terminal-prompts';
import { readToken } from './token-source';
import type { RunningAppReach } from './running-app';
import { MAX_PASSPHRASE_LENGTH, type SshKey, type WhoGetsIn } from '../../../shared/security-access';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Terminal['input'] & Readable;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: `connect` then closes cleanly. */
  interrupt: AbortSignal;
}

/** How a command wants the app's core opened: where, how it asks a person, and whether its connection lasts. */
export interface CliOpenOptions {
  dataDir: string | undefined;
  prompts: ConnectionPrompts;
  /**
   * The connection is held open (connect), so a profile's "Also set up the OpenClaw CLI" applies; a one-shot status
   * leaves that config be, since its tunnel port is gone the moment it ends.
   */
  lasting: boolean;
  /** `--tailscale-cli PATH`: this command's Tailscale CLI instead of the saved or found one. */
  tailscaleCli?: string;
}

/** What a command needs of the app's core, in this process or the running app's: the contract, and a way to end. */
export interface CommandServices extends Api {
  /** Closes what this command opened: in this process the connection, through the app only its socket. */
  shutdown(): Promise<void>;
}

/** The app's actions as the CLI reaches them: the same contract the window speaks, served in this process. */
export interface CliServices extends CommandServices {
  /** Problems found while opening the settings (a broken file moved aside), shown before anything else. */
  problems: AppError[];
  /** Shown when a secret is stored where no keychain answered: where and how the plain-Node secrets file keeps it. */
  secretsWarning?: AppError;
}

/** Finds the running app for the data directory the global flags chose (running-app.ts). */
export type ReachApp = (dataDir: string | undefined) => Promise<RunningAppReach>;

/** Said wherever the running app, not this process, answered. */
const THROUGH_APP = '(through the running OpenClaw Remote app)';

/** An action's refusal, with the exit code it ends the command with. */
class CliFailure extends AppFailure {
  constructor(
    error: AppError,
    readonly code: ExitCode,
  ) {
    super(error);
  }
}

/** Refusals of what was typed (a field, a profile name, a token): exit 3 whatever the command. */
const INPUT_KINDS: ReadonlySet<AppErrorKind> = new Set<AppErrorKind>([
  'invalid-payload',
  'invalid-profile',
  'invalid-token',
  'profile-not-found',
  'profile-name-taken',
  'no-profiles',
  'no-primary-profile',
  'identity-file-missing',
  'identity-file-invalid',
  'fetch-token-needs-ssh',
  'stability-settings-need-ssh',
  'host-key-needs-ssh',
]);

export const USAGE = `usage: openclaw-remote [--data-dir DIR] <command>

commands:
  profiles list [--json]                 the saved remote Gateways (* marks the primary one)
  profiles show [NAME] [--json]          one profile's settings (never its token); the primary one without NAME
  profiles add NAME ROUTE [options]      save a remote Gateway; ROUTE is one of
      --ssh user@host[:port]|alias       an SSH tunnel the app owns
        [--ssh-port N] [--identity PATH] [--local-port N (0: any free port)] [--remote-port N]
        [--ephemeral-port-fallback] [--allow-password]
        [--keepalive-interval S] [--keepalive-count-max N]  (override ServerAliveInterval/CountMax)
      --tailscale [user@]DEVICE [--via url|ssh] [--tailscale-cli PATH]
                                         a device of your tailnet (SSH options as above with --via ssh)
      --url ws(s)://host[:port] [--tls-fingerprint sha256:HEX] [--accept-insecure]
    token (never on the command line):  --token-file FILE | --token-stdin | OPENCLAW_GATEWAY_TOKEN
                                         | --fetch-token (read it from the host's OpenClaw config over SSH)
    [--configure-openclaw]               also point the OpenClaw CLI on this Mac at this Gateway
    [--primary]                          make it the primary profile
  profiles fetch-token NAME [--accept-new-host-key]
                                         read the Gateway's token and port from its host's OpenClaw config over
                                         SSH and store them in the profile (the token is never printed)
  profiles steady NAME                   set the profile's SSH keepalive to steadier values, chosen from why its
                                         link dropped (used from the next connect)
  profiles import-openclaw               save the remote Gateway this Mac's OpenClaw CLI uses (~/.openclaw) as a profile
  profiles primary NAME                  make a profile the primary one
  profiles remove NAME                   forget a profile and its secrets
  connect [NAME] [--accept-new-host-key] hold the connection until Ctrl-C, reconnecting as needed
  disconnect                             end the running app's connection
  status [NAME] [--json] [--timeout S] [--accept-new-host-key]
                                         connect once, check the Gateway's health, report, disconnect
  tailscale devices [--json] [--tailscale-cli PATH]
                                         the tailnet's devices, and which run a Gateway
  tailscale tailnets [--json]            the tailnets this Mac is logged in to (* marks the current one)
  tailscale switch ID                    switch this Mac to another of those tailnets
  doctor [NAME] [--json|--markdown]      check the way to the Gateway step by step (name, port, host key, login,
                                         local port, forward, health, sign-in, the Gateway on its host, its log);
                                         each step as it finishes, with what to do; --json / --markdown print the
                                         report as the window saves it; never trusts a new host key, never prints
                                         a secret
  doctor [NAME] --free-port              stop the earlier OpenClaw Remote tunnel that holds the profile's local port
${SECURITY_TRUST_USAGE}
  security key NAME [--json]             the SSH key the profile uses: type, size, SHA256 fingerprint, age
  security keygen NAME [--passphrase-stdin]
                                         write a new Ed25519 key to ~/.ssh (never over a file there) and make it the
                                         profile's identity file; the passphrase, if any, is read from stdin
  security install-key NAME [--accept-new-host-key]
                                         connect, and add the profile's public key to ~/.ssh/authorized_keys on the
                                         host once (a key already there is left alone)
  security who NAME [--json] [--accept-new-host-key]
                                         connect, and list who gets in: the Gateway's connected clients, its paired
                                         devices, and the host's last SSH logins (last -n 10)
  logs [NAME] [--follow] [--lines N] [--json] [--timeout S] [--accept-new-host-key]
                                         connect (or use the running app's link), print the Gateway's own log
                                         (the last N lines, default 100, every secret the app holds redacted);
                                         --follow keeps printing new lines until Ctrl-C; --json prints one
                                         {"level","text"} object per line

  --data-dir DIR (or OPENCLAW_REMOTE_HOME) keeps settings and secrets in DIR.
  While the OpenClaw Remote app runs, status, connect, disconnect and doctor act on its connection (through its
  socket in the data folder) instead of opening a tunnel of their own; its window asks any question.
  Host keys are checked against ~/.ssh/known_hosts like OpenSSH; an unknown key is asked about on a terminal
  and refused without one unless --accept-new-host-key is given; a changed key is always refused.

exit codes: 0 ok, 1 the connection or check failed, 2 wrong command line, 3 an input was refused`;

const DEFAULT_STATUS_TIMEOUT_S = 30;
/** setTimeout's limit (2^31 - 1 ms), in whole seconds: a longer --timeout would fire at once. */
const MAX_STATUS_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);

/** Opens the core for one command, in the data directory the global flags chose. */
type OpenServices = (options: Omit<CliOpenOptions, 'dataDir'>) => Promise<CliServices>;

/** The running app's contract when one answers for this data directory; undefined: work in this process. */
type Reach = () => Promise<CommandServices | undefined>;

export async function runCli(
  argv: string[],
  io: CliIo,
  openServices: (options: CliOpenOptions) => Promise<CliServices>,
  reachApp: ReachApp = () => Promise.resolve({ kind: 'absent' }),
): Promise<ExitCode> {
  try {
    const { dataDir, rest } = splitGlobalFlags(argv);
    const [command, ...args] = rest;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    const open: OpenServices = async (options) => {
      const services = await openServices({ ...options, dataDir });
      for (const problem of services.problems) printError(io.stderr, problem, 'warning');
      return services;
    };
    // Only the commands about the live connection (and the Gateway log, read through it) go to the app; the others
    // read and write the settings and secrets the app shares, or open a short link of their own for one answer
    // (security who, install-key), and run here.
    const reach: Reach = async () => {
      const found = await reachApp(dataDir);
      if (found.kind === 'refused') throw new CliFailure(found.error, EXIT.failed);
      if (found.kind === 'absent' && found.note) {
        io.stderr.write(`openclaw-remote: note: ${found.note}; working in this process.\n`);
      }
      return found.kind === 'app' ? found.services : undefined;
    };
    switch (command) {
      case 'profiles':
        return await profilesCommand(args, io, open);
      case 'connect':
        return await connectCommand(args, io, open, reach);
      case 'disconnect':
        return await disconnectCommand(args, io, reach);
      case 'status':
        return await statusCommand(args, io, open, reach);
      case 'tailscale':
        return await tailscaleCommand(args, io, open);
      case 'doctor':
        return await doctorCommand(args, io, open, reach);
      case 'security':
        // key, keygen, install-key and who are the access sections'; the rest (NAME, forget-…) the trust sections'.
        return isAccessSubcommand(args[0])
          ? await securityCommand(args[0], args.slice(1), io, open)
          : await trustCommand(args, io, open);
      case 'logs':
        return await logsCommand(args, io, open, reach);
      default:
        throw usage(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(io.stderr, error.error);
      return EXIT.usage;
    }
    if (error instanceof CliFailure) {
      printError(io.stderr, error.error);
      return error.code;
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

/**
 * Runs one action through the app's router, as the window does. A refusal ends the command: exit 3 for what was typed,
 * `failedCode` for anything else (a host that does not answer, a tailnet that is down).
 */
async function call<C extends RequestChannel>(
  services: Api,
  failedCode: ExitCode,
  channel: C,
  ...args: RequestInput<C>
): Promise<RequestResult<C>> {
  const result = await services.invoke(channel, ...args);
  if (result.ok) return result.value;
  throw new CliFailure(result.error, INPUT_KINDS.has(result.error.kind) ? EXIT.invalid : failedCode);
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

async function profilesCommand(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, strict: true });
      const { profiles, primaryId } = await call(await oneShot(io, open), EXIT.invalid, 'profiles:list');
      if (values.json) {
        writeJson(io.stdout, { primary: primaryId, profiles });
      } else if (profiles.length === 0) {
        io.stdout.write('No profiles yet. Add one with "openclaw-remote profiles add NAME --ssh user@host".\n');
      } else {
        for (const profile of profiles) {
          io.stdout.write(`${profile.id === primaryId ? '*' : ' '} ${profile.name}  ${routeSummary(profile.route)}\n`);
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
      const id = optionalName(positionals, 'profiles show [NAME]');
      const services = await oneShot(io, open);
      const { profile, primary, hasToken } = await call(services, EXIT.invalid, 'profiles:get', profileRef(id));
      if (values.json) {
        writeJson(io.stdout, { ...profile, primary, token: hasToken ? 'stored' : 'none' });
      } else {
        io.stdout.write(
          `${profile.name}${primary ? ' (primary)' : ''}\n  route: ${routeSummary(profile.route)}\n` +
            `  token: ${hasToken ? 'stored' : 'none'}\n` +
            (sshOf(profile) ? `  keepalive: ${keepaliveLine(profile)}\n` : '') +
            `  OpenClaw CLI set up: ${profile.configureOpenclaw ? 'yes' : 'no'}\n`,
        );
      }
      return EXIT.ok;
    }
    case 'add':
      return addProfile(rest, io, open);
    case 'fetch-token': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { 'accept-new-host-key': { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      const id = onlyName(positionals, 'profiles fetch-token NAME');
      const services = await oneShot(io, open, values['accept-new-host-key']);
      await fetchToken(services, io, id);
      return EXIT.ok;
    }
    case 'steady': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
      const id = onlyName(positionals, 'profiles steady NAME');
      const profile = await call(await oneShot(io, open), EXIT.invalid, 'profiles:apply-stability-settings', {
        profileId: id,
      });
      io.stdout.write(`${profile.name}: ${keepaliveLine(profile)}; used from the next connect.\n`);
      return EXIT.ok;
    }
    case 'import-openclaw': {
      parseArgs({ args: rest, options: {}, strict: true });
      const imported = await call(await oneShot(io, open), EXIT.failed, 'openclaw:import', { accept: true });
      if (imported) io.stdout.write(`Imported ${imported.name}: ${routeSummary(imported.route)}.\n`);
      return EXIT.ok;
    }
    case 'primary': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
      const id = onlyName(positionals, 'profiles primary NAME');
      const profile = await call(await oneShot(io, open), EXIT.invalid, 'profiles:set-primary', { id });
      io.stdout.write(`${profile.name} is now the primary profile.\n`);
      return EXIT.ok;
    }
    case 'remove': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
      const id = onlyName(positionals, 'profiles remove NAME');
      const removed = await call(await oneShot(io, open), EXIT.invalid, 'profiles:remove', { id });
      io.stdout.write(`Removed ${removed.name} and its stored secrets.\n`);
      return EXIT.ok;
    }
    default:
      throw usage(
        sub === undefined
          ? 'profiles needs list, show, add, fetch-token, steady, import-openclaw, primary or remove.'
          : `Unknown profiles command "${sub}".`,
      );
  }
}

async function addProfile(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...PROFILE_FLAG_OPTIONS,
      'token-file': { type: 'string' },
      'token-stdin': { type: 'boolean' },
      'fetch-token': { type: 'boolean' },
      'accept-new-host-key': { type: 'boolean' },
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
  const fetch = values['fetch-token'] === true;
  if (fetch && (values['token-file'] !== undefined || values['token-stdin'])) {
    throw usage('--fetch-token reads the token from the host: leave out --token-file and --token-stdin.');
  }
  const token = fetch
    ? undefined
    : await readToken({ tokenFile: values['token-file'], tokenStdin: values['token-stdin'] }, io.stdin, io.env);
  const services = await oneShot(io, open, values['accept-new-host-key'], values['tailscale-cli']);
  const saving = {
    configureOpenclaw: values['configure-openclaw'] ?? false,
    ...(token === undefined ? {} : { token }),
    ...(values.primary ? { primary: true } : {}),
  };
  let profile: Profile;
  if (choice.kind === 'tailscale') {
    // `user@device` names the SSH login too, as ssh's own targets do.
    const at = choice.device.lastIndexOf('@');
    profile = await call(services, EXIT.invalid, 'tailscale:use-device', {
      deviceId: choice.device.slice(at + 1),
      ...(at > 0 ? { user: choice.device.slice(0, at) } : {}),
      ...(choice.via ? { via: choice.via } : {}),
      ssh: choice.ssh,
      name,
      ...saving,
    });
    if (profile.route.kind === 'tailscale' && profile.route.via.kind === 'url') {
      io.stdout.write(`A Gateway answers on ${profile.route.deviceName} at ${profile.route.via.url}.\n`);
    }
  } else {
    profile = await call(services, EXIT.invalid, 'profiles:save', { name, route: choice.route, ...saving });
  }
  io.stdout.write(`Saved ${profile.name}: ${routeSummary(profile.route)}${token ? ' (token stored)' : ''}.\n`);
  if (token && services.secretsWarning) printError(io.stderr, services.secretsWarning, 'note');
  if (fetch) await fetchToken(services, io, profile.id);
  return EXIT.ok;
}

async function fetchToken(services: CliServices, io: CliIo, id: string): Promise<void> {
  const fetched = await call(services, EXIT.failed, 'profiles:fetch-token', { id });
  io.stdout.write(
    `Read ${fetched.configPath} on the host: Gateway port ${fetched.port}, auth ${fetched.authMode}` +
      `${fetched.tokenStored ? '; token stored for ' : '; no token needed by '}${fetched.profile.name}.\n`,
  );
  if (fetched.tokenStored && services.secretsWarning) printError(io.stderr, services.secretsWarning, 'note');
}

async function connectCommand(args: string[], io: CliIo, open: OpenServices, reach: Reach): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'accept-new-host-key': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const id = optionalName(positionals, 'connect [NAME]');
  const app = await reach();
  if (app) return connectThroughApp(app, id, io);
  const services = await open({
    prompts: promptsOf(io, values['accept-new-host-key']),
    lasting: true,
  });
  try {
    const { profile } = await call(services, EXIT.invalid, 'profiles:get', profileRef(id));
    const print = statusPrinter(io.stdout);
    const finished = new Promise<ExitCode>((resolve) => {
      services.on('connection:status', (status) => {
        print(status);
        if (status.state === 'error') resolve(EXIT.failed);
      });
      io.interrupt.addEventListener('abort', () => resolve(EXIT.ok), { once: true });
    });
    await call(services, EXIT.failed, 'connection:connect', { profileId: profile.id });
    const code = io.interrupt.aborted ? EXIT.ok : await finished;
    if (code === EXIT.ok) io.stdout.write('Disconnected.\n');
    return code;
  } finally {
    await services.shutdown();
  }
}

/**
 * Lines of a connection's progress as its statuses come, each when it changes, and a pairing approval's command once
 * per request (retries repeat the line).
 */
function statusPrinter(out: Writable): (status: ConnectionStatus) => void {
  let last = '';
  let approvalShownFor: string | undefined | null = null;
  return (status) => {
    // The closing "Disconnected." is said once, by the command, not by the status the shutdown sends.
    if (status.state === 'idle') return;
    const line = statusLine(status, Date.now());
    if (line !== last) out.write(`${new Date().toISOString()}  ${line}\n`);
    last = line;
    const pairing = status.lastError?.kind === 'gateway-pairing-required' ? status.lastError : undefined;
    if (pairing && pairing.requestId !== approvalShownFor) {
      approvalShownFor = pairing.requestId;
      out.write(`  → ${CLI_FIX_STEPS['approve-device'](pairing.requestId ? { requestId: pairing.requestId } : {})}\n`);
    }
  };
}

/**
 * `connect` while the app runs: the app connects the profile and keeps it (its window asks any question); the command
 * shows the progress and returns once it is up or has failed.
 */
async function connectThroughApp(app: CommandServices, id: string | undefined, io: CliIo): Promise<ExitCode> {
  try {
    const { profile } = await call(app, EXIT.invalid, 'profiles:get', profileRef(id));
    // Connecting again would drop a link that is up: say so instead.
    const current = await call(app, EXIT.failed, 'connection:status');
    if (current.profileId === profile.id && (current.state === 'connected' || current.state === 'degraded')) {
      io.stdout.write(`${statusLine(current, Date.now())} ${THROUGH_APP}\nAlready connected; nothing to do.\n`);
      return EXIT.ok;
    }
    io.stdout.write(
      `Connecting ${profile.name} ${THROUGH_APP}; a question while connecting (a new host key, a passphrase) ` +
        'appears in its window.\n',
    );
    const print = statusPrinter(io.stdout);
    let decide: (code: ExitCode) => void = () => {};
    const outcome = new Promise<ExitCode>((resolve) => (decide = resolve));
    const consider = (status: ConnectionStatus) => {
      if (status.profileId !== undefined && status.profileId !== profile.id) return;
      print(status);
      if (status.state === 'connected' || status.state === 'degraded') decide(EXIT.ok);
      else if (status.state === 'error') decide(EXIT.failed);
    };
    const stopListening = app.on('connection:status', consider);
    io.interrupt.addEventListener('abort', () => decide(EXIT.ok), { once: true });
    consider(await call(app, EXIT.failed, 'connection:connect', { profileId: profile.id }));
    const code = await outcome;
    stopListening();
    if (io.interrupt.aborted) {
      io.stdout.write('Stopped watching; the app goes on connecting. End it with "openclaw-remote disconnect".\n');
    } else if (code === EXIT.ok) {
      io.stdout.write(`The app holds the connection; end it with "openclaw-remote disconnect".\n`);
    }
    return code;
  } finally {
    await app.shutdown();
  }
}

/** `disconnect`: ends the running app's connection; without the app there is none to end. */
async function disconnectCommand(args: string[], io: CliIo, reach: Reach): Promise<ExitCode> {
  parseArgs({ args, options: {}, strict: true });
  const app = await reach();
  if (!app) {
    io.stdout.write(
      'No OpenClaw Remote app is running, so it holds no connection to end. An "openclaw-remote connect" in another ' +
        'terminal ends with Ctrl-C; one left holding its port ends with "openclaw-remote doctor --free-port".\n',
    );
    return EXIT.ok;
  }
  try {
    const before = await call(app, EXIT.failed, 'connection:status');
    await call(app, EXIT.failed, 'connection:disconnect');
    io.stdout.write(
      before.state === 'idle'
        ? `The app was not connected; nothing to end ${THROUGH_APP}.\n`
        : `Disconnected ${before.profileName ?? 'the app'} ${THROUGH_APP}.\n`,
    );
    return EXIT.ok;
  } finally {
    await app.shutdown();
  }
}

async function statusCommand(args: string[], io: CliIo, open: OpenServices, reach: Reach): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, timeout: { type: 'string' }, 'accept-new-host-key': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const timeoutText = values.timeout ?? String(DEFAULT_STATUS_TIMEOUT_S);
  if (!/^\d+$/u.test(timeoutText) || Number(timeoutText) < 1 || Number(timeoutText) > MAX_STATUS_TIMEOUT_S) {
    throw usage(`--timeout takes a number of seconds from 1 to ${MAX_STATUS_TIMEOUT_S}, not "${timeoutText}".`);
  }
  const id = optionalName(positionals, 'status [NAME]');
  const timeoutMs = Number(timeoutText) * 1000;
  const app = await reach();
  const services = app ?? (await oneShot(io, open, values['accept-new-host-key']));
  let settled: ConnectionStatus;
  let profile: Profile;
  try {
    if (app) ({ profile, settled } = await appStatus(app, id, timeoutMs, io.interrupt));
    else {
      profile = (await call(services, EXIT.invalid, 'profiles:get', profileRef(id))).profile;
      settled = await settle(services, profile, timeoutMs, io.interrupt);
    }
  } finally {
    await services.shutdown();
  }
  const report = { ...statusReport(profile, settled), answeredBy: app ? 'app' : 'cli' };
  const said = app ? ` ${THROUGH_APP}` : '';
  if (values.json) writeJson(io.stdout, report);
  else if (report.ok || !report.error) io.stdout.write(`${statusLine(settled, Date.now())}${said}\n`);
  // Connected, with a warning (a saved token the Gateway refused): the describer's line, then what to do about it.
  else if (settled.state === 'degraded') {
    io.stdout.write(`${statusLine(settled, Date.now())}${said}\n`);
    printNextStep(io.stderr, report.error, { profileName: profile.name });
  }
  // A failure is said once, on standard error, with its next step.
  else
    printError(io.stderr, { ...report.error, message: `${profile.name}: ${report.error.message}${said}` }, 'error', {
      profileName: profile.name,
    });
  return report.ok ? EXIT.ok : EXIT.failed;
}

/**
 * `status` while the app runs: the app's live connection, never a tunnel of this command's. Without NAME, the profile
 * the app is on; a profile it is not on is reported as not connected, with the command that connects it.
 */
async function appStatus(
  app: CommandServices,
  id: string | undefined,
  timeoutMs: number,
  interrupt: AbortSignal,
): Promise<{ profile: Profile; settled: ConnectionStatus }> {
  const current = await call(app, EXIT.failed, 'connection:status');
  const ref = id === undefined && current.profileId !== undefined ? { id: current.profileId } : profileRef(id);
  const { profile } = await call(app, EXIT.invalid, 'profiles:get', ref);
  if (current.state === 'idle' || current.profileId !== profile.id) {
    const elsewhere =
      current.state === 'idle' ? 'is not connected' : `is on ${current.profileName ?? 'another profile'}`;
    return {
      profile,
      settled: {
        state: 'idle',
        lastError: {
          kind: 'app-not-connected',
          message: `The running OpenClaw Remote app ${elsewhere}, not ${profile.name}.`,
          hint: `Connect it with "openclaw-remote connect ${profile.name}" (the app then holds the connection).`,
        },
      },
    };
  }
  // Connecting or retrying: wait for its verdict as a status of our own would.
  return { profile, settled: await awaitVerdict(app, () => Promise.resolve(current), timeoutMs, interrupt) };
}

/**
 * Connects and waits for a verdict: up with a measured health check, a failure only a person can fix, or attempts
 * failing in a row (see failedAttempt in status-verdict.ts), all within the timeout.
 */
function settle(
  services: CommandServices,
  profile: Profile,
  timeoutMs: number,
  interrupt: AbortSignal,
): Promise<ConnectionStatus> {
  return awaitVerdict(
    services,
    () => call(services, EXIT.failed, 'connection:connect', { profileId: profile.id }),
    timeoutMs,
    interrupt,
  );
}

/** The verdict on a connection whose first status `start` gives and whose later ones arrive as events. */
async function awaitVerdict(
  services: Api,
  start: () => Promise<ConnectionStatus>,
  timeoutMs: number,
  interrupt: AbortSignal,
): Promise<ConnectionStatus> {
  let timer: NodeJS.Timeout | undefined;
  let latest: ConnectionStatus = { state: 'idle' };
  let decide: (status: ConnectionStatus) => void = () => {};
  const consider = (status: ConnectionStatus) => {
    latest = status;
    const measured = (status.state === 'connected' || status.state === 'degraded') && status.latencyMs !== undefined;
    if (measured || status.state === 'error' || failedAttempt(status)) decide(status);
  };
  const stopListening = services.on('connection:status', consider);
  const verdict = new Promise<ConnectionStatus>((resolve) => {
    decide = resolve;
    timer = setTimeout(() => {
      resolve({
        ...latest,
        state: 'error',
        lastError: {
          kind: 'status-timeout',
          message: `No verdict within ${timeoutMs / 1000} s (the connection was ${latest.state}${latest.route?.stage ? `: ${latest.route.stage}` : ''}).`,
          hint: 'Try again with a longer --timeout, or run "openclaw-remote connect" to watch it.',
        },
      });
    }, timeoutMs);
    interrupt.addEventListener(
      'abort',
      () => resolve({ ...latest, state: 'error', lastError: { kind: 'cancelled', message: 'Cancelled.' } }),
      { once: true },
    );
  });
  try {
    consider(await start());
    return await verdict;
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}

async function doctorCommand(args: string[], io: CliIo, open: OpenServices, reach: Reach): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, 'free-port': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if ([values.json, values.markdown, values['free-port']].filter(Boolean).length > 1)
    throw usage('doctor takes one of --json, --markdown and --free-port.');
  const format = values.json === true ? 'json' : values.markdown === true ? 'markdown' : undefined;
  const id = optionalName(positionals, 'doctor [NAME]');
  // In the app, the checks see its live tunnel as its own, and ask in its window.
  const app = await reach();
  const services = app ?? (await oneShot(io, open));
  try {
    const { profile } = await call(services, EXIT.invalid, 'profiles:get', profileRef(id));
    if (values['free-port'] === true) {
      const freed = await call(services, EXIT.failed, 'doctor:free-port', { profileId: profile.id });
      io.stdout.write(
        `Stopped the earlier OpenClaw Remote tunnel (pid ${freed.pid}); 127.0.0.1:${freed.port} is free` +
          `${app ? ` ${THROUGH_APP}` : ''}.\n`,
      );
      return EXIT.ok;
    }
    if (app) {
      // Standard output stays the report itself with --json and --markdown.
      (format === undefined ? io.stdout : io.stderr).write(
        `Checking ${profile.name} ${THROUGH_APP}; a question appears in its window.\n`,
      );
    }
    const stopListening =
      format === undefined
        ? services.on('doctor:step', (step) => printDoctorStep(io.stdout, step, profile.name))
        : () => {};
    let report;
    try {
      report = await call(services, EXIT.failed, 'doctor:run', { profileId: profile.id });
    } finally {
      stopListening();
    }
    if (format !== undefined) {
      // The same file the window saves, redacted the same way.
      io.stdout.write((await call(services, EXIT.failed, 'doctor:export', { report, format })).text);
    } else {
      const failed = report.steps.filter((step) => step.status === 'fail').length;
      io.stdout.write(
        failed === 0
          ? `No step failed for ${report.profile}.\n`
          : `${failed} step${failed === 1 ? '' : 's'} failed for ${report.profile}.\n`,
      );
    }
    return report.ok ? EXIT.ok : EXIT.failed;
  } finally {
    await services.shutdown();
  }
}

const DEFAULT_LOG_LINES = 100;
/** How often `logs --follow` asks the Gateway for what it wrote since, as the Logs page does. */
const LOG_FOLLOW_INTERVAL_MS = 1000;
/** One read covers this much of the log: the last lines asked for, and what a second of following can bring. */
const LOG_WINDOW_BYTES = 256 * 1024;

/** `logs`: connects like `status`, prints the Gateway's log through `gateway-log:tail`, and follows it if asked. */
async function logsCommand(args: string[], io: CliIo, open: OpenServices, reach: Reach): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      follow: { type: 'boolean', short: 'f' },
      lines: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      'accept-new-host-key': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const linesText = values.lines ?? String(DEFAULT_LOG_LINES);
  if (!/^\d{1,4}$/u.test(linesText) || Number(linesText) < 1 || Number(linesText) > GATEWAY_LOG_MAX_LINES) {
    throw usage(`--lines takes a number of lines from 1 to ${GATEWAY_LOG_MAX_LINES}, not "${linesText}".`);
  }
  const timeoutText = values.timeout ?? String(DEFAULT_STATUS_TIMEOUT_S);
  if (!/^\d+$/u.test(timeoutText) || Number(timeoutText) < 1 || Number(timeoutText) > MAX_STATUS_TIMEOUT_S) {
    throw usage(`--timeout takes a number of seconds from 1 to ${MAX_STATUS_TIMEOUT_S}, not "${timeoutText}".`);
  }
  const id = optionalName(positionals, 'logs [NAME]');
  const timeoutMs = Number(timeoutText) * 1000;
  // While the app runs, its live link reads the log: a link of this command's own would fight it for the local port.
  const app = await reach();
  const services = app ?? (await oneShot(io, open, values['accept-new-host-key']));
  try {
    let profile: Profile;
    let settled: ConnectionStatus;
    if (app) ({ profile, settled } = await appStatus(app, id, timeoutMs, io.interrupt));
    else {
      profile = (await call(services, EXIT.invalid, 'profiles:get', profileRef(id))).profile;
      settled = await settle(services, profile, timeoutMs, io.interrupt);
    }
    const said = app ? ` ${THROUGH_APP}` : '';
    if (settled.state !== 'connected' && settled.state !== 'degraded') {
      const report = statusReport(profile, settled);
      if (report.error) {
        printError(
          io.stderr,
          { ...report.error, message: `${profile.name}: ${report.error.message}${said}` },
          'error',
          {
            profileName: profile.name,
          },
        );
      }
      return EXIT.failed;
    }
    // Standard output stays the log's lines.
    if (app) io.stderr.write(`openclaw-remote: ${profile.name}'s Gateway log${said}.\n`);
    const print = (lines: GatewayLogLine[]) => {
      for (const line of lines) io.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `${line.text}\n`);
    };
    const first = await call(services, EXIT.failed, 'gateway-log:tail', {
      profileId: profile.id,
      limit: Number(linesText),
      windowBytes: LOG_WINDOW_BYTES,
    });
    print(first.lines);
    let cursor = first.cursor;
    while (values.follow && !io.interrupt.aborted) {
      await pause(LOG_FOLLOW_INTERVAL_MS, io.interrupt);
      if (io.interrupt.aborted) break;
      const page = await call(services, EXIT.failed, 'gateway-log:tail', {
        profileId: profile.id,
        cursor,
        windowBytes: LOG_WINDOW_BYTES,
      });
      if (page.reset && !values.json)
        io.stderr.write('openclaw-remote: the log was rotated or ran ahead; reading from its end.\n');
      print(page.lines);
      cursor = page.cursor;
    }
    return EXIT.ok;
  } finally {
    await services.shutdown();
  }
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One finished step: its status word, title and detail, then what to do and the command for it. */
function printDoctorStep(out: Writable, step: DoctorStep, profileName: string): void {
  // A detail of several lines (the log's last lines) is indented under its step.
  out.write(`${step.status.toUpperCase().padEnd(4)}  ${step.title}: ${step.detail.replaceAll('\n', '\n      ')}\n`);
  if (step.fix?.text) out.write(`      fix: ${step.fix.text}\n`);
  if (step.fix?.command) out.write(`      run: ${step.fix.command}\n`);
  // A pairing step's own text already names its request; the generic step could not.
  if (step.fix?.action && step.fix.action !== 'approve-device') {
    out.write(`      → ${CLI_FIX_STEPS[step.fix.action]({ profileName })}\n`);
  }
}

async function tailscaleCommand(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'tailnets') return tailnetsCommand(rest, io, open);
  if (sub === 'switch') return switchTailnetCommand(rest, io, open);
  if (sub !== 'devices')
    throw usage(
      sub === undefined
        ? 'tailscale needs a command: devices, tailnets or switch.'
        : `Unknown tailscale command "${sub}".`,
    );
  const { values } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean' }, 'tailscale-cli': { type: 'string' } },
    strict: true,
  });
  const services = await oneShot(io, open, false, values['tailscale-cli']);
  const scan = await services.invoke('tailscale:scan');
  if (!scan.ok) {
    if (values.json) writeJson(io.stdout, { ok: false, error: scan.error });
    else printError(io.stderr, scan.error);
    return EXIT.failed;
  }
  const { status, unanswered } = scan.value;
  const running = status.state === 'running';
  if (values.json) {
    writeJson(io.stdout, {
      ok: running,
      state: status.state,
      sentence: status.sentence,
      ...(status.tailnet ? { tailnet: status.tailnet.name } : {}),
      ...(status.action ? { action: status.action } : {}),
      devices: status.devices,
      unanswered,
    });
    return running ? EXIT.ok : EXIT.failed;
  }
  if (status.state !== 'running') {
    // Not running (stopped, logged out, needs login): the sentence and what to do about it, and a failed exit. The
    // hint is the step already, with the login URL the generic one cannot know.
    printError(
      io.stderr,
      { kind: `tailscale-${status.state}`, message: status.sentence, hint: nextTailscaleStep(status.action) },
      'error',
      { step: false },
    );
    return EXIT.failed;
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

async function tailnetsCommand(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, 'tailscale-cli': { type: 'string' } },
    strict: true,
  });
  const services = await oneShot(io, open, false, values['tailscale-cli']);
  const tailnets = await call(services, EXIT.failed, 'tailscale:tailnets');
  if (values.json) writeJson(io.stdout, tailnets);
  else {
    for (const tailnet of tailnets) {
      io.stdout.write(`${tailnet.current ? '*' : ' '} ${tailnet.tailnet}  ${tailnet.account}  (id ${tailnet.id})\n`);
    }
  }
  return EXIT.ok;
}

async function switchTailnetCommand(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'tailscale-cli': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw usage('Expected one tailnet: tailscale switch ID (see "tailscale tailnets").');
  const services = await oneShot(io, open, false, values['tailscale-cli']);
  const status = await call(services, EXIT.failed, 'tailscale:switch', { id: positionals[0]! });
  io.stdout.write(`${status.sentence}\n`);
  return EXIT.ok;
}

/** Opens the core for a command that asks on this terminal and holds no connection past its own end. */
function oneShot(
  io: CliIo,
  open: OpenServices,
  acceptNewHostKey?: boolean,
  tailscaleCli?: string,
): Promise<CliServices> {
  return open({
    prompts: promptsOf(io, acceptNewHostKey),
    lasting: false,
    ...(tailscaleCli === undefined ? {} : { tailscaleCli }),
  });
}

/** A profile named on the command line, or the primary one. */
function profileRef(id: string | undefined): { id?: string } {
  return id === undefined ? {} : { id };
}

/** Questions go to standard error, so standard output stays the command's result (status JSON, say). */
function promptsOf(io: CliIo, acceptNewHostKey: boolean | undefined): ConnectionPrompts {
  return terminalPrompts({ input: io.stdin, output: io.stderr }, { acceptNewHostKey: acceptNewHostKey ?? false });
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

/** An AppError, or a connection error from a status (its kind arrives as text and its action is already chosen). */
type PrintableError = Omit<AppError, 'kind'> & { kind: string; requestId?: string };

/**
 * The sentence, its hint and, under them, the command or instruction of the action that fixes it. `step: false`
 * where the hint already is the step.
 */
function printError(
  out: Writable,
  error: PrintableError,
  label = 'error',
  context: Omit<FixStepContext, 'requestId'> & { step?: boolean } = {},
): void {
  // A refused input: each field's own sentence, under the flag that set it, rather than the request's wording.
  const lines = error.fields?.length
    ? error.fields.map((field) => `${FIELD_FLAGS[field.path] ?? field.path}: ${field.message}`)
    : [error.message];
  for (const line of lines) out.write(`openclaw-remote: ${label}: ${line}\n`);
  printNextStep(out, error, context);
}

/** An error's hint and the command that fixes it (unless `step` is false), under a sentence said already. */
function printNextStep(
  out: Writable,
  error: PrintableError,
  context: Omit<FixStepContext, 'requestId'> & { step?: boolean },
): void {
  if (error.hint) out.write(`  ${error.hint}\n`);
  const action = error.action ?? fixActionOf(error.kind);
  if (action && context.step !== false) {
    const step = CLI_FIX_STEPS[action]({
      ...(context.profileName === undefined ? {} : { profileName: context.profileName }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    });
    out.write(`  → ${step}\n`);
  }
}

/** Where a profile field comes from on the command line. */
const FIELD_FLAGS: Record<string, string> = {
  name: 'NAME',
  token: 'the token',
  'route.target': '--ssh',
  'route.sshPort': '--ssh-port',
  'route.identityFile': '--identity',
  'route.localPort': '--local-port',
  'route.remotePort': '--remote-port',
  'route.keepaliveIntervalSeconds': '--keepalive-interval',
  'route.keepaliveCountMax': '--keepalive-count-max',
  'route.url': '--url',
  'route.tlsFingerprint': '--tls-fingerprint',
};

/** The SSH side of a profile, when it has one. */
function sshOf(profile: Profile) {
  const { route } = profile;
  return route.kind === 'ssh' ? route : route.kind === 'tailscale' && route.via.kind === 'ssh' ? route.via : undefined;
}

/** The keepalive the profile sets, or where it comes from when it sets none. */
function keepaliveLine(profile: Profile): string {
  const ssh = sshOf(profile);
  const interval = ssh?.keepaliveIntervalSeconds;
  const count = ssh?.keepaliveCountMax;
  return (
    `${interval === undefined ? 'keepalive interval from ~/.ssh/config (else 15 s)' : `a keepalive every ${interval} s`}, ` +
    `${count === undefined ? 'missed replies allowed from ~/.ssh/config (else 3)' : `${count} missed replies allowed`}`
  );
}

/** What to do when Tailscale is not running, in terminal words (the window shows the same as a button). */
function nextTailscaleStep(action: TailnetStatusView['action']): string {
  switch (action?.kind) {
    case 'log-in':
      return action.url ? `Log in: open ${action.url}` : 'Log in with "tailscale login" (or from the Tailscale app).';
    case 'start':
      return 'Start it with "tailscale up" (or switch it on in the Tailscale app).';
    case 'start-tailscale':
      return 'Open the Tailscale app (or start tailscaled), then try again.';
    case 'wait-for-admin':
      return "Wait until the tailnet's admin approves this device, then try again.";
    default:
      return 'Check "tailscale status", then try again.';
  }
}

/** The trust sections' command (security-command.ts), over a one-shot core that ends with it. */
async function trustCommand(args: string[], io: CliIo, open: OpenServices): Promise<ExitCode> {
  const services = await oneShot(io, open);
  try {
    return await securityTrustCommand(args, {
      call: (channel, ...input) => call(services, EXIT.failed, channel, ...input),
      stdout: io.stdout,
      terminal: { input: io.stdin, output: io.stderr },
    });
  } finally {
    await services.shutdown();
  }
}

/** The `security` subcommands of the access sections; anything else is the trust sections' (a NAME, forget-…). */
const ACCESS_SUBCOMMANDS = ['key', 'keygen', 'install-key', 'who'] as const;
type AccessSubcommand = (typeof ACCESS_SUBCOMMANDS)[number];

function isAccessSubcommand(word: string | undefined): word is AccessSubcommand {
  return (ACCESS_SUBCOMMANDS as readonly (string | undefined)[]).includes(word);
}

// The Security page's access sections on the terminal (issue 13): the same actions, the key shown, made and installed,
// and who gets in. Installing and listing work through a live connection, which the command makes and ends itself.

async function securityCommand(
  sub: AccessSubcommand,
  args: string[],
  io: CliIo,
  open: OpenServices,
): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      'passphrase-stdin': { type: 'boolean' },
      'accept-new-host-key': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const form = `security ${sub} NAME`;
  switch (sub) {
    case 'key': {
      const services = await oneShot(io, open);
      const { profile } = await call(services, EXIT.invalid, 'profiles:get', { id: onlyName(positionals, form) });
      const state = await call(services, EXIT.failed, 'security:ssh-key', { profileId: profile.id });
      if (values.json) writeJson(io.stdout, state);
      else if (!state.ssh) io.stdout.write(`${profile.name} reaches its Gateway without SSH; it uses no SSH key.\n`);
      else if (!state.key) {
        io.stdout.write(
          `${state.missingFile ? `${profile.name}'s identity file ${state.missingFile} is missing` : `${profile.name} has no SSH key on this Mac`}. ` +
            `Make one with: openclaw-remote security keygen "${profile.name}"\n`,
        );
      } else io.stdout.write(`${keyLine(state.key)}\n`);
      return EXIT.ok;
    }
    case 'keygen': {
      const id = onlyName(positionals, form);
      const passphrase = values['passphrase-stdin'] ? await readPassphrase(io.stdin) : undefined;
      const services = await oneShot(io, open);
      const { key, profile } = await call(services, EXIT.failed, 'security:generate-key', {
        profileId: id,
        ...(passphrase ? { passphrase } : {}),
      });
      io.stdout.write(
        `${keyLine(key)}\n${profile.name} now uses it (from the next connect). Put it on the host with: ` +
          `openclaw-remote security install-key "${profile.name}"\n`,
      );
      return EXIT.ok;
    }
    case 'install-key':
    case 'who': {
      const id = onlyName(positionals, form);
      const services = await oneShot(io, open, values['accept-new-host-key']);
      try {
        const { profile } = await call(services, EXIT.invalid, 'profiles:get', { id });
        const status = await settle(services, profile, DEFAULT_STATUS_TIMEOUT_S * 1000, io.interrupt);
        // The SSH link can be up while the Gateway refuses; installing a key needs only the link.
        if (status.state === 'error' && sub === 'who') {
          printError(io.stderr, status.lastError ?? { kind: 'connect-failed', message: 'Could not connect.' });
          return EXIT.failed;
        }
        if (sub === 'install-key') {
          const installed = await call(services, EXIT.failed, 'security:install-key', { profileId: profile.id });
          io.stdout.write(
            installed.added
              ? `Added ${installed.fingerprint} to ${installed.file} on the host.\n`
              : `${installed.file} on the host already lists ${installed.fingerprint}; nothing changed.\n`,
          );
        } else {
          const who = await call(services, EXIT.failed, 'security:who', { profileId: profile.id });
          if (values.json) writeJson(io.stdout, who);
          else io.stdout.write(whoText(who));
        }
        return EXIT.ok;
      } finally {
        await services.shutdown();
      }
    }
  }
}

/** The passphrase from standard input, its final line ending dropped; never echoed or printed. */
async function readPassphrase(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.length > MAX_PASSPHRASE_LENGTH + 2) {
      throw new CliFailure(
        {
          kind: 'invalid-payload',
          message: `The passphrase on standard input is longer than ${MAX_PASSPHRASE_LENGTH} characters.`,
          hint: 'Give the passphrase alone, on one line.',
        },
        EXIT.invalid,
      );
    }
  }
  return text.replace(/\r?\n$/, '');
}

function keyLine(key: SshKey): string {
  const size = key.bits === undefined ? '' : ` ${key.bits}`;
  const age = `${key.ageDays} day${key.ageDays === 1 ? '' : 's'} old`;
  const due = key.rotationDue ? ' — time for a new one (openclaw-remote security keygen NAME)' : '';
  return (
    `${key.path}: ${key.type ?? 'unknown type'}${size} ${key.fingerprint ?? ''}, ${age}` +
    `${key.encrypted ? ', passphrase-protected' : ''}${due}`
  );
}

function whoText(who: WhoGetsIn): string {
  const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  const part = <T>(title: string, value: { items: T[] } | { unavailable: string }, line: (item: T) => string) =>
    'unavailable' in value
      ? `${title}: ${value.unavailable}\n`
      : `${title}:${value.items.length === 0 ? ' none' : ''}\n${value.items.map((item) => `  ${line(item)}\n`).join('')}`;
  return (
    part('Connected to the Gateway now', who.clients, (c) =>
      [c.name, c.origin && `from ${c.origin}`, c.mode, when(c.lastSeenMs)].filter(Boolean).join('  '),
    ) +
    part('Devices paired with the Gateway', who.devices, (d) =>
      [
        d.name,
        d.pending ? '(waiting for approval)' : d.connected ? '(connected)' : '',
        d.origin && `from ${d.origin}`,
        when(d.lastSeenMs ?? d.approvedMs),
      ]
        .filter(Boolean)
        .join('  '),
    ) +
    part('Last SSH logins on the host', who.logins, (l) =>
      [l.user, l.line, l.origin && `from ${l.origin}`, l.when].filter(Boolean).join('  '),
    )
  );
}

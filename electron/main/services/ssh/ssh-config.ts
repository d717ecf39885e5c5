// Resolves an SSH target to what OpenSSH would use for it: through `ssh -G` when an ssh binary exists, else by
// reading ~/.ssh/config with the ssh-config library. Either way ~ means Node's HOME, never the account database's.
import { isAbsolute, join } from 'node:path';
import SSHConfig from 'ssh-config';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Files, System } from '../system/system';
import { parseTarget, type SshTarget } from './target';
import type { ResolvedSshConfig } from './types';

export interface SshConfigDeps {
  /** Runs `ssh -G`, reads ~/.ssh/config, and knows the local account and host name for %u, %l and %L. */
  system: System;
  /** Node's HOME: every ~ and ~/.ssh path resolves under it. */
  home: string;
  env: NodeJS.ProcessEnv;
  /** The ssh binary to ask with `ssh -G`, or undefined to read ~/.ssh/config without one. */
  sshBinary: string | undefined;
  /** How long `ssh -G` may take; Match exec runs the user's own commands, so allow for slow ones. */
  sshTimeoutMs?: number;
}

export const SSH_BINARY_CANDIDATES = ['/usr/bin/ssh', '/opt/homebrew/bin/ssh', '/usr/local/bin/ssh'];
const DEFAULT_SSH_TIMEOUT_MS = 10_000;
const SYSTEM_CONFIG_FILE = '/etc/ssh/ssh_config';

// OpenSSH's defaults (ssh_config(5), readconf.c fill_default_options) for the fallback reader; `ssh -G` prints
// its own, which also name ~/.ssh/id_xmss. ssh2 cannot use XMSS keys, so the fallback leaves that one out.
const DEFAULT_IDENTITY_FILES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'].map(
  (name) => `~/.ssh/${name}`,
);
const DEFAULT_USER_KNOWN_HOSTS_FILES = ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
const DEFAULT_GLOBAL_KNOWN_HOSTS_FILES = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
const DEFAULT_SERVER_ALIVE_COUNT_MAX = 3;
const DEFAULT_PORT = 22;

/** The first ssh binary that exists and is executable, or undefined when there is none. */
export async function findSshBinary(
  files: Files,
  candidates: readonly string[] = SSH_BINARY_CANDIDATES,
): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      await files.access(candidate, files.constants.X_OK);
      return candidate;
    } catch {
      // Not here or not executable: try the next place.
    }
  }
  return undefined;
}

/**
 * Resolving on `system` for the user whose home is `home` (the one the composition root chose, so a core built for
 * another home never reads or writes this user's ~/.ssh), the environment `env`, and the first ssh binary it has.
 */
export async function sshConfigDeps(system: System, env: NodeJS.ProcessEnv, home: string): Promise<SshConfigDeps> {
  return { system, home, env, sshBinary: await findSshBinary(system.files) };
}

export async function resolveSshConfig(target: string, deps: SshConfigDeps): Promise<ResolvedSshConfig> {
  // Before anything runs: a target such as -oProxyCommand=… must never reach ssh.
  const parsed = parseTarget(target);
  return deps.sshBinary === undefined
    ? resolveFromConfigFile(target, parsed, deps)
    : resolveWithSshG(target, parsed, deps.sshBinary, deps);
}

// ---- Path A: OpenSSH itself ----

async function resolveWithSshG(
  target: string,
  parsed: SshTarget,
  sshBinary: string,
  deps: SshConfigDeps,
): Promise<ResolvedSshConfig> {
  // ssh finds ~/.ssh/config through the account database, never $HOME, so the config is named with -F. But -F
  // also drops /etc/ssh/ssh_config, which matters (Debian's sets HashKnownHosts yes), so -F names a generated
  // file that includes both, user config first because the first value obtained wins — the order ssh itself
  // reads them in. A missing file matches no glob and is skipped silently, as ssh skips a missing
  // ~/.ssh/config. Two differences remain: the system file is read as a user file, so a relative Include in it
  // would resolve under ~/.ssh (Debian and macOS use absolute ones), and its permissions are checked.
  const { files, os } = deps.system;
  const userConfig = join(deps.home, '.ssh', 'config');
  const dir = await files.mkdtemp(join(os.tmpdir(), 'openclaw-ssh-G-'));
  try {
    const wrapper = join(dir, 'config');
    await files.writeFile(wrapper, `Include ${includePath(userConfig)}\nInclude ${SYSTEM_CONFIG_FILE}\n`, {
      mode: 0o600,
    });
    const args = [
      '-G',
      // Without -T, ssh -G warns on stderr that no pseudo-terminal will be allocated.
      '-T',
      '-F',
      wrapper,
      ...(parsed.port === undefined ? [] : ['-p', String(parsed.port)]),
      ...(parsed.user === undefined ? [] : ['-l', parsed.user]),
      '--',
      parsed.host,
    ];
    // HOME makes a relative Include in the user's config (Include conf.d/*, meaning ~/.ssh/conf.d/*) follow
    // Node's HOME too: ssh expands that ~ with glob(3), which reads $HOME. Match exec blocks do run here, as
    // they would for the same user typing ssh in a terminal: that is OpenSSH's own semantics.
    const { stdout } = await runSshG(sshBinary, args, target, userConfig, deps);
    return fromSshGOutput(target, parsed, parseSshGOutput(stdout), deps);
  } finally {
    await files.rm(dir, { recursive: true, force: true });
  }
}

function includePath(path: string): string {
  // Include takes a quoted glob; these characters would change its meaning and cannot be escaped reliably.
  if (/["\\*?[\]]/u.test(path)) {
    throw new AppFailure(
      appError(
        'ssh-config-unsupported',
        `The home directory ${JSON.stringify(path)} contains a character ('"', '\\', '*', '?', '[' or ']') that ssh cannot take literally in a config path.`,
        'Set HOME to a directory whose path has none of these characters, then try again.',
      ),
    );
  }
  return `"${path}"`;
}

async function runSshG(
  sshBinary: string,
  args: string[],
  target: string,
  userConfig: string,
  deps: SshConfigDeps,
): Promise<{ stdout: string; stderr: string }> {
  const timeout = deps.sshTimeoutMs ?? DEFAULT_SSH_TIMEOUT_MS;
  try {
    return await deps.system.processes.execFile(sshBinary, args, { timeout, env: { ...deps.env, HOME: deps.home } });
  } catch (error) {
    const failed = error as { killed?: boolean; code?: unknown; stderr?: unknown; message?: string };
    if (failed.killed === true) {
      throw new AppFailure(
        appError(
          'ssh-config-timeout',
          `ssh -G did not finish within ${timeout / 1000} s while resolving "${target}".`,
          `A Match exec command in ${userConfig} may be hanging; check with: ssh -G ${target}`,
        ),
      );
    }
    if (typeof failed.code === 'string') {
      throw new AppFailure(
        appError(
          'ssh-unavailable',
          `Could not run ${sshBinary}: ${failed.message ?? failed.code}.`,
          'Check that OpenSSH is installed.',
        ),
      );
    }
    const stderrLine =
      (typeof failed.stderr === 'string' ? failed.stderr : '')
        .split(/\r?\n/u)
        .map((line) => line.trim())
        .find((line) => line !== '') ?? `ssh exited with status ${String(failed.code)}`;
    // ssh names the file and line ("/home/me/.ssh/config line 3: Bad port 'abc'."), which may be an included one.
    const file = /^(.+?):? line \d+/u.exec(stderrLine)?.[1] ?? userConfig;
    throw new AppFailure(
      appError(
        'ssh-config-invalid',
        `OpenSSH could not read its configuration for "${target}": ${stderrLine}`,
        `Fix the problem in ${file}, then try again (ssh -G ${target} shows the same message).`,
      ),
    );
  }
}

/** `ssh -G` prints one lowercase `key value` line per setting, repeating keys that take several values. */
function parseSshGOutput(stdout: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of stdout.split(/\r?\n/u)) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space);
    const values = settings.get(key) ?? [];
    values.push(line.slice(space + 1));
    settings.set(key, values);
  }
  return settings;
}

function fromSshGOutput(
  target: string,
  parsed: SshTarget,
  settings: Map<string, string[]>,
  deps: SshConfigDeps,
): ResolvedSshConfig {
  const first = (key: string): string | undefined => settings.get(key)?.[0];
  const required = (key: string): string => {
    const value = first(key);
    if (value === undefined) {
      throw new AppFailure(
        appError(
          'ssh-config-invalid',
          `ssh -G printed no ${key} for "${target}".`,
          'Check the ssh binary and its version.',
        ),
      );
    }
    return value;
  };
  const where = `the SSH config for "${target}"`;
  const account = localAccount(deps);
  // ssh has already expanded ~ and %d in these, but against the account database's home directory.
  const toNodeHome = (path: string): string =>
    account.homedir !== undefined &&
    account.homedir !== '/' &&
    (path === account.homedir || path.startsWith(`${account.homedir}/`))
      ? deps.home + path.slice(account.homedir.length)
      : path;
  const pathList = (key: string): string[] => {
    const value = first(key);
    return value === undefined || value === 'none' ? [] : value.split(' ').filter(Boolean).map(toNodeHome);
  };

  const hostname = required('hostname');
  const port = integer(required('port'), 'Port', where, 1);
  const user = required('user');
  const hostKeyAlias = first('hostkeyalias');
  // Unlike the paths above, ssh -G prints IdentityFile exactly as written: ~, %tokens and ${VAR} unexpanded.
  const tokens = expansionTokens(
    { home: deps.home, hostname, port, user, originalHost: parsed.host, hostKeyAlias },
    deps,
  );
  const identityFiles = (settings.get('identityfile') ?? []).map((file) =>
    absolutePath(expandPath(file, tokens, deps, `IdentityFile in ${where}`), deps.home),
  );
  return {
    target,
    hostname,
    port,
    user,
    identityFiles,
    identitiesOnly: flag(first('identitiesonly') ?? 'no', 'IdentitiesOnly', where),
    identityAgent: agentSocket(first('identityagent'), deps.env, toNodeHome),
    ...hopsAndTimers(first, where),
    userKnownHostsFiles: pathList('userknownhostsfile'),
    globalKnownHostsFiles: pathList('globalknownhostsfile'),
    strictHostKeyChecking: strictHostKeyChecking(first('stricthostkeychecking') ?? 'ask', where),
    hashKnownHosts: flag(first('hashknownhosts') ?? 'no', 'HashKnownHosts', where),
    hostKeyAlias,
  };
}

// ---- Path B: the ssh-config library, for machines without an ssh binary ----

async function resolveFromConfigFile(
  target: string,
  parsed: SshTarget,
  deps: SshConfigDeps,
): Promise<ResolvedSshConfig> {
  // Only the user's file: /etc/ssh/ssh_config ships with the ssh binary, so without one there is none to read.
  const file = join(deps.home, '.ssh', 'config');
  const config = parseConfigFile((await readConfigFile(file, deps)) ?? '', file);
  // matchExec: false, because an app must never run commands from a config file it merely reads; Match exec
  // blocks then simply do not match. User goes in first so that, as with ssh -l, it beats the config's User.
  const computed = config.compute(
    { Host: parsed.host, ...(parsed.user === undefined ? {} : { User: parsed.user }) },
    { ignoreCase: true, matchExec: false },
  );
  const first = (key: string): string | undefined => {
    const value = computed[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const list = (key: string): string[] | undefined => {
    const value = computed[key];
    return value === undefined ? undefined : ([] as string[]).concat(value);
  };

  const hostKeyAlias = first('hostkeyalias');
  const hostnameSetting = first('hostname');
  const hostname =
    hostnameSetting === undefined
      ? parsed.host
      : expandTokens(hostnameSetting, { h: parsed.host }, `HostName in ${file}`);
  const port = parsed.port ?? integer(first('port') ?? String(DEFAULT_PORT), 'Port', file, 1);
  const account = localAccount(deps);
  const user = first('user') ?? account.username;
  const tokens = expansionTokens(
    { home: deps.home, hostname, port, user, originalHost: parsed.host, hostKeyAlias },
    deps,
  );
  const paths = (values: string[], directive: string): string[] =>
    values.map((value) => absolutePath(expandPath(value, tokens, deps, `${directive} in ${file}`), deps.home));
  const userKnownHosts = list('userknownhostsfile') ?? DEFAULT_USER_KNOWN_HOSTS_FILES;
  const globalKnownHosts = list('globalknownhostsfile') ?? DEFAULT_GLOBAL_KNOWN_HOSTS_FILES;
  const agentSetting = first('identityagent');
  return {
    target,
    hostname,
    port,
    user,
    identityFiles: paths(list('identityfile') ?? DEFAULT_IDENTITY_FILES, 'IdentityFile'),
    identitiesOnly: flag(first('identitiesonly') ?? 'no', 'IdentitiesOnly', file),
    identityAgent: agentSocket(
      agentSetting === undefined || isSpecialAgent(agentSetting)
        ? agentSetting
        : expandPath(agentSetting, tokens, deps, `IdentityAgent in ${file}`),
      deps.env,
      (path) => absolutePath(path, deps.home),
    ),
    ...hopsAndTimers(first, file),
    userKnownHostsFiles: userKnownHosts[0] === 'none' ? [] : paths(userKnownHosts, 'UserKnownHostsFile'),
    // OpenSSH expands only ~ here, no %tokens.
    globalKnownHostsFiles:
      globalKnownHosts[0] === 'none'
        ? []
        : globalKnownHosts.map((path) =>
            absolutePath(expandTilde(path, deps.home, `GlobalKnownHostsFile in ${file}`), deps.home),
          ),
    strictHostKeyChecking: strictHostKeyChecking(first('stricthostkeychecking') ?? 'ask', file),
    hashKnownHosts: flag(first('hashknownhosts') ?? 'no', 'HashKnownHosts', file),
    hostKeyAlias,
  };
}

/** The file's text, or undefined when it does not exist. */
async function readConfigFile(file: string, deps: SshConfigDeps): Promise<string | undefined> {
  try {
    return await deps.system.files.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppFailure(
      appError(
        'ssh-config-unreadable',
        `${file} could not be read: ${(error as Error).message}.`,
        `Check that ${file} is a file you can read, then try again.`,
      ),
    );
  }
}

function parseConfigFile(text: string, file: string): SSHConfig {
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(text);
  } catch (error) {
    throw new AppFailure(
      appError(
        'ssh-config-invalid',
        `${file} could not be read as an SSH config: ${(error as Error).message}.`,
        `Fix the line in ${file}, then try again.`,
      ),
    );
  }
  for (const line of config) {
    const lines = 'config' in line ? [line, ...line.config] : [line];
    for (const directive of lines) {
      if (!('param' in directive)) continue;
      const param = directive.param.toLowerCase();
      if (param === 'include') {
        // The library does not follow Include; resolving without the included files would quietly connect
        // with the wrong host, user or key.
        throw new AppFailure(
          appError(
            'ssh-config-unsupported',
            `${file} uses Include, which only OpenSSH itself can follow, and no ssh binary was found.`,
            `Install OpenSSH (${SSH_BINARY_CANDIDATES.join(', ')}), or copy the included settings into ${file}.`,
          ),
        );
      }
      if (param === 'canonicaldomains' && 'config' in line) {
        // With CanonicalDomains the library runs nslookup for each domain, a subprocess without a timeout.
        // Dropping it leaves the name as typed, which the system resolver's search domains usually complete.
        line.config.splice(line.config.indexOf(directive), 1);
      }
    }
  }
  return config;
}

// ---- Shared by both paths ----

interface ExpansionInputs {
  home: string;
  hostname: string;
  port: number;
  user: string;
  originalHost: string;
  hostKeyAlias: string | undefined;
}

/**
 * The %tokens of ssh_config(5) that IdentityFile, IdentityAgent and UserKnownHostsFile take, minus %C (a hash
 * whose inputs differ between OpenSSH versions) and %j (the ProxyJump host, newer OpenSSH only).
 */
function expansionTokens(inputs: ExpansionInputs, deps: SshConfigDeps): Record<string, string> {
  const localHost = deps.system.os.hostname();
  return {
    d: inputs.home,
    h: inputs.hostname,
    ...(process.getuid === undefined ? {} : { i: String(process.getuid()) }),
    k: inputs.hostKeyAlias ?? inputs.originalHost,
    l: localHost,
    L: localHost.split('.')[0] ?? localHost,
    n: inputs.originalHost,
    p: String(inputs.port),
    r: inputs.user,
    u: localAccount(deps).username,
  };
}

/** A leading ~, ${VAR} and %tokens, the expansions OpenSSH applies to IdentityFile and its kin. */
function expandPath(value: string, tokens: Record<string, string>, deps: SshConfigDeps, where: string): string {
  // The home directory goes in after the other expansions, so a '%' or '${' in its own name stays literal.
  const home = tildeHome(value, deps.home, where);
  const rest = home === undefined ? value : value.slice(1);
  const withVariables = rest.replace(/\$\{([^}]*)\}/gu, (_match, name: string) => {
    const variable = deps.env[name];
    if (variable === undefined) {
      throw new AppFailure(
        appError(
          'ssh-config-invalid',
          `${where} uses the environment variable \${${name}}, which is not set.`,
          `Set ${name} in the environment the app starts with, or change the setting.`,
        ),
      );
    }
    // A % inside the variable's value is literal; doubling it survives the token pass below.
    return variable.replaceAll('%', '%%');
  });
  return (home ?? '') + expandTokens(withVariables, tokens, where);
}

function expandTokens(value: string, tokens: Record<string, string>, where: string): string {
  return value.replace(/%(.?)/gu, (_match, token: string) => {
    if (token === '%') return '%';
    const expansion = tokens[token];
    if (expansion !== undefined) return expansion;
    const supported = ['%%', ...Object.keys(tokens).map((key) => `%${key}`)].join(' ');
    throw new AppFailure(
      token === ''
        ? appError('ssh-config-invalid', `${where} ends with a lone '%'.`, "Write '%%' for a literal percent sign.")
        : appError(
            'ssh-config-unsupported',
            `${where} uses the token %${token}, which this app cannot expand.`,
            `Supported tokens there: ${supported}. Write the value out instead.`,
          ),
    );
  });
}

/** `~` and `~/…` under `home`; `~user` is refused with a message naming `where` the value came from. */
export function expandTilde(value: string, home: string, where: string): string {
  const tilde = tildeHome(value, home, where);
  return tilde === undefined ? value : tilde + value.slice(1);
}

/** The home directory a leading ~ stands for, or undefined when the value has none. */
function tildeHome(value: string, home: string, where: string): string | undefined {
  if (value === '~' || value.startsWith('~/')) return home;
  if (value.startsWith('~')) {
    throw new AppFailure(
      appError(
        'ssh-config-unsupported',
        `${where} refers to another user's home directory (${value.split('/')[0] ?? value}).`,
        'Write the full path instead.',
      ),
    );
  }
  return undefined;
}

// OpenSSH resolves a relative path against its working directory, which for a terminal user is usually the
// home directory and for an app means nothing; the home directory is the reading that matches their terminal.
function absolutePath(path: string, home: string): string {
  return isAbsolute(path) ? path : join(home, path);
}

/** The IdentityAgent values that name no path: `none`, `SSH_AUTH_SOCK` and `$VAR` (but `${VAR}/…` is a path). */
function isSpecialAgent(value: string): boolean {
  return value === 'none' || value === 'SSH_AUTH_SOCK' || /^\$[^{]/u.test(value);
}

/** IdentityAgent: none = no agent, SSH_AUTH_SOCK or $VAR = that variable's socket, else a path. */
function agentSocket(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  toPath: (path: string) => string,
): string | undefined {
  // An empty variable names no socket, as OpenSSH treats it: no agent, rather than a socket path of "".
  const fromEnv = (name: string) => env[name] || undefined;
  if (setting === undefined || setting === 'SSH_AUTH_SOCK') return fromEnv('SSH_AUTH_SOCK');
  if (setting === 'none') return undefined;
  if (setting.startsWith('$')) return fromEnv(setting.slice(1));
  return toPath(setting);
}

/**
 * ProxyJump and the keepalive and connect timers, read alike from either source. Spread it where these fields
 * stand, so that of several bad values the first in field order is the one reported.
 */
function hopsAndTimers(
  first: (key: string) => string | undefined,
  where: string,
): Pick<ResolvedSshConfig, 'proxyJump' | 'serverAliveInterval' | 'serverAliveCountMax' | 'connectTimeout'> {
  const connectTimeout = first('connecttimeout');
  return {
    proxyJump: proxyJumpHops(first('proxyjump')),
    serverAliveInterval: integer(first('serveraliveinterval') ?? '0', 'ServerAliveInterval', where, 0),
    serverAliveCountMax: integer(
      first('serveralivecountmax') ?? String(DEFAULT_SERVER_ALIVE_COUNT_MAX),
      'ServerAliveCountMax',
      where,
      0,
    ),
    connectTimeout:
      connectTimeout === undefined || connectTimeout === 'none'
        ? undefined
        : integer(connectTimeout, 'ConnectTimeout', where, 0),
  };
}

/** ProxyJump hops as targets of their own; ssh:// URIs become user@host:port. */
function proxyJumpHops(setting: string | undefined): string[] {
  if (setting === undefined || setting === 'none') return [];
  return setting
    .split(',')
    .map((hop) =>
      hop
        .trim()
        .replace(/^ssh:\/\//u, '')
        .replace(/\/$/u, ''),
    )
    .filter((hop) => hop !== '');
}

function integer(value: string, directive: string, where: string, min: number): number {
  const number = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min) || (directive === 'Port' && number > 65535)) {
    throw new AppFailure(
      appError(
        'ssh-config-invalid',
        `${directive} ${JSON.stringify(value)} in ${where} is not a valid number.`,
        `Fix ${directive} in ${where}, then try again.`,
      ),
    );
  }
  return number;
}

function flag(value: string, directive: string, where: string): boolean {
  const normalised = value.toLowerCase();
  if (normalised === 'yes' || normalised === 'true') return true;
  if (normalised === 'no' || normalised === 'false') return false;
  throw new AppFailure(
    appError(
      'ssh-config-invalid',
      `${directive} ${JSON.stringify(value)} in ${where} is neither yes nor no.`,
      `Fix ${directive} in ${where}, then try again.`,
    ),
  );
}

/** ssh -G prints true/false for yes/no; `off` is OpenSSH's other spelling of no. */
function strictHostKeyChecking(value: string, where: string): ResolvedSshConfig['strictHostKeyChecking'] {
  switch (value.toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'no':
    case 'false':
    case 'off':
      return 'no';
    case 'ask':
      return 'ask';
    case 'accept-new':
      return 'accept-new';
    default:
      throw new AppFailure(
        appError(
          'ssh-config-invalid',
          `StrictHostKeyChecking ${JSON.stringify(value)} in ${where} is not one of yes, no, ask, accept-new.`,
          `Fix StrictHostKeyChecking in ${where}, then try again.`,
        ),
      );
  }
}

/** The local account (ssh's %u and default User); os.userInfo() throws for a uid with no passwd entry. */
function localAccount(deps: SshConfigDeps): { username: string; homedir: string | undefined } {
  try {
    const account = deps.system.os.userInfo();
    return { username: account.username, homedir: account.homedir };
  } catch {
    return { username: deps.env.USER ?? deps.env.LOGNAME ?? '', homedir: undefined };
  }
}

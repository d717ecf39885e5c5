// Fetch from host: finds and reads the OpenClaw config on the SSH host the way the Gateway itself does, and returns
// what the app needs to connect (port, auth mode, shared secret), or an error that says exactly why it cannot and
// what to run on the host instead. The secret goes to the injected redact() before anything else is done with it.
import { posix } from 'node:path';
import JSON5 from 'json5';
import type { Client } from 'ssh2';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { readRemoteFile, runRemoteCommand } from '../ssh/remote';
import { DEFAULT_GATEWAY_PORT } from './probe';

/** The Gateway reads includes up to 2 MiB; the main file has no limit there, but a real one is a few KiB. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
const MAX_INCLUDE_DEPTH = 10;
const DEFAULT_TIMEOUT_MS = 15_000;

export type GatewayAuthMode = 'none' | 'token' | 'password' | 'trusted-proxy';
const AUTH_MODES: readonly string[] = ['none', 'token', 'password', 'trusted-proxy'] satisfies GatewayAuthMode[];

export interface GatewaySettings {
  port: number;
  authMode: GatewayAuthMode;
  /**
   * The shared secret to send as `auth.token`: gateway.auth.token in token mode, gateway.auth.password in password
   * mode (the Gateway accepts its configured secret in either field). Absent in mode `none`.
   */
  token?: string;
  /** The file the settings came from, as a path on the host. */
  configPath: string;
}

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

export interface FetchFromHostOptions {
  /** Receives the secret as soon as it is known, so the app log can mask it from then on. */
  redact: (secret: string) => void;
  /** For the environment lookup and for each file read. */
  timeoutMs?: number;
}

export function fetchGatewaySettingsFromHost(client: Client, options: FetchFromHostOptions): Promise<GatewaySettings> {
  return readGatewaySettings(sshHostAccess(client, options.timeoutMs ?? DEFAULT_TIMEOUT_MS), options.redact);
}

export async function readGatewaySettings(
  host: HostAccess,
  redact: (secret: string) => void,
): Promise<GatewaySettings> {
  const env = await host.environment();
  const candidates = configCandidates(env ?? {});
  for (const path of candidates) {
    const bytes = await readConfigFile(host, path);
    if (bytes === undefined) continue;
    const config = await expandIncludes(parseConfig(bytes, path), WANTED, path, [path], host);
    return interpretGatewayConfig(config, { env: env ?? {}, configPath: path, redact });
  }
  throw new AppFailure(configMissing(candidates, env !== undefined));
}

// --- Where the config is -------------------------------------------------------------------------------------

/**
 * The files the Gateway would take its config from, in its order (dist/paths-*.mjs,
 * resolveDefaultConfigCandidates): OPENCLAW_CONFIG_PATH alone when set; else $OPENCLAW_STATE_DIR, then
 * ~/.openclaw, then the legacy ~/.clawdbot, each with the legacy file name clawdbot.json after openclaw.json.
 * The first that exists wins. Home is OPENCLAW_HOME, else HOME; unknown, it stays `~` for SFTP to resolve.
 */
export function configCandidates(env: HostEnvironment): string[] {
  const osHome = homeValue(env.HOME);
  const openclawHome = homeValue(env.OPENCLAW_HOME);
  const home = openclawHome ? expandTilde(openclawHome, osHome ?? '~') : (osHome ?? '~');
  const resolve = (input: string) => {
    const expanded = expandTilde(input, home);
    // The Gateway resolves a relative path against its working directory; an SSH session starts in the home.
    return expanded.startsWith('/') || expanded.startsWith('~')
      ? posix.normalize(expanded)
      : posix.join(home, expanded);
  };
  const explicit = present(env.OPENCLAW_CONFIG_PATH);
  if (explicit) return [resolve(explicit)];
  const stateDir = present(env.OPENCLAW_STATE_DIR);
  const dirs = [...(stateDir ? [resolve(stateDir)] : []), posix.join(home, '.openclaw'), posix.join(home, '.clawdbot')];
  return dirs.flatMap((dir) => [posix.join(dir, 'openclaw.json'), posix.join(dir, 'clawdbot.json')]);
}

/** The Gateway takes a variable that is blank after trimming as unset. */
function present(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** A home variable as the Gateway reads it, where the words a broken script leaves behind count as unset too. */
function homeValue(value: string | undefined): string | undefined {
  const home = present(value);
  return home === 'undefined' || home === 'null' ? undefined : home;
}

function expandTilde(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? posix.join(home, path.slice(2)) : path;
}

function configMissing(candidates: string[], envKnown: boolean): AppError {
  // The legacy clawdbot names are looked for too, but naming them all would bury the two that matter.
  const main = candidates.filter((path) => path.endsWith('/openclaw.json') && !path.includes('/.clawdbot/'));
  const looked = main.length > 1 ? `neither ${main.join(' nor ')} exists` : `${candidates[0] ?? '?'} does not exist`;
  const envNote = envKnown
    ? ''
    : ' The app could not read your login environment on the host, so it did not look where OPENCLAW_STATE_DIR ' +
      'or OPENCLAW_CONFIG_PATH might point.';
  return appError(
    'openclaw-config-missing',
    `There is no OpenClaw config on the host: ${looked}.${envNote}`,
    'On the host, run "openclaw config file" to see which file the Gateway uses; if it has none yet, run ' +
      '"openclaw doctor --fix --generate-gateway-token" to create one with a token, and restart the Gateway.',
  );
}

// --- Reading and parsing -------------------------------------------------------------------------------------

function sshHostAccess(client: Client, timeoutMs: number): HostAccess {
  return {
    environment: () => loginEnvironment(client, timeoutMs),
    readFile: (path, maxBytes) => readRemoteFile(client, path, { maxBytes, timeoutMs }),
  };
}

const ENV_MARKER = 'openclaw-remote-env';
/** Fixed text, nothing from the user: prints a marker, then each variable, NUL-terminated. */
const PRINT_ENV = `printf '%s\\0' ${ENV_MARKER} ${HOST_ENV_NAMES.map((name) => `"\${${name}-}"`).join(' ')}`;
/**
 * The user's own shell as a login shell, so the variables set in their profile files count; shells whose `-l -c`
 * might not mean that get `sh -l`. The Gateway may run with another environment (a service); this is the best guess.
 */
const IN_LOGIN_SHELL =
  'case "${SHELL##*/}" in bash|zsh|ksh|dash|sh) exec "$SHELL" -l -c "$1" ;; *) exec sh -l -c "$1" ;; esac';

async function loginEnvironment(client: Client, timeoutMs: number): Promise<HostEnvironment | undefined> {
  let stdout: string;
  try {
    const result = await runRemoteCommand(client, ['sh', '-c', IN_LOGIN_SHELL, 'sh', PRINT_ENV], {
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

async function readConfigFile(host: HostAccess, path: string): Promise<Buffer | undefined> {
  try {
    return await host.readFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    const hint = 'Log in as the user who runs the Gateway, or check the file on the host with "ls -l".';
    switch (error.error.kind) {
      case 'remote-permission-denied':
        throw new AppFailure(
          appError(
            'openclaw-config-unreadable',
            `The OpenClaw config ${path} exists on the host, but this SSH user may not read it.`,
            hint,
          ),
        );
      case 'remote-not-a-file':
      case 'remote-read-failed':
        throw new AppFailure(
          appError(
            'openclaw-config-unreadable',
            `Could not read the OpenClaw config ${path}: ${error.error.message}`,
            hint,
          ),
        );
      case 'remote-file-too-large':
        throw new AppFailure(
          appError(
            'openclaw-config-too-large',
            `The OpenClaw config ${path} on the host is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, far ` +
              'larger than a real one, so the app did not read it.',
            'Check the file on the host; "openclaw config file" shows which file the Gateway really uses.',
          ),
        );
      default:
        throw error;
    }
  }
}

function parseConfig(bytes: Buffer, path: string): unknown {
  try {
    return JSON5.parse(bytes.toString('utf8'));
  } catch (error) {
    const { lineNumber, columnNumber } = error as { lineNumber?: unknown; columnNumber?: unknown };
    // json5 quotes the offending character, which could be part of the token: only the position is passed on.
    const where =
      typeof lineNumber === 'number' && typeof columnNumber === 'number'
        ? `line ${lineNumber}, column ${columnNumber}`
        : 'an unknown position';
    throw new AppFailure(
      appError(
        'openclaw-config-invalid',
        `The OpenClaw config ${path} on the host is not valid JSON5: it breaks at ${where}.`,
        'Fix the file on the host; "openclaw config validate" there says what is wrong.',
      ),
    );
  }
}

// --- $include ------------------------------------------------------------------------------------------------

/** The parts of the config this module reads; includes elsewhere (agents, channels, …) are not followed. */
type Wanted = true | { readonly [key: string]: Wanted };
const WANTED: Wanted = {
  gateway: { mode: true, port: true, auth: { mode: true, token: true, password: true } },
  secrets: { defaults: true },
};

/**
 * Applies `$include` as the Gateway does (dist/includes-*.mjs): a single file replaces the object that names it,
 * several are deep-merged in order, sibling keys are merged over the result, paths are relative to the including
 * file, at most 10 levels deep. Only the wanted parts are kept, so unrelated includes are never read.
 */
async function expandIncludes(
  value: unknown,
  wanted: Wanted,
  file: string,
  chain: readonly string[],
  host: HostAccess,
): Promise<unknown> {
  if (Array.isArray(value)) {
    return wanted === true ? Promise.all(value.map((item) => expandIncludes(item, true, file, chain, host))) : value;
  }
  if (!isRecord(value)) return value;
  const own: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childWanted = wanted === true ? true : wanted[key];
    if (key !== '$include' && childWanted !== undefined) {
      own[key] = await expandIncludes(child, childWanted, file, chain, host);
    }
  }
  if (!('$include' in value)) return own;
  const included = await loadIncludes(value.$include, wanted, file, chain, host);
  if (Object.keys(value).length === 1) return included;
  if (!isRecord(included)) {
    throw new AppFailure(invalid(file, 'an $include with sibling keys names a file that does not hold an object'));
  }
  return deepMerge(included, own);
}

async function loadIncludes(
  include: unknown,
  wanted: Wanted,
  file: string,
  chain: readonly string[],
  host: HostAccess,
): Promise<unknown> {
  const paths = typeof include === 'string' ? [include] : include;
  if (!Array.isArray(paths) || !paths.every((path): path is string => typeof path === 'string')) {
    throw new AppFailure(invalid(file, '$include must be a path or a list of paths'));
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    throw new AppFailure(invalid(file, `$include is nested more than ${MAX_INCLUDE_DEPTH} levels deep`));
  }
  let merged: unknown = {};
  for (const path of paths) {
    const target = path.startsWith('/') ? posix.normalize(path) : posix.join(posix.dirname(file), path);
    if (chain.includes(target)) throw new AppFailure(invalid(file, `$include loops back to ${target}`));
    const bytes = await readConfigFile(host, target);
    if (bytes === undefined) throw new AppFailure(invalid(file, `it includes ${target}, which does not exist`));
    const value = await expandIncludes(parseConfig(bytes, target), wanted, target, [...chain, target], host);
    // deepMerge({}, x) is x itself for anything but an object, so one file and a list of files take one path.
    merged = deepMerge(merged, value);
  }
  return merged;
}

/** The Gateway's include merge: objects merge key by key, arrays concatenate, anything else is replaced. */
function deepMerge(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...(target as unknown[]), ...(source as unknown[])];
  if (!isRecord(target) || !isRecord(source)) return source;
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    result[key] = key in result ? deepMerge(result[key], value) : value;
  }
  return result;
}

// --- What the config means -----------------------------------------------------------------------------------

export interface InterpretContext {
  env: HostEnvironment;
  configPath: string;
  redact: (secret: string) => void;
}

/** The Gateway's port, auth mode and shared secret from a parsed, include-expanded config object. */
export function interpretGatewayConfig(config: unknown, context: InterpretContext): GatewaySettings {
  const { configPath } = context;
  const root = objectAt(config, 'the top level', configPath);
  const gateway = objectAt(root.gateway, 'gateway', configPath);
  if (gateway.mode === 'remote') {
    throw new AppFailure(
      appError(
        'openclaw-config-remote-mode',
        `The OpenClaw config ${configPath} makes this host a client of another Gateway (gateway.mode "remote"), so ` +
          'no Gateway runs here.',
        'Connect the app to the host that runs the Gateway: gateway.remote.url or gateway.remote.sshTarget in that ' +
          'file names it.',
      ),
    );
  }
  const port = gatewayPort(gateway.port, context.env, configPath);
  const auth = objectAt(gateway.auth, 'gateway.auth', configPath);
  const defaults = isRecord(root.secrets) && isRecord(root.secrets.defaults) ? root.secrets.defaults : {};
  const token = secretInput(auth.token, 'gateway.auth.token', defaults, configPath);
  const password = secretInput(auth.password, 'gateway.auth.password', defaults, configPath);
  const authMode = authModeOf(auth.mode, token, password, configPath);
  switch (authMode) {
    case 'none':
      return { port, authMode, configPath };
    case 'trusted-proxy':
      throw new AppFailure(
        appError(
          'gateway-auth-trusted-proxy',
          `The Gateway on this host only lets in users that an identity-aware proxy vouches for (gateway.auth.mode ` +
            `"trusted-proxy" in ${configPath}). It refuses connections from its own host, which is where an SSH ` +
            'tunnel arrives, and it has no token to give the app.',
          'Connect through the proxy’s URL instead of SSH, or switch the Gateway to token auth on the host: ' +
            '"openclaw config set gateway.auth.mode token", then "openclaw doctor --fix --generate-gateway-token", ' +
            'and restart it.',
        ),
      );
    case 'token':
    case 'password': {
      const secret = authMode === 'token' ? token : password;
      const value = usableSecret(secret, authMode, configPath);
      context.redact(value);
      return { port, authMode, token: value, configPath };
    }
  }
}

/** Port precedence as in the Gateway's resolveGatewayPort: OPENCLAW_GATEWAY_PORT, gateway.port, profile, 18789. */
function gatewayPort(value: unknown, env: HostEnvironment, configPath: string): number {
  const fromEnv = portFromEnv(env.OPENCLAW_GATEWAY_PORT);
  if (fromEnv !== undefined) return fromEnv;
  if (value !== undefined) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) return value;
    throw new AppFailure(invalid(configPath, `gateway.port is ${describe(value)}, not a port number (1–65535)`));
  }
  const profile = present(env.OPENCLAW_PROFILE);
  if (profile && profile.toLowerCase() !== 'default' && /^[a-z0-9][a-z0-9_-]{0,63}$/i.test(profile)) {
    // A named profile without a configured port gets its own, derived from the name (FNV-1a into 20000–59999).
    let hash = 2166136261;
    for (const byte of Buffer.from(profile, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
    return 20_000 + (hash % 40_000);
  }
  return DEFAULT_GATEWAY_PORT;
}

/** `18789`, `host:18789` or `[::1]:18789`, as the Gateway accepts it; anything else is ignored, as there. */
function portFromEnv(raw: string | undefined): number | undefined {
  const text = raw?.trim() ?? '';
  const digits = /^\d+$/.test(text)
    ? text
    : (/^\[[^\]]+\]:(\d+)$/.exec(text)?.[1] ?? /^[^:]+:(\d+)$/.exec(text)?.[1] ?? undefined);
  const port = digits === undefined ? NaN : Number(digits);
  return port >= 1 && port <= 65535 ? port : undefined;
}

type SecretInput =
  | { kind: 'absent' }
  | { kind: 'plain'; value: string }
  | { kind: 'ref'; label: string; source: string; provider: string; id: string }
  | { kind: 'env-template'; names: string[] };

const REF_SOURCES = ['env', 'file', 'exec', 'store'];
const ENV_TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$|^\$([A-Z][A-Z0-9_]{0,127})$/;
/** `${NAME}` substituted at load, not the escaped `$${NAME}`, which stands for the literal `${NAME}`. */
const ENV_SUBSTITUTION = /\$\$\{[A-Z_][A-Z0-9_]*\}|\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** A credential field as the Gateway reads it (types.secrets: coerceSecretRef, then env substitution). */
function secretInput(
  value: unknown,
  field: string,
  defaults: Record<string, unknown>,
  configPath: string,
): SecretInput {
  if (value === undefined || value === null) return { kind: 'absent' };
  const defaultProvider = (source: string) => {
    const configured = defaults[source];
    return typeof configured === 'string' && configured.trim() ? configured.trim() : 'default';
  };
  if (isRecord(value)) {
    const { source, provider, id } = value;
    const keys = Object.keys(value).length;
    if (typeof source === 'string' && REF_SOURCES.includes(source) && typeof id === 'string' && id.trim()) {
      // {source, provider, id} is the canonical shape; {source, id} is the older one, with the source's default.
      if (keys === 3 && typeof provider === 'string' && provider.trim()) return ref(source, provider, id);
      if (keys === 2 && provider === undefined) return ref(source, defaultProvider(source), id);
    }
    throw new AppFailure(
      invalid(configPath, `${field} is an object that is not a secret reference {source, provider, id}`),
    );
  }
  if (typeof value !== 'string') {
    // Only the type: a token typed as a number is still a secret.
    const type = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new AppFailure(invalid(configPath, `${field} is ${type}, not text`));
  }
  const template = ENV_TEMPLATE.exec(value.trim());
  const templateName = template?.[1] ?? template?.[2];
  if (templateName) return ref('env', defaultProvider('env'), templateName);
  const names = [...value.matchAll(ENV_SUBSTITUTION)].flatMap((match) => (match[1] ? [match[1]] : []));
  if (names.length > 0) return { kind: 'env-template', names };
  const literal = value.replaceAll(/\$\$\{([A-Z_][A-Z0-9_]*)\}/g, '${$1}').trim();
  return literal ? { kind: 'plain', value: literal } : { kind: 'absent' };
}

function ref(source: string, provider: string, id: string): SecretInput {
  return { kind: 'ref', label: `${source}:${provider}:${id}`, source, provider, id };
}

/** Mode defaulting as in the Gateway's resolveGatewayAuth: explicit, else password when one is set, else token. */
function authModeOf(value: unknown, token: SecretInput, password: SecretInput, configPath: string): GatewayAuthMode {
  if (value !== undefined) {
    if (typeof value === 'string' && AUTH_MODES.includes(value)) return value as GatewayAuthMode;
    throw new AppFailure(
      invalid(configPath, `gateway.auth.mode is ${describe(value)}, not one of ${AUTH_MODES.join(', ')}`),
    );
  }
  if (token.kind !== 'absent' && password.kind !== 'absent') {
    throw new AppFailure(
      appError(
        'gateway-auth-ambiguous',
        `The OpenClaw config ${configPath} sets both a Gateway token and a password but not gateway.auth.mode, and ` +
          'the Gateway refuses to start like that.',
        'On the host, run "openclaw config set gateway.auth.mode token" (or password) and restart the Gateway.',
      ),
    );
  }
  return password.kind === 'absent' ? 'token' : 'password';
}

/**
 * Values the Gateway refuses to start with (known-weak-gateway-secrets, redact-sentinel in its dist): words that
 * blank input leaves behind, the markers it writes where it redacts a secret, and placeholders from its examples.
 */
const REFUSED_SECRETS = new Set([
  'undefined',
  'null',
  '__OPENCLAW_REDACTED__',
  'REDACTED',
  'xoxb-REDACTED',
  'xapp-REDACTED',
  '***',
  '[redacted]',
  '[REDACTED]',
  '<redacted>',
  '[REDACTED_PRIVATE_KEY]',
  '[REDACTED CREDENTIAL]',
]);
const REFUSED_PLACEHOLDERS = {
  token: ['change-me-to-a-long-random-token', 'change-me-now'],
  password: ['change-me-to-a-strong-password'],
};

function usableSecret(secret: SecretInput, mode: 'token' | 'password', configPath: string): string {
  const field = `gateway.auth.${mode}`;
  const fetchAgain = 'restart the Gateway, then fetch from the host again';
  switch (secret.kind) {
    case 'plain':
      if (!REFUSED_SECRETS.has(secret.value) && !REFUSED_PLACEHOLDERS[mode].includes(secret.value)) {
        return secret.value;
      }
      throw new AppFailure(
        appError(
          `gateway-${mode}-invalid`,
          `${field} in ${configPath} is "${secret.value}", a placeholder rather than a real ${mode}.`,
          mode === 'token'
            ? `On the host, run "openclaw doctor --fix --generate-gateway-token", ${fetchAgain}.`
            : `On the host, set a real password with "openclaw config set ${field} …", ${fetchAgain}.`,
        ),
      );
    case 'ref':
      throw new AppFailure(
        appError(
          `gateway-${mode}-secret-ref`,
          `${field} in ${configPath} is a secret reference (${secret.label}), not the ${mode} itself: the Gateway ` +
            `gets the value ${whereRefPoints(secret)} when it starts, so the app cannot copy it from the file.`,
          revealHint(mode),
        ),
      );
    case 'env-template':
      throw new AppFailure(
        appError(
          `gateway-${mode}-secret-ref`,
          `${field} in ${configPath} is built from the environment variable${secret.names.length > 1 ? 's' : ''} ` +
            `${secret.names.join(', ')} of the Gateway's process, so the app cannot copy it from the file.`,
          revealHint(mode),
        ),
      );
    case 'absent': {
      const fallback =
        mode === 'token'
          ? 'OPENCLAW_GATEWAY_TOKEN from its environment or, failing that, a token it made up at startup; the app ' +
            'can read neither'
          : 'OPENCLAW_GATEWAY_PASSWORD from its environment, which the app cannot read';
      throw new AppFailure(
        appError(
          `gateway-${mode}-missing`,
          `The OpenClaw config ${configPath} sets no Gateway ${mode} (${field}), so the Gateway uses ${fallback}.`,
          mode === 'token'
            ? 'On the host, run "openclaw doctor --fix --generate-gateway-token" (or "openclaw config set ' +
                `gateway.auth.token <a long random string>"), ${fetchAgain}.`
            : `Type the password into the app, or set it on the host with "openclaw config set ${field} …" and ` +
                `${fetchAgain}.`,
        ),
      );
    }
  }
}

function whereRefPoints(secret: Extract<SecretInput, { kind: 'ref' }>): string {
  const provider = `"${secret.provider}" (secrets.providers.${secret.provider})`;
  switch (secret.source) {
    case 'env':
      return `from the environment variable ${secret.id} of its process`;
    case 'file':
      return `from the file provider ${provider}, at ${secret.id}`;
    case 'exec':
      return `by running the command of the exec provider ${provider} for "${secret.id}"`;
    default:
      return `from OpenClaw's secret store, entry "${secret.id}"`;
  }
}

function revealHint(mode: 'token' | 'password'): string {
  return mode === 'token'
    ? 'On the host, run "openclaw gateway auth-token --show" in a terminal: it resolves the reference and prints the ' +
        'token. Paste that into the app.'
    : 'Type the password into the app: the Gateway accepts it in place of a token.';
}

// --- Helpers -------------------------------------------------------------------------------------------------

function objectAt(value: unknown, where: string, configPath: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  throw new AppFailure(invalid(configPath, `${where} is ${describe(value)}, not an object`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value from the config for an error message; callers never pass a credential here. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function invalid(configPath: string, problem: string): AppError {
  return appError(
    'openclaw-config-invalid',
    `The OpenClaw config ${configPath} on the host is not valid: ${problem}.`,
    'Fix the file on the host; "openclaw config validate" there says what is wrong.',
  );
}

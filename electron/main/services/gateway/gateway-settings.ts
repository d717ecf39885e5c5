// What an OpenClaw config means for connecting to its Gateway: the port, the auth mode and the shared secret, read
// with the Gateway's own precedence and defaults, and the precise error where the app cannot use them (secret
// references, placeholder secrets the Gateway refuses, trusted-proxy and remote mode). The secret goes to redact().
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { envValue, type HostEnvironment } from './host-access';
import { configInvalid, isRecord, type ConfigSelection } from './host-openclaw-config';
import { DEFAULT_GATEWAY_PORT } from './probe';

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

/** The parts of the config interpretGatewayConfig reads; includes elsewhere (agents, channels, …) are not followed. */
export const GATEWAY_SETTINGS_PARTS: ConfigSelection = {
  gateway: { mode: true, port: true, auth: { mode: true, token: true, password: true } },
  secrets: { defaults: true },
};

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
    throw new AppFailure(configInvalid(configPath, `gateway.port is ${describe(value)}, not a port number (1–65535)`));
  }
  const profile = envValue(env.OPENCLAW_PROFILE);
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
      configInvalid(configPath, `${field} is an object that is not a secret reference {source, provider, id}`),
    );
  }
  if (typeof value !== 'string') {
    // Only the type: a token typed as a number is still a secret.
    const type = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new AppFailure(configInvalid(configPath, `${field} is ${type}, not text`));
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
      configInvalid(configPath, `gateway.auth.mode is ${describe(value)}, not one of ${AUTH_MODES.join(', ')}`),
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

function objectAt(value: unknown, where: string, configPath: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  throw new AppFailure(configInvalid(configPath, `${where} is ${describe(value)}, not an object`));
}

/** A value from the config for an error message; callers never pass a credential here. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

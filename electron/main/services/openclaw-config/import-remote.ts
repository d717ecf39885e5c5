// Import: the remote Gateway that this Mac's OpenClaw CLI is set up for (gateway.mode "remote", gateway.remote.*)
// turned into a profile the user can save, plus the token when the file holds it as plain text. What cannot be
// carried over (a secret reference, a tunnel started elsewhere) becomes a note or a reason, never an exception.
import { DEFAULT_LOCAL_PORT, parseGatewayUrl } from '../../../shared/gateway-url';
import { profileSchema, type ProfileInput, type Route } from '../../../shared/profile';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { isRecord } from '../gateway/host-openclaw-config';
import type { System } from '../system/system';
import { configInvalid, describeType, readOpenclawConfigFile } from './config-file';
import { locateOpenclawConfig, type ConfigEnvironment } from './config-location';
import { remoteSectionOf } from './remote-section';
import { normalizeTlsFingerprint } from './tls-fingerprint';

export type ImportNoteKind =
  /** gateway.remote is filled in but gateway.mode is not "remote", so the CLI does not use it now. */
  | 'remote-inactive'
  /** A direct URL on a *.ts.net host: kept as a direct route, since the file does not say which tailnet device. */
  | 'tailnet-url'
  /** No usable token: missing, or a reference or ${VAR} placeholder the app does not resolve. */
  | 'token-needed'
  /** The file signs in with gateway.remote.password, which the app sends as the token (the Gateway accepts it). */
  | 'password-as-token';

export interface ImportNote {
  kind: ImportNoteKind;
  message: string;
}

export type OpenclawImport =
  | {
      kind: 'remote';
      configPath: string;
      profile: Omit<ProfileInput, 'id'>;
      /** Only a plain-text secret from the file; absent means the user must enter it (a note says why). */
      token?: string;
      notes: ImportNote[];
    }
  | { kind: 'nothing-to-import'; configPath: string; reason: string };

/** The profile behind this Mac's OpenClaw CLI config; a broken file throws an AppFailure naming it. */
export async function importOpenclawRemote(deps: {
  env: ConfigEnvironment;
  homeDir: string;
  system: System;
}): Promise<OpenclawImport> {
  const { files } = deps.system;
  const location = await locateOpenclawConfig(files, deps.env, deps.homeDir);
  const file = location.exists ? await readOpenclawConfigFile(files, location.path) : undefined;
  if (!file) return nothing(location.path, `There is no OpenClaw config on this Mac yet (${location.path}).`);
  return importFrom(file.config, file.path);
}

function importFrom(config: Record<string, unknown>, path: string): OpenclawImport {
  const { gateway, remote } = remoteSectionOf(config, path);
  const url = optionalText(remote.url, 'gateway.remote.url', path);
  const sshTarget = optionalText(remote.sshTarget, 'gateway.remote.sshTarget', path);
  if (gateway.mode !== 'remote' && url === undefined && sshTarget === undefined) {
    return nothing(
      path,
      `${path} sets no remote Gateway: gateway.mode is not "remote" and gateway.remote names no URL or SSH target.`,
    );
  }
  const transport = remote.transport ?? 'ssh';
  if (transport !== 'ssh' && transport !== 'direct') {
    throw new AppFailure(configInvalid(path, 'gateway.remote.transport is neither "ssh" nor "direct"'));
  }
  const notes: ImportNote[] = [];
  if (gateway.mode !== 'remote') {
    notes.push({
      kind: 'remote-inactive',
      message:
        `gateway.mode in ${path} is not "remote", so the OpenClaw CLI does not use these remote settings right now; ` +
        'the profile is made from them anyway.',
    });
  }
  const parsedUrl = url === undefined ? undefined : parseGatewayUrl(url);
  if (url !== undefined && parsedUrl === undefined) {
    throw new AppFailure(configInvalid(path, 'gateway.remote.url is not a ws:// or wss:// URL with a host'));
  }
  let route: Route;
  let name: string;
  if (transport === 'ssh') {
    if (sshTarget === undefined) {
      return nothing(
        path,
        `${path} uses an SSH tunnel (gateway.remote.transport "ssh") but does not say to which host: ` +
          'gateway.remote.sshTarget is not set, so the tunnel is started some other way.',
      );
    }
    const identityFile = optionalText(remote.sshIdentity, 'gateway.remote.sshIdentity', path);
    // The port in the URL is the local end of the tunnel; the Gateway's port on the host falls back to it.
    const localPort = parsedUrl?.port ?? DEFAULT_LOCAL_PORT;
    route = {
      kind: 'ssh',
      target: sshTarget,
      ...(identityFile === undefined ? {} : { identityFile }),
      localPort,
      remotePort: optionalPort(remote.remotePort, path) ?? localPort,
      useEphemeralPortIfBusy: false,
      allowPassword: false,
    };
    name = sshTarget;
  } else {
    if (url === undefined || parsedUrl === undefined) {
      return nothing(
        path,
        `${path} connects directly (gateway.remote.transport "direct") but gateway.remote.url is not set.`,
      );
    }
    const tlsFingerprint = optionalFingerprint(remote.tlsFingerprint, path);
    route = { kind: 'direct', url, ...(tlsFingerprint === undefined ? {} : { tlsFingerprint }), acceptInsecure: false };
    name = parsedUrl.host;
    if (/\.ts\.net$/iu.test(parsedUrl.host)) {
      notes.push({
        kind: 'tailnet-url',
        message:
          `${parsedUrl.host} is a Tailscale address. The profile reaches it as a direct URL, which works while this ` +
          'Mac is on the tailnet; to pick the device from your tailnet instead, add it under Tailscale network.',
      });
    }
  }
  const { token, note } = credentialOf(remote, path);
  if (note) notes.push(note);
  const profile = { name: name.slice(0, 64), route };
  checkProfile(profile, path);
  return { kind: 'remote', configPath: path, profile, ...(token === undefined ? {} : { token }), notes };
}

// --- The credential ------------------------------------------------------------------------------------------

type Secret = { kind: 'absent' } | { kind: 'plain'; value: string } | { kind: 'unresolved'; what: string };

/**
 * gateway.remote.token, else gateway.remote.password (the Gateway takes its password in the token field too).
 * The CLI would fall back further, to OPENCLAW_GATEWAY_TOKEN and gateway.auth.token; the app cannot see the
 * shell's environment, so it asks instead of guessing.
 */
function credentialOf(remote: Record<string, unknown>, path: string): { token?: string; note?: ImportNote } {
  const token = secretOf(remote.token, 'gateway.remote.token', path);
  if (token.kind === 'plain') return { token: token.value };
  if (token.kind === 'unresolved') return { note: unresolvedNote('gateway.remote.token', token.what, path) };
  const password = secretOf(remote.password, 'gateway.remote.password', path);
  if (password.kind === 'plain') {
    const message =
      `${path} signs in with a password (gateway.remote.password). The app sends it as the token, which the ` +
      'Gateway accepts in its place.';
    return { token: password.value, note: { kind: 'password-as-token', message } };
  }
  if (password.kind === 'unresolved') return { note: unresolvedNote('gateway.remote.password', password.what, path) };
  const message =
    `${path} holds no gateway.remote.token (the CLI would take OPENCLAW_GATEWAY_TOKEN or gateway.auth.token): ` +
    'enter the Gateway token in the profile.';
  return { note: { kind: 'token-needed', message } };
}

function unresolvedNote(field: string, what: string, path: string): ImportNote {
  return {
    kind: 'token-needed',
    message:
      `${field} in ${path} is ${what}, which the app does not resolve: enter the Gateway token in the profile ` +
      '("openclaw gateway auth-token --show" on the Gateway host prints it).',
  };
}

/** `${NAME}` is substituted from the environment when the CLI loads the file; `$${NAME}` stands for itself. */
const ENV_PLACEHOLDER = /\$\$\{[A-Z_][A-Z0-9_]*\}|\$\{([A-Z_][A-Z0-9_]*)\}/gu;

/** A SecretInput field (plain text, `${VAR}`, or a {source, provider, id} reference) as far as the app can read it. */
function secretOf(value: unknown, field: string, path: string): Secret {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (isRecord(value)) {
    const { source, id } = value;
    if (typeof source !== 'string') {
      throw new AppFailure(configInvalid(path, `${field} is an object that is not a secret reference {source, id}`));
    }
    // The reference names where the secret lives (a variable, a file path, a command), not the secret itself.
    return { kind: 'unresolved', what: `a secret reference (${source}${typeof id === 'string' ? `:${id}` : ''})` };
  }
  if (typeof value !== 'string') {
    throw new AppFailure(configInvalid(path, `${field} is ${describeType(value)}, not text`));
  }
  const names = [...value.matchAll(ENV_PLACEHOLDER)].flatMap((match) => (match[1] ? [match[1]] : []));
  if (names.length > 0) {
    return {
      kind: 'unresolved',
      what: `taken from the environment variable ${names.map((n) => `\${${n}}`).join(', ')}`,
    };
  }
  const literal = value.replaceAll(/\$\$\{([A-Z_][A-Z0-9_]*)\}/gu, '${$1}').trim();
  return literal ? { kind: 'plain', value: literal } : { kind: 'absent' };
}

// --- Fields --------------------------------------------------------------------------------------------------

function optionalText(value: unknown, field: string, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new AppFailure(configInvalid(path, `${field} is ${describeType(value)}, not text`));
  }
  return value.trim() || undefined;
}

function optionalPort(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) return value;
  throw new AppFailure(configInvalid(path, 'gateway.remote.remotePort is not a port number (1–65535)'));
}

function optionalFingerprint(value: unknown, path: string): string | undefined {
  const text = optionalText(value, 'gateway.remote.tlsFingerprint', path);
  if (text === undefined) return undefined;
  const pin = normalizeTlsFingerprint(text);
  if (pin === undefined) {
    throw new AppFailure(
      configInvalid(path, 'gateway.remote.tlsFingerprint is not a SHA-256 fingerprint ("sha256:" and 64 hex digits)'),
    );
  }
  return pin;
}

/** What the file says, checked as a profile, so a setting the app refuses (ws:// across the internet) is named now. */
function checkProfile(profile: Omit<ProfileInput, 'id'>, path: string): void {
  const checked = profileSchema.safeParse({ id: 'imported', ...profile });
  if (checked.success) return;
  throw new AppFailure(
    appError(
      'openclaw-config-not-importable',
      `The remote Gateway in ${path} cannot become a profile: ${checked.error.issues[0]?.message ?? 'it is not valid'}`,
      'Add the profile by hand instead.',
    ),
  );
}

function nothing(configPath: string, reason: string): OpenclawImport {
  return { kind: 'nothing-to-import', configPath, reason };
}

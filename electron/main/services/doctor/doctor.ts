// The doctor: checks the way from this Mac to one profile's Gateway one layer at a time — the profile, the name, the
// port, SSH's host key and login, the local port, the forward, the Gateway's health and sign-in, then the Gateway on
// its host and its log — with the app's own building blocks, so that it finds what connecting would hit. It never
// trusts a new host key and never saves a thing.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { DoctorReport, DoctorStep, DoctorStepId } from '../../../shared/doctor';
import { appError, type AppError } from '../../../shared/errors';
import { parseGatewayUrl } from '../../../shared/gateway-url';
import type { Profile } from '../../../shared/profile';
import type { StabilityHistory } from '../../../shared/stability';
import { AppFailure } from '../../app-failure';
import { sshSettingsForProfile } from '../connection/route-for-profile';
import {
  portOwnerOn,
  sshConnector,
  withProfileOverrides,
  type SshConnectionObserver,
  type SshRouteSettings,
} from '../connection/ssh-route';
import type { AppLog } from '../log/app-log';
import { checkIdentityFile } from '../profiles/identity-file';
import type { ProfileService } from '../profiles/profile-service';
import type { SecretStore } from '../secrets/secret-store';
import { steadierKeepalive } from '../connection/stability-settings';
import { keepaliveOf, reachHint } from '../ssh/connect';
import type { HostKeyVerdict } from '../ssh/host-verifier';
import { resolveSshConfig, type SshConfigDeps } from '../ssh/ssh-config';
import { forwardRefused } from '../ssh/tunnel';
import type { ResolvedSshConfig, SshPrompts } from '../ssh/types';
import type { System } from '../system/system';
import type { GatewayClient } from '../gateway/gateway-client';
import type { TailscaleService } from '../tailscale/tailscale-service';
import { checkHandshake, checkHttpHealth, openTlsStream } from './gateway-checks';
import { hostChecks } from './host-checks';
import { checkTcp, resolveHost } from './network-checks';
import { portFree } from './free-port';
import { createReportRedaction, type ReportRedaction } from './report-redaction';
import { assessStability, gatewayRoundTrips, sshRoundTrips, type StabilityAssessment } from './stability-check';
import { runChecks, type CheckOutcome, type DoctorCheck } from './step-runner';
import { checkTailscale } from './tailscale-check';

export interface DoctorDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  sshConfig: SshConfigDeps;
  /** Passphrases and passwords as connecting asks for them; the doctor answers host key questions itself: no. */
  prompts: SshPrompts;
  system: System;
  log: AppLog;
  appVersion: string;
  /** Each step, as soon as it is known. */
  onStep?: (step: DoctorStep) => void;
  /** The Tailscale CLI and tailnet, for a profile that reaches a tailnet device. */
  tailscale: TailscaleService;
  /** The profile's link of the last hour, as this process recorded it (empty in a one-shot CLI run). */
  stability: StabilityHistory;
  timeouts?: Partial<DoctorTimeouts>;
  /** Hears the destination's host key verdict (a changed key, for the Security page's two fingerprints). */
  onHostKeyVerdict?: (verdict: HostKeyVerdict) => void;
}

export interface DoctorTimeouts {
  /** A TCP connection, an SSH login (without a person's time at a prompt), a channel, an HTTP answer. */
  networkMs: number;
  /** The Gateway sign-in, the device-token retry included. */
  handshakeMs: number;
  /** A command on the host: the OpenClaw CLI alone takes seconds to start on a small host. */
  hostCommandMs: number;
}

const DEFAULT_TIMEOUTS: DoctorTimeouts = { networkMs: 10_000, handshakeMs: 20_000, hostCommandMs: 45_000 };

export async function runDoctor(profile: Profile, deps: DoctorDeps): Promise<DoctorReport> {
  const redaction = createReportRedaction();
  const token = await deps.profiles.token(profile.id);
  redaction.add(token);
  if (token) deps.log.addSecret(token);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  const ssh = sshSettingsForProfile(profile);
  const context: CheckContext = { profile, token, deps, redaction, timeouts };
  const { checks, close } = ssh ? sshChecks(context, ssh) : urlChecks(context);
  try {
    const steps = await runChecks(checks, {
      redact: (text) => redaction.redact(text),
      ...(deps.onStep ? { onStep: deps.onStep } : {}),
    });
    return { ok: steps.every((step) => step.status !== 'fail'), profile: profile.name, steps };
  } finally {
    await context.signedIn?.close();
    close();
  }
}

interface CheckContext {
  profile: Profile;
  token: string | undefined;
  deps: DoctorDeps;
  redaction: ReportRedaction;
  timeouts: DoctorTimeouts;
  /** The sign-in step's Gateway client, kept for the log step when it signed in. */
  signedIn?: GatewayClient;
}

interface CheckPlan {
  checks: DoctorCheck[];
  /** Ends what the checks left open (the SSH connection). */
  close: () => void;
}

/** How the SSH login went: the client when it worked, the host key verdict if the server got that far. */
interface LoginResult {
  client?: Client;
  error?: AppError;
  verdict?: HostKeyVerdict;
  method?: string;
}

function sshChecks(context: CheckContext, ssh: SshRouteSettings): CheckPlan {
  const { deps, profile, timeouts } = context;
  const { system } = deps;
  let config: ResolvedSshConfig | undefined;
  let addresses: string[] = [];
  let login: LoginResult = {};
  let forwardOpened = false;
  const hostOf = () => (config as ResolvedSshConfig).hostname;
  const portOf = () => (config as ResolvedSshConfig).port;
  const jumped = () => (config?.proxyJump.length ?? 0) > 0;
  const gatewayWhere = `127.0.0.1:${ssh.remotePort} on the host`;

  const openChannel = async (): Promise<Duplex> => {
    const client = login.client as Client;
    return new Promise((resolve, reject) => {
      const timer = system.clock.setTimeout(
        () =>
          reject(
            new AppFailure(
              appError(
                'forward-timeout',
                `The host did not open a connection to ${gatewayWhere} within ${timeouts.networkMs / 1000} s.`,
                'The SSH server may be overloaded; run the doctor again.',
              ),
            ),
          ),
        timeouts.networkMs,
      );
      client.forwardOut('127.0.0.1', 0, '127.0.0.1', ssh.remotePort, (error, channel) => {
        system.clock.clearTimeout(timer);
        if (error) reject(new AppFailure(forwardError(error, ssh.remotePort)));
        else resolve(channel);
      });
    });
  };

  const checks: DoctorCheck[] = [
    {
      id: 'profile',
      title: 'Profile',
      needs: [],
      run: async () => {
        if (ssh.identityFile !== undefined) checkIdentityFile(system.files, ssh.identityFile, deps.sshConfig.home);
        config = withProfileOverrides(await resolveSshConfig(ssh.target, deps.sshConfig), ssh, deps.sshConfig.home);
        const keys =
          ssh.identityFile === undefined
            ? 'keys from ~/.ssh/config and the agent'
            : `the identity file ${ssh.identityFile} (closed to other users)`;
        const jump = jumped() ? ` through ${config.proxyJump.join(', ')}` : '';
        const reaches =
          `${profile.name} reaches ${config.user}@${config.hostname}:${config.port}${jump} with ${keys}, and the ` +
          `Gateway at port ${ssh.remotePort} there from local port ${ssh.localPort === 0 ? '(any free one)' : ssh.localPort}.`;
        return tokenOutcome(context, reaches, 'fetch-token');
      },
    },
    {
      id: 'name-resolution',
      title: 'Name resolution',
      needs: ['profile'],
      run: async () => {
        if (jumped()) return throughJumpHost(config as ResolvedSshConfig);
        const resolved = await resolveHost(hostOf(), system);
        addresses = resolved.addresses;
        return resolved.outcome;
      },
    },
    {
      id: 'tcp',
      title: 'TCP reachability',
      needs: ['name-resolution'],
      run: () =>
        jumped()
          ? throughJumpHost(config as ResolvedSshConfig)
          : checkTcp({
              host: hostOf(),
              address: addresses[0] ?? hostOf(),
              port: portOf(),
              timeoutMs: (config?.connectTimeout ?? 0) * 1000 || timeouts.networkMs,
              hint: reachHint(portOf()),
              system,
            }),
    },
    {
      id: 'host-key',
      title: 'SSH host key',
      needs: ['tcp'],
      run: async () => {
        login = await logIn(context, ssh);
        return hostKeyOutcome(login, `${hostOf()}:${portOf()}`);
      },
    },
    {
      id: 'authentication',
      title: 'SSH login',
      needs: ['host-key'],
      run: () => {
        if (!login.client) throw new AppFailure(login.error as AppError);
        const method = login.method ?? 'no authentication';
        const how = method.startsWith('/') ? `the key ${method}` : method;
        return { status: 'pass', detail: `Logged in as ${config?.user} with ${how}.` };
      },
    },
    {
      id: 'local-port',
      title: 'Local port',
      needs: ['profile'],
      run: () => checkLocalPort(ssh, system),
    },
    {
      id: 'forward',
      title: 'Forward to the Gateway',
      needs: ['authentication'],
      run: async () => {
        const channel = await openChannel();
        channel.destroy();
        forwardOpened = true;
        return { status: 'pass', detail: `The host opened a connection to ${gatewayWhere}.` };
      },
    },
    {
      id: 'http-health',
      title: 'Gateway health',
      needs: ['forward'],
      run: () =>
        checkHttpHealth({
          openStream: openChannel,
          where: gatewayWhere,
          clock: system.clock,
          timeoutMs: timeouts.networkMs,
        }),
    },
    {
      id: 'gateway-handshake',
      title: 'Gateway sign-in',
      needs: ['forward'],
      run: () =>
        checkHandshake({
          // What the Gateway sees is the tunnel's loopback end, as when connecting.
          url: `ws://127.0.0.1:${ssh.localPort === 0 ? ssh.remotePort : ssh.localPort}`,
          openStream: openChannel,
          ...handshakeDeps(context, 'fetch-token'),
        }),
    },
    ...hostChecks({
      ssh: { client: () => login.client, remotePort: ssh.remotePort, forwardOpened: () => forwardOpened },
      signedIn: () => context.signedIn,
      clock: system.clock,
      hostCommandMs: timeouts.hostCommandMs,
    }),
  ];
  checks.push(
    ...tailscaleChecks(context),
    stabilityCheck(context, 'authentication', async () => ({
      fresh: await sshRoundTrips(login.client as Client, system.clock, timeouts.networkMs),
      proposal: steadierKeepalive(deps.stability.events, keepaliveOf(config as ResolvedSshConfig)),
    })),
  );
  return { checks, close: () => login.client?.end() };
}

function urlChecks(context: CheckContext): CheckPlan {
  const { deps, profile, timeouts } = context;
  const { system } = deps;
  const { route } = profile;
  const url =
    route.kind === 'direct' ? route.url : route.kind === 'tailscale' && route.via.kind === 'url' ? route.via.url : '';
  const tlsFingerprint = route.kind === 'direct' ? route.tlsFingerprint : undefined;
  const parsed = parseGatewayUrl(url);
  const host = parsed?.host.replace(/^\[(.*)\]$/u, '$1') ?? '';
  const port = parsed?.port ?? (parsed?.secure ? 443 : 80);
  let addresses: string[] = [];
  const where = `${parsed?.host ?? url}:${port}`;
  const openSocket = (): Promise<Duplex> =>
    parsed?.secure
      ? openTlsStream({ url, host, address: addresses[0] ?? host, port, ...(tlsFingerprint ? { tlsFingerprint } : {}) })
      : new Promise((resolve, reject) => {
          const socket = net.connect({ host: addresses[0] ?? host, port });
          socket.once('connect', () => resolve(socket));
          socket.once('error', reject);
        });
  const checks: DoctorCheck[] = [
    {
      id: 'profile',
      title: 'Profile',
      needs: [],
      run: () => {
        if (!parsed)
          throw new AppFailure(
            appError('invalid-profile', `${url} is not a ws:// or wss:// URL.`, 'Edit the profile.'),
          );
        const pin = tlsFingerprint ? `, certificate pinned to ${tlsFingerprint}` : '';
        return tokenOutcome(context, `${profile.name} reaches the Gateway at ${url}${pin}.`, 'enter-token');
      },
    },
    {
      id: 'name-resolution',
      title: 'Name resolution',
      needs: ['profile'],
      run: async () => {
        const resolved = await resolveHost(host, system);
        addresses = resolved.addresses;
        return resolved.outcome;
      },
    },
    {
      id: 'tcp',
      title: 'TCP reachability',
      needs: ['name-resolution'],
      run: () =>
        checkTcp({
          host,
          address: addresses[0] ?? host,
          port,
          timeoutMs: timeouts.networkMs,
          hint: 'Check that the host is on and reachable from this Mac (network, VPN or Tailscale), and the port in the URL.',
          system,
        }),
    },
    {
      id: 'http-health',
      title: 'Gateway health',
      needs: ['tcp'],
      run: () =>
        checkHttpHealth({
          openStream: openSocket,
          where: parsed?.secure ? `${where} over TLS` : where,
          clock: system.clock,
          timeoutMs: timeouts.networkMs,
        }),
    },
    {
      id: 'gateway-handshake',
      title: 'Gateway sign-in',
      needs: ['tcp'],
      run: () =>
        checkHandshake({
          url,
          ...(tlsFingerprint ? { tlsFingerprint } : {}),
          ...handshakeDeps(context, 'enter-token'),
        }),
    },
    ...hostChecks({ signedIn: () => context.signedIn, clock: system.clock, hostCommandMs: timeouts.hostCommandMs }),
  ];
  checks.push(
    ...tailscaleChecks(context),
    stabilityCheck(context, 'gateway-handshake', async () => ({
      fresh: await gatewayRoundTrips(
        { url, ...(tlsFingerprint ? { tlsFingerprint } : {}), ...gatewayClientDeps(context) },
        timeouts.handshakeMs,
      ),
    })),
  );
  return { checks, close: () => {} };
}

/** Step 12, for a profile that reaches a tailnet device; none for any other. */
function tailscaleChecks({ profile, deps }: CheckContext): DoctorCheck[] {
  const { route } = profile;
  if (route.kind !== 'tailscale') return [];
  const { deviceId, deviceName } = route;
  return [
    {
      id: 'tailscale',
      title: 'Tailscale',
      needs: [],
      run: () => checkTailscale({ tailscale: deps.tailscale, deviceId, deviceName }),
    },
  ];
}

/** Step 13: the recorded hour read with round trips measured now, once the link they go over is known to work. */
function stabilityCheck(
  context: CheckContext,
  over: DoctorStepId,
  measure: () => Promise<Omit<StabilityAssessment, 'history'>>,
): DoctorCheck {
  return {
    id: 'stability',
    title: 'Stability',
    needs: [over],
    run: async () => assessStability({ history: context.deps.stability, ...(await measure()) }),
  };
}

/** What a Gateway client of the doctor's needs besides the URL: the profile's token and device, redaction, clock. */
function gatewayClientDeps(context: CheckContext) {
  const { token, gatewayKey, secrets, log, redact, appVersion, clock } = handshakeDeps(context, 'enter-token');
  return { ...(token === undefined ? {} : { token }), gatewayKey, secrets, log, redact, appVersion, clock };
}

function handshakeDeps(context: CheckContext, tokenAction: 'fetch-token' | 'enter-token') {
  const { deps, profile, token, redaction, timeouts } = context;
  return {
    token,
    gatewayKey: profile.id,
    tokenAction,
    secrets: deps.secrets,
    log: deps.log.logger('doctor'),
    redact: (secret: string) => {
      redaction.add(secret);
      deps.log.addSecret(secret);
    },
    appVersion: deps.appVersion,
    clock: deps.system.clock,
    timeoutMs: timeouts.handshakeMs,
    keepSignedIn: (client: GatewayClient) => (context.signedIn = client),
  };
}

/** The profile's own outcome: its route is sound; without a token the Gateway may still know this device. */
function tokenOutcome(context: CheckContext, reaches: string, action: 'fetch-token' | 'enter-token'): CheckOutcome {
  if (context.token !== undefined) return { status: 'pass', detail: `${reaches} A Gateway token is stored.` };
  return {
    status: 'warn',
    detail: `${reaches} No Gateway token is stored, so only a device token the Gateway issued earlier can sign in.`,
    fix: {
      text:
        action === 'fetch-token'
          ? 'Fetch the token from the host, or paste it into the profile.'
          : 'On the Gateway host run "openclaw gateway auth-token --show" and paste the token into the profile.',
      action,
    },
  };
}

function throughJumpHost(config: ResolvedSshConfig): CheckOutcome {
  return {
    status: 'skip',
    detail: `${config.hostname} is reached through ${config.proxyJump.join(', ')}, so the SSH steps below check the way.`,
  };
}

/** Logs in once as connecting does, watching the host key verdict; a new key is never trusted here. */
async function logIn(context: CheckContext, ssh: SshRouteSettings): Promise<LoginResult> {
  const { deps, redaction } = context;
  const result: LoginResult = {};
  const observer: SshConnectionObserver = {
    hostKey: (verdict) => {
      result.verdict = verdict;
      deps.onHostKeyVerdict?.(verdict);
    },
    loggedIn: (login) => (result.method = login.method),
  };
  const prompts: SshPrompts = {
    trustHostKey: () => Promise.resolve(false),
    passphrase: async (request) => {
      const answer = await deps.prompts.passphrase(request);
      redaction.add(answer);
      return answer;
    },
    ...(deps.prompts.password
      ? {
          password: async (request: { user: string; host: string; prompt: string }) => {
            const answer = await deps.prompts.password?.(request);
            redaction.add(answer);
            return answer;
          },
        }
      : {}),
  };
  const open = sshConnector(ssh, {
    config: deps.sshConfig,
    prompts,
    log: deps.log.logger('doctor'),
    clock: deps.system.clock,
    observer,
  });
  try {
    result.client = await open({ signal: new AbortController().signal, onStep: () => {} });
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    result.error = error.error;
  }
  return result;
}

function hostKeyOutcome(login: LoginResult, where: string): CheckOutcome {
  const { verdict, error } = login;
  if (!verdict) {
    // The connection ended before the server showed its key (or the known_hosts files could not be read).
    throw new AppFailure(error as AppError);
  }
  const key = `${verdict.keyType} key ${verdict.fingerprint}`;
  if (verdict.trustedElsewhere) {
    return { status: 'pass', detail: `The server's ${key} is the one Tailscale publishes for this device.` };
  }
  const { check } = verdict;
  if (check?.status === 'known') {
    return { status: 'pass', detail: `The server's ${key} is known: ${check.file} line ${check.line}.` };
  }
  if (check?.status === 'unknown') {
    const others = check.otherTypesKnown
      ? ` Keys of another type (${check.otherTypesKnown.join(', ')}) are on file.`
      : '';
    return {
      status: 'warn',
      detail: `${where} offered a new ${key}, which is in none of your known_hosts files.${others} The doctor does not trust a key by itself.`,
      fix: {
        text: "Connect once and compare the fingerprint with the one the server's administrator gives you before trusting it.",
        action: 'trust-host-key',
      },
      blocksDependents: true,
    };
  }
  // Changed or revoked: the verifier refused it with both fingerprints and the stored entry's file and line.
  throw new AppFailure(error as AppError);
}

async function checkLocalPort(ssh: SshRouteSettings, system: System): Promise<CheckOutcome> {
  if (ssh.localPort === 0)
    return { status: 'pass', detail: 'The tunnel listens on any free port, chosen when it starts.' };
  const port = ssh.localPort;
  if (await portFree(port)) return { status: 'pass', detail: `127.0.0.1:${port} is free for the tunnel.` };
  const owner = await portOwnerOn(system, port);
  // This process's own listener is the live tunnel, which connecting this profile reuses or replaces.
  if (owner.kind === 'this-app' && owner.pid === system.os.pid)
    return { status: 'pass', detail: `127.0.0.1:${port} is held by this app's own tunnel.` };
  const held = `127.0.0.1:${port} is already in use by ${owner.description}`;
  if (ssh.useEphemeralPortIfBusy) {
    return { status: 'warn', detail: `${held}; the tunnel will listen on another free port instead.` };
  }
  if (owner.kind === 'this-app') {
    return {
      status: 'fail',
      detail: `${held}, so this profile's tunnel cannot listen there.`,
      fix: { text: 'Stop that earlier tunnel; the port is free for this one then.', action: 'free-local-port' },
    };
  }
  return {
    status: 'fail',
    detail: `${held}, so the tunnel cannot listen there.`,
    fix: {
      text: `Stop that program${owner.pid === undefined ? '' : ` (pid ${owner.pid})`}, or choose another local port (or allow any free port) in the profile.`,
      action: 'edit-profile',
    },
  };
}

/** A refused channel, in the doctor's words: forbidden by sshd, or no Gateway listening on the host. */
function forwardError(error: Error & { reason?: number | string }, remotePort: number): AppError {
  const refused = forwardRefused(error, '127.0.0.1', remotePort);
  if (refused.kind !== 'forward-failed') return refused;
  return appError(
    'gateway-not-running-on-host',
    `${refused.message} No Gateway is listening there.`,
    `Start the Gateway on the host: "openclaw gateway start" (the installed service) or "openclaw gateway run" in a ` +
      `terminal; or set the profile's remote port to gateway.port of the host's openclaw.json.`,
  );
}

// The Security page's trust section, and `openclaw-remote security`: what a profile trusts (its host key, this Mac's
// device token with its Gateway, the Gateway token's age, the docs' checklist) and forgetting a host key or a device
// token. One implementation for the window and the CLI; nothing here returns a secret.
import type { GatewayBindFact } from '../../shared/security-checklist';
import { securityChecklist, tokenAge } from '../../shared/security-checklist';
import type { HostKeyFacts } from '../../shared/security';
import type { Profile } from '../../shared/profile';
import { AppFailure } from '../app-failure';
import { appError } from '../../shared/errors';
import { profileHostKeys } from '../services/connection/profile-host-keys';
import { ROLE } from '../services/gateway/connect-params';
import { loadDeviceIdentity } from '../services/gateway/device-identity';
import { DeviceTokenStore } from '../services/gateway/device-token-store';
import { hostGatewayStatus } from '../services/gateway/host-gateway-status';
import { forgetHostKeys, trustedHostKeyLines } from '../services/ssh/known-hosts-forget';
import type { Action, AppCore } from './app-core';

/** `openclaw gateway status` starts the host's CLI, which takes seconds on a small host. */
const GATEWAY_STATUS_TIMEOUT_MS = 20_000;

export const securityOverview: Action<'security:overview'> = async (core, { profileId }) => {
  const profile = core.profiles.findOrPrimary(profileId);
  const [hostKey, device, stored, gatewayBind] = await Promise.all([
    hostKeyFacts(core, profile),
    deviceFacts(core, profile),
    core.profiles.token(profile.id),
    gatewayBindFact(core, profile),
  ]);
  const savedAt = stored === undefined ? undefined : core.profiles.tokenSavedAt(profile.id);
  return {
    profile: { id: profile.id, name: profile.name },
    hostKey,
    device,
    token: {
      stored: stored !== undefined,
      ...(savedAt === undefined ? {} : { savedAt }),
      ...tokenAge(savedAt, core.system.clock.now()),
    },
    checklist: securityChecklist({ route: profile.route, tokenStored: stored !== undefined, gatewayBind }),
  };
};

export const forgetHostKey: Action<'security:forget-host-key'> = async (core, { profileId, expected }) => {
  const profile = core.profiles.find(profileId);
  const keys = await profileHostKeys(profile, core.sshConfig);
  if (!keys) throw notOverSsh(profile);
  const removed = await forgetHostKeys(keys.lookup, expected);
  core.presentedHostKeys.forget(profile.id);
  for (const line of removed) {
    core.log
      .logger('ssh')
      .info(
        `Forgot the ${line.keyType} key ${line.fingerprint} of ${keys.knownHostsName}: ${line.file} line ${line.line}.`,
      );
  }
  return { removed };
};

export const forgetDeviceToken: Action<'security:forget-device-token'> = async (core, { profileId }) => {
  const profile = core.profiles.find(profileId);
  const store = await deviceTokenStore(core, profile);
  const forgotten = (await store.load()) !== undefined;
  await store.clear();
  if (forgotten) core.log.logger('gateway').info(`Forgot the device token of ${profile.name}'s Gateway.`);
  return { forgotten };
};

async function hostKeyFacts(core: AppCore, profile: Profile): Promise<HostKeyFacts | null> {
  let keys;
  try {
    keys = await profileHostKeys(profile, core.sshConfig);
  } catch (error) {
    return { knownHostsName: '', lines: [], problem: messageOf(error) };
  }
  if (!keys) return null;
  const presented = core.presentedHostKeys.changed(profile.id);
  const facts: HostKeyFacts = {
    knownHostsName: keys.knownHostsName,
    lines: [],
    ...(presented ? { presented } : {}),
    ...(keys.tailscaleKeys ? { tailscaleKeys: keys.tailscaleKeys } : {}),
  };
  try {
    return { ...facts, lines: await trustedHostKeyLines(keys.lookup) };
  } catch (error) {
    return { ...facts, problem: messageOf(error) };
  }
}

async function deviceTokenStore(core: AppCore, profile: Profile, deviceId?: string): Promise<DeviceTokenStore> {
  const id = deviceId ?? (await loadDeviceIdentity(core.secrets, core.log.logger('gateway'))).deviceId;
  // The connection keys each Gateway's device token by the profile's ID (profile-connection.ts).
  return new DeviceTokenStore(core.secrets, profile.id, id, ROLE);
}

async function deviceFacts(core: AppCore, profile: Profile) {
  const identity = await loadDeviceIdentity(core.secrets, core.log.logger('gateway'));
  const paired = (await (await deviceTokenStore(core, profile, identity.deviceId)).load()) !== undefined;
  const { status } = core.connection;
  const requestId = status.profileId === profile.id ? status.lastError?.requestId : undefined;
  return { deviceId: identity.deviceId, paired, ...(requestId === undefined ? {} : { pendingRequestId: requestId }) };
}

/** The Gateway's bind on its host, asked over the live SSH session of this profile; never opens one of its own. */
async function gatewayBindFact(core: AppCore, profile: Profile): Promise<GatewayBindFact> {
  const ssh = core.connection.live(profile.id)?.ssh;
  if (!ssh) return { kind: 'not-connected' };
  try {
    const status = await hostGatewayStatus(ssh, { clock: core.system.clock, timeoutMs: GATEWAY_STATUS_TIMEOUT_MS });
    if (!status) return { kind: 'no-cli' };
    return { kind: 'found', bindMode: status.gateway?.bindMode, bindHost: status.gateway?.bindHost };
  } catch (error) {
    return { kind: 'failed', message: messageOf(error) };
  }
}

function notOverSsh(profile: Profile): AppFailure {
  return new AppFailure(
    appError(
      'host-key-needs-ssh',
      `${profile.name} reaches its Gateway at a URL, so it trusts no SSH host key.`,
      'Nothing to forget: the host key applies to profiles that connect over SSH.',
    ),
  );
}

function messageOf(error: unknown): string {
  return error instanceof AppFailure ? error.error.message : error instanceof Error ? error.message : String(error);
}

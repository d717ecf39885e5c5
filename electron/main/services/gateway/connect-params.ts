// The `connect` request's params for protocol 4: who the client is (from the Gateway's closed lists), the
// operator role and scopes it asks for, its credentials, and the device block signed over the challenge.
import type { DeviceIdentity } from './device-identity';
import type { Challenge } from './frames';
import { signaturePayloadV3 } from './signature-payload';

export const PROTOCOL_VERSION = 4;
/**
 * A native desktop app's pair from the Gateway's closed GATEWAY_CLIENT_IDS / GATEWAY_CLIENT_MODES lists. The
 * Gateway treats it as native app UI, which on a local connection (an SSH tunnel) is approved silently even when
 * its details change. The display name keeps it apart from OpenClaw's own macOS app in presence lists.
 */
export const CLIENT_ID = 'openclaw-macos';
export const CLIENT_MODE = 'ui';
export const CLIENT_DISPLAY_NAME = 'OpenClaw Remote';
export const ROLE = 'operator';
/** health, status, system-presence, config.get and logs.tail all need operator.read and nothing more. */
export const DEFAULT_SCOPES: readonly string[] = ['operator.read'];

export interface ClientInfo {
  version: string;
  platform: string;
  instanceId: string;
}

/** What goes into `auth`: the shared token, the stored device token, or both for the one recovery retry. */
export interface ConnectAuth {
  token?: string;
  deviceToken?: string;
}

export function connectParams(input: {
  identity: DeviceIdentity;
  challenge: Challenge;
  client: ClientInfo;
  scopes: readonly string[];
  auth: ConnectAuth;
}): Record<string, unknown> {
  const { identity, challenge, client, scopes, auth } = input;
  const signature = identity.sign(
    signaturePayloadV3({
      deviceId: identity.deviceId,
      clientId: CLIENT_ID,
      clientMode: CLIENT_MODE,
      role: ROLE,
      scopes,
      // The Gateway's own clock: signing with it keeps a skewed Mac clock from failing the ±2 min check.
      signedAtMs: challenge.ts,
      // The Gateway verifies against auth.token first, then auth.deviceToken.
      token: auth.token ?? auth.deviceToken,
      nonce: challenge.nonce,
      platform: client.platform,
      deviceFamily: undefined,
    }),
  );
  return {
    minProtocol: PROTOCOL_VERSION,
    maxProtocol: PROTOCOL_VERSION,
    client: {
      id: CLIENT_ID,
      displayName: CLIENT_DISPLAY_NAME,
      version: client.version,
      platform: client.platform,
      mode: CLIENT_MODE,
      instanceId: client.instanceId,
    },
    role: ROLE,
    scopes: [...scopes],
    caps: [],
    auth: { ...auth },
    userAgent: `openclaw-remote/${client.version}`,
    device: {
      id: identity.deviceId,
      publicKey: identity.publicKey,
      signature,
      signedAt: challenge.ts,
      nonce: challenge.nonce,
    },
  };
}

// The connect request's device block, checked by the installed Gateway's own verifier (the code its WebSocket
// handshake runs): the device id derivation, and the signature over the v3 payload for each way the client sends
// its credentials. A tampered field must fail the same check.
import { beforeAll, describe, expect, it } from 'vitest';
import { connectParams, type ConnectAuth } from '../../electron/main/services/gateway/connect-params';
import { loadDeviceIdentity, type DeviceIdentity } from '../../electron/main/services/gateway/device-identity';
import { createMemorySecretStore } from '../../electron/main/services/secrets/secret-store';
import { gatewayMissing } from '../fixtures/gateway';
import { gatewayFunction } from '../fixtures/gateway-dist';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';

type PayloadVersion = (params: {
  device: Record<string, unknown>;
  connectParams: Record<string, unknown>;
  role: string;
  scopes: string[];
  signedAtMs: number;
  nonce: string;
}) => 'v3' | 'v2' | null;

const usable = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

describe.skipIf(!usable)('the device proof, as the Gateway verifies it', () => {
  let payloadVersion: PayloadVersion;
  let deviceIdOf: (publicKey: string) => string | null;
  let identity: DeviceIdentity;
  const challenge = { nonce: '6f1c0c1e-5d7f-4a39-9e8e-3c1b2a1d0f00', ts: 1_763_941_234_567 };
  const client = { version: '0.1.0', platform: 'darwin', instanceId: 'install-1' };

  beforeAll(async () => {
    payloadVersion = await gatewayFunction<PayloadVersion>(
      'src/gateway/server/ws-connection/handshake-auth-helpers.ts',
      'resolveDeviceSignaturePayloadVersion',
    );
    deviceIdOf = await gatewayFunction('src/infra/device-identity.ts', 'deriveDeviceIdFromPublicKey');
    identity = await loadDeviceIdentity(createMemorySecretStore(), createTestLog().logger('gateway'));
  });

  function check(params: Record<string, unknown>): 'v3' | 'v2' | null {
    const device = params.device as Record<string, unknown>;
    return payloadVersion({
      device,
      connectParams: params,
      role: params.role as string,
      scopes: params.scopes as string[],
      signedAtMs: device.signedAt as number,
      nonce: device.nonce as string,
    });
  }

  it('derives the device id the Gateway derives', () => {
    expect(deviceIdOf(identity.publicKey)).toBe(identity.deviceId);
  });

  it.each<[string, ConnectAuth]>([
    ['the shared token', { token: 'shared-token' }],
    ['the stored device token', { deviceToken: 'device-token' }],
    ['both, for the one recovery retry', { token: 'wrong-shared-token', deviceToken: 'device-token' }],
    ['no credentials', {}],
  ])('signs a v3 payload the Gateway accepts with %s', (_how, auth) => {
    const params = connectParams({ identity, challenge, client, scopes: ['operator.read', 'operator.write'], auth });
    expect(check(params)).toBe('v3');
  });

  it('fails the Gateway’s check when a signed field changes afterwards', () => {
    const params = connectParams({ identity, challenge, client, scopes: ['operator.read'], auth: { token: 't' } });
    const platformChanged = { ...params, client: { ...(params.client as object), platform: 'linux' } };
    expect(check(platformChanged)).toBeNull();
    expect(check({ ...params, scopes: ['operator.admin'] })).toBeNull();
    expect(check({ ...params, auth: { token: 'other' } })).toBeNull();
  });
});

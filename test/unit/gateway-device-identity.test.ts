// This install's device identity and the v3 signature payload: the key is made once and reused, the device id is
// the SHA-256 of the raw public key, signatures verify, and the payload matches the protocol's field order and
// normalisation exactly (the real Gateway's own verifier checks it too, in the integration tests).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_KEY_SECRET,
  loadDeviceIdentity,
  loadInstanceId,
} from '../../electron/main/services/gateway/device-identity';
import { DeviceTokenStore } from '../../electron/main/services/gateway/device-token-store';
import { signaturePayloadV3 } from '../../electron/main/services/gateway/signature-payload';
import { createMemorySecretStore } from '../../electron/main/services/secrets/secret-store';
import { createTestLog } from '../fixtures/silent-log';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function logger() {
  const log = createTestLog();
  return { log, logger: log.logger('gateway') };
}

describe('loadDeviceIdentity', () => {
  it('creates the key once, keeps it as PKCS#8 PEM and derives the same identity from it later', async () => {
    const secrets = createMemorySecretStore();
    const first = await loadDeviceIdentity(secrets, logger().logger);
    expect(await secrets.get(DEVICE_KEY_SECRET)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const again = await loadDeviceIdentity(secrets, logger().logger);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.publicKey).toBe(first.publicKey);
  });

  it('derives the device id as the hex SHA-256 of the raw 32-byte public key, sent as unpadded base64url', async () => {
    const identity = await loadDeviceIdentity(createMemorySecretStore(), logger().logger);
    const raw = Buffer.from(identity.publicKey, 'base64url');
    expect(raw).toHaveLength(32);
    expect(identity.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(identity.deviceId).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs with Ed25519 so that the public key verifies it', async () => {
    const identity = await loadDeviceIdentity(createMemorySecretStore(), logger().logger);
    const signature = identity.sign('v3|payload');
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(identity.publicKey, 'base64url')]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, Buffer.from('v3|payload'), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify(null, Buffer.from('v3|other'), key, Buffer.from(signature, 'base64url'))).toBe(false);
  });

  it('replaces an unreadable stored key, and says so', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set(DEVICE_KEY_SECRET, 'not a key');
    const { log, logger: gatewayLog } = logger();
    const identity = await loadDeviceIdentity(secrets, gatewayLog);
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(await secrets.get(DEVICE_KEY_SECRET)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(log.recent(10).map((entry) => entry.message)).toContainEqual(expect.stringContaining('unreadable'));
  });

  it('makes a single key when several clients start together on a fresh install', async () => {
    const secrets = createMemorySecretStore();
    const identities = await Promise.all(Array.from({ length: 5 }, () => loadDeviceIdentity(secrets, logger().logger)));
    expect(new Set(identities.map((identity) => identity.deviceId)).size).toBe(1);
  });
});

describe('loadInstanceId', () => {
  it('is made once per install', async () => {
    const secrets = createMemorySecretStore();
    const [a, b] = await Promise.all([loadInstanceId(secrets), loadInstanceId(secrets)]);
    expect(a).toBe(b);
    expect(await loadInstanceId(secrets)).toBe(a);
    expect(await loadInstanceId(createMemorySecretStore())).not.toBe(a);
  });
});

describe('signaturePayloadV3', () => {
  const fields = {
    deviceId: 'd'.repeat(64),
    clientId: 'openclaw-macos',
    clientMode: 'ui',
    role: 'operator',
    scopes: ['operator.read', 'operator.write'],
    signedAtMs: 1737264000000,
    token: 'tok',
    nonce: 'nonce-1',
    platform: 'darwin',
    deviceFamily: 'Mac',
  };

  it('joins the documented fields with | in the protocol’s order', () => {
    expect(signaturePayloadV3(fields)).toBe(
      `v3|${'d'.repeat(64)}|openclaw-macos|ui|operator|operator.read,operator.write|1737264000000|tok|nonce-1|` +
        'darwin|mac',
    );
  });

  it('writes absent token and device family as empty fields', () => {
    expect(signaturePayloadV3({ ...fields, token: undefined, deviceFamily: undefined, scopes: [] })).toBe(
      `v3|${'d'.repeat(64)}|openclaw-macos|ui|operator||1737264000000||nonce-1|darwin|`,
    );
  });

  it('trims and lowercases platform and family the way the Gateway does: ASCII letters only', () => {
    const payload = signaturePayloadV3({ ...fields, platform: '  MacOS 15.1 ', deviceFamily: 'ÄPFEL Mac' });
    expect(payload.endsWith('|macos 15.1|Äpfel mac')).toBe(true);
  });
});

describe('DeviceTokenStore', () => {
  it('keeps one token per Gateway, bound to this device and role', async () => {
    const secrets = createMemorySecretStore();
    const store = new DeviceTokenStore(secrets, 'profile-1', 'device-a', 'operator');
    expect(await store.load()).toBeUndefined();
    await store.save({ token: 't1', scopes: ['operator.read'] });
    expect(await store.load()).toEqual({ token: 't1', scopes: ['operator.read'] });
    expect(await new DeviceTokenStore(secrets, 'profile-2', 'device-a', 'operator').load()).toBeUndefined();
    expect(await new DeviceTokenStore(secrets, 'profile-1', 'device-b', 'operator').load()).toBeUndefined();
    expect(await new DeviceTokenStore(secrets, 'profile-1', 'device-a', 'node').load()).toBeUndefined();
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('ignores a record it cannot read', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set('gateway.device-token:profile-1', '{broken');
    expect(await new DeviceTokenStore(secrets, 'profile-1', 'device-a', 'operator').load()).toBeUndefined();
  });
});

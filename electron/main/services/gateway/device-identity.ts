// Who this install is to every Gateway: an Ed25519 key pair made once and kept in the secret store (the
// device id is derived from its public key, as the Gateway recomputes it), plus a stable instance id.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../log/app-log';
import type { SecretStore } from '../secrets/secret-store';

export const DEVICE_KEY_SECRET = 'gateway.device-key';
export const INSTANCE_ID_SECRET = 'gateway.instance-id';

export interface DeviceIdentity {
  /** Lowercase hex SHA-256 of the raw 32-byte public key; the Gateway rejects any other derivation. */
  deviceId: string;
  /** The raw 32-byte public key, base64url without padding. */
  publicKey: string;
  /** Ed25519 signature over the UTF-8 payload, base64url without padding. */
  sign(payload: string): string;
}

/** Loads the install's key from the secret store, creating and storing it the first time. */
export async function loadDeviceIdentity(secrets: SecretStore, log: Logger): Promise<DeviceIdentity> {
  const pem = await getOrCreate(secrets, DEVICE_KEY_SECRET, (stored) => {
    if (stored !== undefined && readPrivateKey(stored)) return undefined;
    // An unreadable key cannot sign anything; a new one costs a pairing approval, keeping it costs every connect.
    if (stored !== undefined)
      log.warn('The stored device key is unreadable; made a new one, so Gateways see a new device');
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  });
  const key = readPrivateKey(pem);
  if (!key) throw new Error('The device key in the secret store is not an Ed25519 private key.');
  return identityOf(key);
}

/** The `client.instanceId` the Gateway shows in presence: one per install, so reconnects are not new clients. */
export function loadInstanceId(secrets: SecretStore): Promise<string> {
  return getOrCreate(secrets, INSTANCE_ID_SECRET, (stored) => (stored ? undefined : randomUUID()));
}

export function deviceIdOf(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest('hex');
}

function identityOf(privateKey: KeyObject): DeviceIdentity {
  // The JWK `x` member is exactly the raw public key in base64url, the form the Gateway expects.
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  const raw = Buffer.from(x ?? '', 'base64url');
  return {
    deviceId: deviceIdOf(raw),
    publicKey: raw.toString('base64url'),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url'),
  };
}

function readPrivateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

const inFlight = new WeakMap<SecretStore, Map<string, Promise<string>>>();

/**
 * Reads a value, or stores the one `replacement` makes when the stored one is unusable (it returns undefined to
 * keep it). Serialised per store and name, so two clients starting together cannot each make their own key.
 */
function getOrCreate(
  secrets: SecretStore,
  name: string,
  replacement: (stored: string | undefined) => string | undefined,
): Promise<string> {
  const pending = inFlight.get(secrets) ?? new Map<string, Promise<string>>();
  inFlight.set(secrets, pending);
  const running = pending.get(name);
  if (running) return running;
  const task = (async () => {
    const stored = await secrets.get(name);
    const created = replacement(stored);
    if (created === undefined) return stored ?? '';
    await secrets.set(name, created);
    return created;
  })().finally(() => pending.delete(name));
  pending.set(name, task);
  return task;
}

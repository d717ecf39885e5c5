// The device tokens Gateways issue in hello-ok, kept in the secret store: one record per Gateway, under a name
// that stays the same whatever route reaches it, and bound to this install's device id and role, so a new
// device key never presents an old key's token.
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store';

export interface StoredDeviceToken {
  token: string;
  /** The scopes granted when it was issued. */
  scopes: string[];
}

const recordSchema = z.object({
  deviceId: z.string(),
  role: z.string(),
  token: z.string().min(1),
  scopes: z.array(z.string()),
});

export class DeviceTokenStore {
  readonly #secrets: SecretStore;
  readonly #name: string;
  readonly #deviceId: string;
  readonly #role: string;

  /** `gatewayKey` names the Gateway: a profile id or `ssh-host:remote-port`, not a tunnel's local port. */
  constructor(secrets: SecretStore, gatewayKey: string, deviceId: string, role: string) {
    this.#secrets = secrets;
    this.#name = `gateway.device-token:${gatewayKey}`;
    this.#deviceId = deviceId;
    this.#role = role;
  }

  async load(): Promise<StoredDeviceToken | undefined> {
    const stored = await this.#secrets.get(this.#name);
    if (stored === undefined) return undefined;
    const record = recordSchema.safeParse(parseJson(stored));
    if (!record.success || record.data.deviceId !== this.#deviceId || record.data.role !== this.#role) return undefined;
    return { token: record.data.token, scopes: record.data.scopes };
  }

  async save(token: StoredDeviceToken): Promise<void> {
    const record = { deviceId: this.#deviceId, role: this.#role, token: token.token, scopes: token.scopes };
    await this.#secrets.set(this.#name, JSON.stringify(record));
  }

  async clear(): Promise<void> {
    await this.#secrets.delete(this.#name);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

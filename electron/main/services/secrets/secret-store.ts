// The one door every secret of the app goes through (the device key, Gateway tokens), so callers never
// care where secrets live. The in-memory store serves tests and the browser host until the persistent,
// OS-encrypted store lands; it forgets everything when the process ends.

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export function createMemorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    async get(name) {
      return values.get(name);
    },
    async set(name, value) {
      values.set(name, value);
    },
    async delete(name) {
      values.delete(name);
    },
  };
}

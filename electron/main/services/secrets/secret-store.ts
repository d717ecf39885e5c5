// The one door every secret of the app goes through (the device key, Gateway tokens, key passphrases), so callers
// never care where secrets live. The in-memory store serves tests; it forgets everything when the process ends.
// The file-backed stores (file-secret-store.ts) keep them across runs.

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** The names of the secrets held (never their values), so everything belonging to a profile can go with it. */
  names(): Promise<string[]>;
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
    async names() {
      return [...values.keys()];
    },
  };
}

// The one door every secret of the app goes through (the device key, Gateway tokens, key passphrases), so callers
// never care where secrets live. The in-memory store serves tests; it forgets everything when the process ends.
// The keychain store (keychain-secret-store.ts) and the file-backed stores (file-secret-store.ts) keep them across
// runs; open-secret-store.ts picks one.
import type { AppError } from '../../../shared/errors';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** The names of the secrets held (never their values), so everything belonging to a profile can go with it. */
  names(): Promise<string[]>;
}

/** A store as a composition root opened it, with what went wrong opening it (a damaged file set aside, say). */
export interface OpenedSecretStore extends SecretStore {
  readonly problems: readonly AppError[];
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

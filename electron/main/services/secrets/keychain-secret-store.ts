// Secrets in the OS keychain (the login Keychain on macOS, the Secret Service on Linux): one item per secret under
// one service name, the secret's name as the account, so the app and the CLI over the same data directory read and
// write the same items. The keychain binding is injected (the real one is electron/main/system/napi-keyring.ts).
//
// Names are listed from an index file in the data directory (names only, never a value), not asked of the keychain:
// the binding's only listing call (findCredentials) reads every item's password, and on macOS each read of an item
// another program saved (the CLI's node for the app, the app for the CLI) may make the Keychain ask the person. The
// index is read afresh and rewritten atomically on every change, so the app and the CLI both keep it; a name another
// process's racing write dropped comes back the next time its secret is read.
import path from 'node:path';
import { z } from 'zod';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { writeFileAtomically } from '../files/atomic-write';
import { parseJsonText } from '../files/json-text';
import type { System } from '../system/system';
import type { SecretStore } from './secret-store';

/** The keychain, as the store needs it; every call may reject (no keychain answering, a locked one). */
export interface KeyringBinding {
  get(service: string, account: string): Promise<string | undefined>;
  set(service: string, account: string, value: string): Promise<void>;
  delete(service: string, account: string): Promise<void>;
}

export const SECRET_NAMES_FILE = 'secret-names.json';

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;
const namesSchema = z.array(z.string());

export interface KeychainSecretStore extends SecretStore {
  readonly service: string;
}

export interface KeychainSecretStoreOptions {
  service: string;
  keyring: KeyringBinding;
  dataDir: string;
  system: System;
}

export function createKeychainSecretStore({
  service,
  keyring,
  dataDir,
  system,
}: KeychainSecretStoreOptions): KeychainSecretStore {
  const { files } = system;
  const indexFile = path.join(dataDir, SECRET_NAMES_FILE);

  function readNames(): Set<string> {
    let text: string;
    try {
      text = files.readFileSync(indexFile, 'utf8');
    } catch {
      return new Set();
    }
    // A damaged index loses no secret (they are in the keychain) and heals as secrets are read and saved again.
    const json = parseJsonText(text);
    const names = json.ok ? namesSchema.safeParse(json.value) : undefined;
    return new Set(names?.success ? names.data : []);
  }

  function updateNames(change: (names: Set<string>) => boolean): void {
    const names = readNames();
    if (!change(names)) return;
    try {
      files.mkdirSync(dataDir, { recursive: true, mode: DIRECTORY_MODE });
      writeFileAtomically(files, indexFile, `${JSON.stringify([...names], null, 2)}\n`, FILE_MODE);
    } catch (error) {
      throw unavailable(
        `OpenClaw Remote cannot save the list of its secrets in ${indexFile}`,
        error,
        'Check that your user account may read and write that folder.',
      );
    }
  }

  async function ask<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw unavailable(
        'The keychain did not answer',
        error,
        'Unlock your login keychain (Keychain Access on a Mac), then try again.',
      );
    }
  }

  return {
    service,
    async get(name) {
      const value = await ask(() => keyring.get(service, name));
      if (value !== undefined) updateNames((names) => !names.has(name) && Boolean(names.add(name)));
      return value;
    },
    async set(name, value) {
      await ask(() => keyring.set(service, name, value));
      updateNames((names) => !names.has(name) && Boolean(names.add(name)));
    },
    async delete(name) {
      await ask(() => keyring.delete(service, name));
      updateNames((names) => names.delete(name));
    },
    async names() {
      return [...readNames()];
    },
  };
}

function unavailable(what: string, error: unknown, hint: string): AppFailure {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppFailure(appError('secrets-unavailable', `${what}: ${reason}`, hint));
}

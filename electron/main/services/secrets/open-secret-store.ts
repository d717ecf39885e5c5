// Which secret store a composition root gets. The keychain when one answers, after moving the secrets of the old
// files into it (once), so the app and the CLI share one store; otherwise the runtime's file store, told why, so it
// can say so (plain Node) or keep refusing to store secrets unencrypted (the app).
import path from 'node:path';
import { errorOf } from '../../app-failure';
import type { AppError } from '../../../shared/errors';
import type { System } from '../system/system';
import { createKeychainSecretStore, type KeyringBinding } from './keychain-secret-store';
import { migrateSecretFiles, type OldSecretsFile } from './secret-migration';
import type { OpenedSecretStore } from './secret-store';

/** Never saved: reading it only tells whether the keychain answers. */
const PROBE_ACCOUNT = 'keychain-check';

/** Why the keychain is not used this run, for the runtime's fallback to tell the person. */
export interface KeychainUnused {
  /** Ends "…stored in <file>, because <because>". */
  because: string;
  hint: string;
}

export interface OpenedSecrets {
  store: OpenedSecretStore;
  /** Where the secrets are kept, in words for About. */
  location: string;
  /** For the app log: what opening did (secrets moved into the keychain), in counts, never names or values. */
  notes: string[];
  /** Set only by a fallback that keeps secrets where the person should know (plain Node's unencrypted file). */
  warning?: AppError;
}

export interface OpenSecretStoreOptions {
  dataDir: string;
  /** keychain-service-name.ts */
  service: string;
  /** None where the binding could not even be loaded. */
  keyring: KeyringBinding | undefined;
  system: System;
  /** Files this runtime can read, in the order their values win (secret-migration.ts). */
  oldFiles: readonly OldSecretsFile[];
  /** Old files holding secrets that only another runtime can read (secrets.json needs the app's safeStorage). */
  oldFilesForOthers?: readonly string[];
  fallback: (why: KeychainUnused) => OpenedSecrets;
}

export async function openSecretStore(options: OpenSecretStoreOptions): Promise<OpenedSecrets> {
  const { dataDir, service, keyring, system, fallback } = options;
  const refusal = keyring && (await keyring.get(service, PROBE_ACCOUNT).then(noRefusal, describe));
  if (!keyring || refusal) {
    return fallback({
      because: `no keychain answered${refusal ? ` (${refusal})` : ''}`,
      hint:
        'Unlock the login keychain (Keychain Access on a Mac); on Linux, run a Secret Service such as GNOME ' +
        'Keyring. Secrets move into it the next time OpenClaw Remote starts.',
    });
  }
  const waiting = (options.oldFilesForOthers ?? []).find((file) => system.files.existsSync(file));
  if (waiting) {
    // Moving only this runtime's file now would let it create a second device identity in the keychain, which the
    // app's own migration would then keep over the paired one (the keychain's item wins).
    return fallback({
      because: `${path.basename(waiting)}, which only the OpenClaw Remote app can decrypt, still holds secrets to move into the keychain`,
      hint: 'Open the OpenClaw Remote app once: it moves every secret into the login Keychain, where this command then finds them.',
    });
  }
  const store = createKeychainSecretStore({ service, keyring, dataDir, system });
  let migration;
  try {
    migration = await migrateSecretFiles({ from: options.oldFiles, to: store, system });
  } catch (error) {
    return fallback({
      because: `moving them into the keychain failed (${errorOf(error, 'secrets-unavailable').message})`,
      hint: 'Unlock the login keychain (Keychain Access on a Mac); the move is tried again the next time OpenClaw Remote starts.',
    });
  }
  const notes =
    migration.removed.length === 0
      ? []
      : [
          `Moved ${migration.moved} secret${migration.moved === 1 ? '' : 's'} from ` +
            `${migration.removed.map((file) => path.basename(file)).join(' and ')} into the keychain ` +
            `(service "${service}") and removed the old file${migration.removed.length === 1 ? '' : 's'}.`,
        ];
  return { store: { ...store, problems: migration.problems }, location: `Keychain, service "${service}"`, notes };
}

const noRefusal = (): undefined => undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

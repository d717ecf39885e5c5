// Moving the secrets earlier versions kept in files (the app's safeStorage-encrypted secrets.json, plain Node's
// secrets.unencrypted.json) into the keychain, once. Every secret is written and read back before any file is
// removed, so a run killed half-way loses nothing: the next run finds the files still there and goes on.
//
// Which value wins for a name held twice: an item already in the keychain first, since only a version that uses the
// keychain (or an earlier, interrupted run of this migration, with the same value) wrote it, so it is the newest;
// then the files in the order given, the app's secrets.json before secrets.unencrypted.json, because the app's
// device identity is the one the Gateways paired and its tokens are the ones the app connected with.
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure, errorOf } from '../../app-failure';
import type { System } from '../system/system';
import { createFileSecretStore, type SecretCodec } from './file-secret-store';
import type { SecretStore } from './secret-store';

/** The app's own secrets file before the keychain, encrypted with safeStorage (adapters/safe-storage-secrets.ts). */
export const APP_SECRETS_FILE = 'secrets.json';

export interface OldSecretsFile {
  path: string;
  codec: SecretCodec;
}

export interface MigrationResult {
  /** How many secrets were written to the keychain (never which, never their values). */
  moved: number;
  /** The old files, now removed. */
  removed: string[];
  /** A damaged file set aside, secrets that could no longer be decrypted. */
  problems: AppError[];
}

export async function migrateSecretFiles({
  from,
  to,
  system,
}: {
  /** In the order their values win. */
  from: readonly OldSecretsFile[];
  to: SecretStore;
  system: System;
}): Promise<MigrationResult> {
  const sources = from
    .filter((file) => system.files.existsSync(file.path))
    .map((file) => ({ path: file.path, store: createFileSecretStore({ ...file, system }) }));
  const problems: AppError[] = sources.flatMap((source) => source.store.problems);
  const seen = new Set<string>();
  let moved = 0;
  let unreadable = 0;
  for (const source of sources) {
    for (const name of await source.store.names()) {
      if (seen.has(name)) continue;
      seen.add(name);
      if ((await to.get(name)) !== undefined) continue;
      let value: string | undefined;
      try {
        value = await source.store.get(name);
      } catch (error) {
        // Undecryptable for good (another Mac's key, a reinstall) is as lost as it was in the file; anything else
        // (encryption unavailable right now) may pass, so the files stay for the next run.
        if (errorOf(error, 'secrets-unavailable').kind !== 'secret-unreadable') throw error;
        unreadable += 1;
        continue;
      }
      if (value === undefined) continue;
      await to.set(name, value);
      if ((await to.get(name)) !== value) {
        throw new AppFailure(
          appError(
            'secrets-unavailable',
            'A secret written to the keychain read back differently, so the old secrets files were kept.',
            'Unlock your login keychain (Keychain Access on a Mac), then open OpenClaw Remote again.',
          ),
        );
      }
      moved += 1;
    }
  }
  for (const source of sources) system.files.rmSync(source.path, { force: true });
  if (unreadable > 0) {
    problems.push(
      appError(
        'secret-unreadable',
        `${unreadable} saved secret${unreadable === 1 ? '' : 's'} could not be decrypted with this Mac's keychain key, so ${unreadable === 1 ? 'it was' : 'they were'} not moved into the keychain.`,
        'Enter the Gateway tokens of your profiles again where a connection asks for one.',
      ),
    );
  }
  return { moved, removed: sources.map((source) => source.path), problems };
}

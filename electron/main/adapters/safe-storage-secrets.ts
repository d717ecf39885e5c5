// The Electron app's secrets file: encrypted with safeStorage (a key the macOS Keychain keeps for this app) and stored
// as base64. The app now keeps secrets in the keychain itself (app-secrets.ts); this file is read to move its secrets
// there, and used only where no keychain answers. Where encryption is unavailable the store refuses to save, and says
// why, rather than fall back to plaintext. The asynchronous safeStorage calls are used: Electron deprecates the
// synchronous ones.
import path from 'node:path';
import { safeStorage } from 'electron';
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import { createFileSecretStore, type FileSecretStore, type SecretCodec } from '../services/secrets/file-secret-store';
import { APP_SECRETS_FILE } from '../services/secrets/secret-migration';
import type { System } from '../services/system/system';

export type Encryption = Pick<
  Electron.SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export function safeStorageCodec(encryption: Encryption, platform: NodeJS.Platform): SecretCodec {
  async function requireEncryption(): Promise<void> {
    // On Linux without a keyring, safeStorage "encrypts" with a hard-coded password: that is plaintext by another name.
    const available =
      (await encryption.isAsyncEncryptionAvailable()) &&
      !(platform === 'linux' && encryption.getSelectedStorageBackend() === 'basic_text');
    if (!available) {
      throw new AppFailure(
        appError(
          'secrets-encryption-unavailable',
          'Secrets cannot be encrypted right now, and OpenClaw Remote does not store them unencrypted.',
          'Unlock your login keychain (Keychain Access), then try again.',
        ),
      );
    }
  }
  return {
    async encode(plain) {
      await requireEncryption();
      return (await encryption.encryptStringAsync(plain)).toString('base64');
    },
    async decode(stored) {
      await requireEncryption();
      try {
        const { result, shouldReEncrypt } = await encryption.decryptStringAsync(Buffer.from(stored, 'base64'));
        return { plain: result, renew: shouldReEncrypt };
      } catch {
        throw new AppFailure(
          appError(
            'secret-unreadable',
            "A saved secret could not be decrypted with this Mac's keychain key (after a reinstall or a move to another Mac, the key differs).",
            'Enter the Gateway token of the profile again.',
          ),
        );
      }
    },
  };
}

export function openSafeStorageSecretStore({
  dataDir,
  system,
  encryption = safeStorage,
}: {
  dataDir: string;
  system: System;
  encryption?: Encryption;
}): FileSecretStore {
  return createFileSecretStore({
    path: path.join(dataDir, APP_SECRETS_FILE),
    codec: safeStorageCodec(encryption, system.os.platform()),
    system,
  });
}

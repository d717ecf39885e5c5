// SSH host key blobs as a person and OpenSSH see them: the key type named inside the wire-format blob, and the
// `SHA256:` fingerprint that `ssh-keygen -lf` prints, so what the app shows can be compared with the server's.
import { createHash } from 'node:crypto';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';

/** OpenSSH's format: `SHA256:` and the unpadded base64 of the blob's SHA-256. */
export function hostKeyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type (`ssh-ed25519`, `ssh-rsa`, …): the blob's first length-prefixed string. */
export function hostKeyType(blob: Buffer): string {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = length > 0 && length <= 64 && blob.length >= 4 + length ? blob.toString('latin1', 4, 4 + length) : '';
  // Type names are printable ASCII; anything else means the bytes are not a public key at all.
  if (!/^[\x21-\x7e]+$/.test(type) || blob.length === 4 + length) {
    throw new AppFailure(
      appError(
        'host-key-malformed',
        'The server sent a host key that is not a valid SSH public key, so it cannot be checked.',
        'This points to a broken server or something tampering with the connection; try again, and if it ' +
          "persists, ask the server's administrator to check its sshd.",
      ),
    );
  }
  return type;
}

/** Host key algorithms ssh2 can verify, and which of them a stored key of each type stands for. */
const ALGORITHMS_FOR_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * The host key algorithms to offer first so the server proves itself with a key already on file, as ssh(1)
 * orders them. Without this a server with an old RSA entry and a newer ed25519 key would present the new key
 * and look unknown.
 */
export function algorithmsForStoredKeyTypes(storedTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  return [...new Set(storedTypes.flatMap((type) => ALGORITHMS_FOR_KEY_TYPE[type] ?? []))];
}

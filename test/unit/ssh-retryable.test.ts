// Which failures the tunnel retries on its own: network trouble yes, anything a person must fix no, and a
// name that stops resolving only after the link once worked (a network change, not a typo).
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../electron/main/services/ssh/connect';
import { algorithmsForStoredKeyTypes } from '../../electron/main/services/ssh/host-key';

describe('retryable failures', () => {
  it.each(['host-unreachable', 'handshake-timeout', 'connection-lost'])('retries %s', (kind) => {
    expect(isRetryable(kind)).toBe(true);
  });

  it.each(['auth-failed', 'host-key-changed', 'host-key-refused', 'host-key-unknown', 'invalid-target', 'cancelled'])(
    'never retries %s, even after a working connection',
    (kind) => {
      expect(isRetryable(kind)).toBe(false);
      expect(isRetryable(kind, true)).toBe(false);
    },
  );

  it('retries a DNS failure only once the name has resolved before', () => {
    expect(isRetryable('dns-failed')).toBe(false);
    expect(isRetryable('dns-failed', true)).toBe(true);
  });
});

describe('host key algorithm preference', () => {
  it('maps stored key types to the algorithms that verify them, RSA to its SHA-2 forms first', () => {
    expect(algorithmsForStoredKeyTypes(['ssh-rsa', 'ssh-ed25519', 'ssh-rsa'])).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
    ]);
  });

  it('ignores types ssh2 cannot verify (certificates, security keys)', () => {
    expect(algorithmsForStoredKeyTypes(['sk-ssh-ed25519@openssh.com', 'ssh-ed25519-cert-v01@openssh.com'])).toEqual([]);
  });
});

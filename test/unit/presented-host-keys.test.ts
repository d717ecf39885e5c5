// The key a profile's host presented when it no longer matched known_hosts: kept per profile from a connect's (or the
// doctor's) verdict, cleared once the host's key is known again, never for a key Tailscale vouches for.
import { describe, expect, it } from 'vitest';
import { PresentedHostKeys } from '../../electron/main/services/connection/presented-host-keys';
import type { HostKeyVerdict } from '../../electron/main/services/ssh/host-verifier';

const changed: HostKeyVerdict = {
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:new',
  check: {
    status: 'changed',
    file: '/h/.ssh/known_hosts',
    line: 3,
    storedType: 'ssh-ed25519',
    storedFingerprint: 'SHA256:old',
  },
  trustedElsewhere: false,
};

describe('presented host keys', () => {
  it('keeps the changed key per profile until the host’s key is known again', () => {
    const keys = new PresentedHostKeys();
    keys.heard('box', changed);
    expect(keys.changed('box')).toEqual({ keyType: 'ssh-ed25519', fingerprint: 'SHA256:new' });
    expect(keys.changed('other')).toBeUndefined();
    keys.heard('box', { ...changed, check: { status: 'known', file: '/h/.ssh/known_hosts', line: 3 } });
    expect(keys.changed('box')).toBeUndefined();
  });

  it('ignores a key Tailscale vouches for, and forgets on request', () => {
    const keys = new PresentedHostKeys();
    keys.heard('tailnet', { ...changed, trustedElsewhere: true });
    expect(keys.changed('tailnet')).toBeUndefined();
    keys.heard('box', changed);
    keys.forget('box');
    expect(keys.changed('box')).toBeUndefined();
  });
});

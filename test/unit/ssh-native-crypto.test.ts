// ssh2's native crypto binding must load under the Node that runs the app's services: without it ssh2 falls back
// to creating a cipher per packet in JavaScript, and the tunnel moves about half as many bytes per second. A
// machine-wide npm `nodedir` for another Node version once built a binding that silently failed to load.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sshCryptoInUse } from '../../electron/main/services/ssh/ssh-crypto';

const require = createRequire(import.meta.url);

describe('ssh2 native crypto', () => {
  it('is loaded, so AES-GCM and ChaCha20-Poly1305 run natively', () => {
    const crypto = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
    expect(crypto.bindingAvailable, 'rebuild it: rm node_modules/.package-lock.sha256 && npm test').toBe(true);
  });

  it('is what the app reports on About (app:info sshCrypto)', () => {
    const crypto = require('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
    expect(sshCryptoInUse()).toBe(crypto.bindingAvailable ? 'native' : 'javascript');
    expect(sshCryptoInUse()).toBe('native');
  });
});

// Which implementation encrypts SSH in this process: ssh2's native binding (OpenSSL, built at install for the Node
// that runs the CLI and the browser host) or its JavaScript path over the runtime's own ciphers, which the packaged
// app runs because Electron links BoringSSL (electron-builder.yml says why). About shows it; the macOS workflow checks it.
import { createRequire } from 'node:module';
import type { SshCrypto } from '../../../shared/app-info';

export function sshCryptoInUse(): SshCrypto {
  // The module the tunnel's ssh2 loads too: whether its binding loaded is decided once, when ssh2 first loads.
  const crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: boolean };
  return crypto.bindingAvailable === true ? 'native' : 'javascript';
}

// A wss:// Gateway whose certificate the profile pins (gateway.remote.tlsFingerprint): the pin replaces the
// certificate authorities, since a Gateway's own certificate is often self-signed, and it is checked the moment the
// TLS handshake ends, before the WebSocket upgrade or any token can cross.
import { createHash } from 'node:crypto';
import tls from 'node:tls';
import { isIP } from 'node:net';
import type WebSocket from 'ws';

/** Carries what the certificate was, so the error can show both fingerprints. */
export class CertificatePinMismatch extends Error {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super(`The certificate's SHA-256 is ${actual}, not the pinned ${expected}.`);
    this.name = 'CertificatePinMismatch';
    this.expected = expected;
    this.actual = actual;
  }
}

/** `sha256:` and the hex SHA-256 of the certificate's DER bytes, the form profiles and OpenClaw's config hold. */
export function certificateFingerprint(der: Buffer): string {
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** WebSocket options that accept exactly the certificate with fingerprint `pin`. */
export function pinnedTlsOptions(
  pin: string,
): Pick<WebSocket.ClientOptions, 'rejectUnauthorized' | 'createConnection'> {
  return {
    rejectUnauthorized: false,
    // ws hands its own tls.connect options here (host, port, ALPN, …); its typing is http's, which is wider.
    createConnection: ((options: tls.ConnectionOptions) => {
      const host = options.host ?? '';
      const socket = tls.connect({
        ...options,
        // As ws itself does: SNI names a host, never an address.
        servername: isIP(host) ? '' : host,
        rejectUnauthorized: false,
      });
      socket.once('secureConnect', () => {
        const actual = certificateFingerprint(socket.getPeerCertificate().raw);
        if (actual !== pin) socket.destroy(new CertificatePinMismatch(pin, actual));
      });
      return socket;
    }) as WebSocket.ClientOptions['createConnection'],
  };
}

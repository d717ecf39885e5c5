// A certificate pin as people paste it (`sha256:AB:CD:…` from OpenClaw's own output, bare hex from openssl, any
// case) turned into the one form profiles and gateway.remote.tlsFingerprint hold: `sha256:` and 64 lowercase hex.
import { TLS_FINGERPRINT_PATTERN } from '../../../shared/profile';

/** The pin in canonical form, or undefined when the text is not a SHA-256 fingerprint. */
export function normalizeTlsFingerprint(text: string): string | undefined {
  const withoutPrefix = text.trim().replace(/^sha-?256:/iu, '');
  // Colons between byte pairs (openssl, browsers); spaces are how some tools group them.
  const hex = /^[0-9a-f]{2}([: ][0-9a-f]{2}){31}$/iu.test(withoutPrefix)
    ? withoutPrefix.replaceAll(/[: ]/gu, '')
    : withoutPrefix;
  const pin = `sha256:${hex.toLowerCase()}`;
  return TLS_FINGERPRINT_PATTERN.test(pin) ? pin : undefined;
}

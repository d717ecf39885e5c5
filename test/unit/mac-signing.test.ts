// `npm run dist:mac` signs and notarizes only with what the environment provides: a Developer ID build keeps the
// hardened runtime (and is notarized when the App Store Connect key is there), a build without a certificate is
// signed ad hoc with the hardened runtime off, since library validation refuses teamless libraries.
import { describe, expect, it } from 'vitest';
import { macSigning } from '../../scripts/mac-signing.mjs';

const API_KEY = { APPLE_API_KEY: '/keys/AuthKey.p8', APPLE_API_KEY_ID: 'ABC123', APPLE_API_ISSUER: 'issuer-uuid' };

describe('dist:mac signing from the environment', () => {
  it('signs ad hoc without the hardened runtime when there is no certificate', () => {
    const { mac, summary } = macSigning({});
    expect(mac).toEqual({ identity: '-', hardenedRuntime: false, notarize: false });
    expect(summary).toMatch(/^no signing certificate/);
  });

  it('treats empty variables, as a workflow passes for a missing secret, as absent', () => {
    expect(macSigning({ CSC_LINK: '', CSC_KEY_PASSWORD: '', ...API_KEY }).mac).toMatchObject({ identity: '-' });
  });

  it('keeps the release settings with a certificate, and notarizes only with complete credentials', () => {
    expect(macSigning({ CSC_LINK: 'base64-p12' }).mac).toEqual({ notarize: false });
    expect(macSigning({ CSC_NAME: 'Developer ID Application: X', APPLE_API_KEY: 'k' }).mac).toEqual({
      notarize: false,
    });
    expect(macSigning({ CSC_LINK: 'base64-p12', ...API_KEY }).mac).toEqual({ notarize: true });
    expect(
      macSigning({ CSC_LINK: 'p12', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }).mac,
    ).toEqual({ notarize: true });
  });

  it('never puts a credential into the arguments or the summary', () => {
    const env = { CSC_LINK: 'secret-p12', CSC_KEY_PASSWORD: 'secret-pass', ...API_KEY };
    const { mac, summary } = macSigning(env);
    for (const value of Object.values(env)) expect(JSON.stringify(mac) + summary).not.toContain(value);
  });
});

// How `npm run dist:mac` signs, from the environment alone: with a Developer ID certificate (CSC_LINK, or CSC_NAME for
// one in the keychain) the release settings in electron-builder.yml stand (hardened runtime), and notarization is on
// when App Store Connect credentials are there too; without a certificate the app is signed ad hoc with the hardened
// runtime off, since an ad-hoc signature has no Team ID and library validation would refuse Electron's framework.

/** The credential sets electron-builder's notarize step accepts, each complete or not at all. */
const NOTARY_CREDENTIALS = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

/** @param {Record<string, string | undefined>} env @param {string} name */
const has = (env, name) => (env[name] ?? '').trim() !== '';

/**
 * The `mac` settings to lay over electron-builder.yml's for this environment, and one sentence saying what the build
 * will be. (Objects, not `-c.mac.x=false` flags: electron-builder's command line keeps those as the string "false".)
 * @param {Record<string, string | undefined>} env
 * @returns {{ mac: { identity?: string, hardenedRuntime?: boolean, notarize: boolean }, summary: string }}
 */
export function macSigning(env) {
  const certificate = has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
  const notary = NOTARY_CREDENTIALS.find((names) => names.every((name) => has(env, name)));
  if (!certificate) {
    return {
      mac: { identity: '-', hardenedRuntime: false, notarize: false },
      summary:
        'no signing certificate (CSC_LINK or CSC_NAME): signing ad hoc without the hardened runtime, not notarized' +
        (notary ? ' (notarization needs a Developer ID signature)' : '') +
        '. Such an app runs on this Mac; others must allow it in System Settings > Privacy & Security.',
    };
  }
  if (!notary) {
    return {
      mac: { notarize: false },
      summary:
        'signing with the Developer ID certificate and the hardened runtime; not notarized (set APPLE_API_KEY, ' +
        'APPLE_API_KEY_ID and APPLE_API_ISSUER to notarize).',
    };
  }
  return {
    mac: { notarize: true },
    summary: `signing with the Developer ID certificate and the hardened runtime, notarized with ${notary[0]}.`,
  };
}

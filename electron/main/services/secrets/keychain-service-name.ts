// The Keychain service name every secret of one data directory is filed under (one item per secret, the secret's
// name as the account). The default data directory, where the app and the CLI both keep their data unless told
// otherwise, uses the fixed name; any other (OPENCLAW_REMOTE_HOME, --data-dir, the tests, `npm run demo`) gets a name
// that carries its path, so a test or the demo never reads, overwrites or deletes the items of a person's real data.
import path from 'node:path';

export const KEYCHAIN_SERVICE = 'ai.openclaw.remote';

export function keychainServiceName(dataDir: string, defaultDataDir: string): string {
  const dir = path.resolve(dataDir);
  // The path itself rather than a digest of it: Keychain Access then shows whose items they are.
  return dir === path.resolve(defaultDataDir) ? KEYCHAIN_SERVICE : `${KEYCHAIN_SERVICE} (${dir})`;
}

// `npm run dist:mac`: builds out/ with Vite, then packages the arm64 and x64 DMGs into release/ with
// electron-builder (config in electron-builder.yml), signed as the environment allows (scripts/mac-signing.mjs).
// macOS only: dmg-builder shells out to hdiutil. Extra arguments go to electron-builder, e.g.
// `npm run dist:mac -- --dir --arm64` for a quick unpacked .app.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { macSigning } from './mac-signing.mjs';
import { packageMac } from './package-mac.mjs';

const root = path.resolve(import.meta.dirname, '..');

if (process.platform !== 'darwin') {
  console.error(
    `dist:mac: DMGs can only be built on macOS (electron-builder's dmg target runs hdiutil); this is ${process.platform}.\n` +
      'Build on a Mac or a macOS CI runner. On other systems, `npm test` still validates electron-builder.yml offline.',
  );
  process.exit(1);
}

/**
 * @param {string} label
 * @param {string[]} args arguments for the current Node binary
 */
function runNode(label, args) {
  console.log(`dist:mac: ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`dist:mac: ${label} failed (${result.signal ?? `exit code ${result.status}`}).`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The Keychain module's prebuilt binary for each Mac architecture. npm installs only this Mac's, so the other DMG
 * would ship without one: add the missing ones beside it (not saved; the lock file already lists them as optional).
 */
function addKeyringBinariesForBothArches() {
  const keyring = JSON.parse(readFileSync(path.join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8'));
  const missing = ['darwin-arm64', 'darwin-x64']
    .map((platform) => `@napi-rs/keyring-${platform}`)
    .filter((name) => !existsSync(path.join(root, 'node_modules', name, 'package.json')))
    .map((name) => `${name}@${keyring.optionalDependencies[name]}`);
  if (missing.length === 0) return;
  console.log(`dist:mac: adding ${missing.join(', ')} for the other architecture's DMG`);
  // --force: npm otherwise refuses a package built for another CPU. Under `npm run`, npm names its own CLI script.
  const npmCli = process.env.npm_execpath;
  const npm = npmCli?.endsWith('.js') ? [process.execPath, npmCli] : ['npm'];
  const flags = ['install', '--no-save', '--force', '--ignore-scripts', '--no-audit', '--no-fund', ...missing];
  const result = spawnSync(npm[0], [...npm.slice(1), ...flags], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`dist:mac: could not add ${missing.join(', ')}; run: npm ${flags.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

const signing = macSigning(process.env);

addKeyringBinariesForBothArches();
runNode('building out/ with Vite', [path.join(root, 'scripts', 'build.mjs')]);
console.log(`dist:mac: packaging with electron-builder; ${signing.summary}`);
await packageMac({ projectDir: root, overrides: { mac: signing.mac }, cliArgs: process.argv.slice(2) });
console.log('dist:mac: done, see release/.');

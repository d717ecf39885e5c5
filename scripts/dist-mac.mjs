// `npm run dist:mac`: builds out/ with Vite, then packages the DMGs into release/ with
// electron-builder (config in electron-builder.yml). macOS only: dmg-builder shells out to hdiutil.
// Extra arguments go to electron-builder, e.g. `npm run dist:mac -- --dir` for a quick unpacked .app.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

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

// The installed electron-builder CLI, run with this Node rather than through node_modules/.bin and a shell.
const electronBuilderCli = createRequire(import.meta.url).resolve('electron-builder/cli.js');

runNode('building out/ with Vite', [path.join(root, 'scripts', 'build.mjs')]);
runNode('packaging with electron-builder', [
  electronBuilderCli,
  '--mac',
  '--publish',
  'never',
  '--config',
  'electron-builder.yml',
  ...process.argv.slice(2),
]);
console.log('dist:mac: done, see release/.');

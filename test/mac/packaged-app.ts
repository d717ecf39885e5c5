// Where the macOS tests find the packaged app: OPENCLAW_REMOTE_APP names an .app, or the one `npm run dist:mac` left
// unpacked in release/ for this Mac's architecture. The tests launch what ships, not a development build: npm's
// allowScripts lets no Electron download happen at install, and electron-builder brings its own Electron.
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PRODUCT = 'OpenClaw Remote';

export interface PackagedApp {
  /** The .app bundle. */
  bundle: string;
  /** Its main executable, which runs as Node with ELECTRON_RUN_AS_NODE=1. */
  executable: string;
  /** Contents/Resources/app.asar: our code and its packages. */
  archive: string;
}

export function packagedApp(): PackagedApp {
  const folder = process.arch === 'arm64' ? 'mac-arm64' : 'mac';
  const bundle = path.resolve(process.env.OPENCLAW_REMOTE_APP ?? path.join(ROOT, 'release', folder, `${PRODUCT}.app`));
  return {
    bundle,
    executable: path.join(bundle, 'Contents', 'MacOS', PRODUCT),
    archive: path.join(bundle, 'Contents', 'Resources', 'app.asar'),
  };
}

/** Why the packaged app cannot be launched here, with the command that fixes it; undefined when it can. */
export function packagedAppMissing(): string | undefined {
  if (process.platform !== 'darwin') return `the app runs on macOS only, and this is ${process.platform}`;
  const { executable } = packagedApp();
  if (existsSync(executable)) return undefined;
  return `${executable} does not exist: build it with npm run dist:mac (or npm run dist:mac -- --dir for the .app alone), or set OPENCLAW_REMOTE_APP to an .app`;
}

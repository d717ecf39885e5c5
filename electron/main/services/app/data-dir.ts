// Where the app keeps its data. OPENCLAW_REMOTE_HOME moves all of it (settings, secrets, logs) elsewhere,
// so a test or a user can isolate a run; otherwise the platform's usual per-user application folder.
import path from 'node:path';

export const DATA_DIR_ENV = 'OPENCLAW_REMOTE_HOME';
export const APP_DIR_NAME = 'OpenClaw Remote';

export interface DataDirInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  /** The runtime's own default (Electron's userData path), used when the environment names none. */
  runtimeDefault?: string;
}

export function resolveDataDir({ env, platform, homeDir, runtimeDefault }: DataDirInput): string {
  const override = env[DATA_DIR_ENV]?.trim();
  if (override) return path.resolve(override);
  if (runtimeDefault) return runtimeDefault;
  if (platform === 'darwin') return path.join(homeDir, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homeDir, 'AppData', 'Roaming'), APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(homeDir, '.config'), APP_DIR_NAME);
}

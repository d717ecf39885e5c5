// The data folder a command works in: --data-dir, else OPENCLAW_REMOTE_HOME, else the platform's usual one — the
// same folder for the in-process core and for finding the running app's socket.
import { homedir } from 'node:os';
import path from 'node:path';
import { DATA_DIR_ENV, resolveDataDir } from '../../services/app/data-dir';

export function cliDataDir(dataDirFlag: string | undefined, env: NodeJS.ProcessEnv, homeDir = homedir()): string {
  return resolveDataDir({
    env: dataDirFlag === undefined ? env : { ...env, [DATA_DIR_ENV]: path.resolve(dataDirFlag) },
    platform: process.platform,
    homeDir,
  });
}

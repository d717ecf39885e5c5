// Pointing this Mac's OpenClaw CLI at a profile's Gateway: gateway.mode "remote" and the gateway.remote keys the
// route needs are written into the CLI's config, stale ones that describe another route removed, and every other key
// kept. A file that does not parse is never touched. The result lists what changed so the window can show it.
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { appError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';
import type { Files, System } from '../system/system';
import { replaceFileAtomically } from './atomic-write';
import { cliRemoteSettings, MANAGED_REMOTE_KEYS } from './cli-remote-settings';
import { holdsComments, readOpenclawConfigFile } from './config-file';
import { locateOpenclawConfig, type ConfigEnvironment } from './config-location';
import { remoteSectionOf } from './remote-section';

export interface ConfigureCliRequest {
  profile: Profile;
  /** The token the app signs in with; undefined for a Gateway without auth. */
  token: string | undefined;
  /** The local port of the app's SSH tunnel as it listens now; required for SSH routes. */
  tunnelLocalPort?: number;
}

export interface ConfigureCliResult {
  configPath: string;
  /** False when the file already said all of this; it was then left alone. */
  changed: boolean;
  /** There was no config before: the file (and its directory, 0700, when missing) was created. */
  created: boolean;
  /** Dotted keys given a new value, e.g. `gateway.remote.url`. Values are not listed: the token is one. */
  set: string[];
  /** Dotted keys removed because they described another route. */
  removed: string[];
  /** `<config>.bak`, holding the file as it was, comments and all; older backups move to `.bak.1` … `.bak.4`. */
  backupPath?: string;
  /** The old file had comments; the rewrite is plain JSON and keeps them only in the backup. */
  commentsDropped: boolean;
  /** The file's mode let group or others read it; now that it holds the token, only the owner keeps access. */
  modeTightened: boolean;
}

export async function configureOpenclawCli(
  request: ConfigureCliRequest,
  deps: { env: ConfigEnvironment; homeDir: string; system: System },
): Promise<ConfigureCliResult> {
  const { files } = deps.system;
  const location = await locateOpenclawConfig(files, deps.env, deps.homeDir);
  const configPath = location.path;
  const { file, config, gateway, remote } = await readForRewrite(files, configPath, location.exists);
  const wanted = cliRemoteSettings(request.profile.route, request, remote);

  const nextRemote: Record<string, unknown> = { ...remote };
  const set: string[] = gateway.mode === 'remote' ? [] : ['gateway.mode'];
  const removed: string[] = [];
  for (const key of MANAGED_REMOTE_KEYS) {
    const value = wanted[key];
    if (value === undefined) {
      if (key in nextRemote) removed.push(`gateway.remote.${key}`);
      delete nextRemote[key];
    } else {
      if (!isDeepStrictEqual(remote[key], value)) set.push(`gateway.remote.${key}`);
      nextRemote[key] = value;
    }
  }
  const outcome = { configPath, set, removed };
  if (file && set.length === 0 && removed.length === 0) {
    // Rewriting would only drop the user's comments and push a real backup out of the ring.
    return { ...outcome, changed: false, created: false, commentsDropped: false, modeTightened: false };
  }

  const next = { ...config, gateway: { ...gateway, mode: 'remote', remote: nextRemote } };
  if (!file) await makeConfigDirectory(files, path.dirname(configPath));
  const oldMode = file?.mode ?? 0o600;
  // The token would let any account on this Mac that can read the file use the Gateway.
  const mode = request.token !== undefined ? oldMode & 0o700 : oldMode;
  const backupPath = replaceFileAtomically(files, {
    path: file?.realPath ?? configPath,
    text: `${JSON.stringify(next, null, 2)}\n`,
    mode,
    ...(file ? { previous: file.text } : {}),
  });
  return {
    ...outcome,
    changed: true,
    created: !file,
    ...(backupPath === undefined ? {} : { backupPath }),
    commentsDropped: file !== undefined && holdsComments(file.text),
    modeTightened: mode !== oldMode,
  };
}

/** The file as read, if any, and its remote section; one the app cannot use is refused, saying it was not changed. */
async function readForRewrite(files: Files, configPath: string, exists: boolean) {
  try {
    const file = exists ? await readOpenclawConfigFile(files, configPath) : undefined;
    const config = file?.config ?? {};
    return { file, config, ...remoteSectionOf(config, configPath) };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    throw new AppFailure({ ...error.error, message: `${error.error.message} The app left it unchanged.` });
  }
}

/** The config's directory, as the CLI creates it: private to the user, for it holds the token and device keys. */
async function makeConfigDirectory(files: Files, dir: string): Promise<void> {
  try {
    const created = await files.mkdir(dir, { recursive: true, mode: 0o700 });
    // Explicitly, because the mode given to mkdir() is cut by the umask.
    if (created !== undefined) await files.chmod(dir, 0o700);
  } catch (error) {
    throw new AppFailure(
      appError(
        'openclaw-config-write-failed',
        `Could not create the folder ${dir} for your OpenClaw config (${(error as NodeJS.ErrnoException).code}).`,
        `Check that you may write to ${path.dirname(dir)} ("ls -ld ${path.dirname(dir)}").`,
      ),
    );
  }
}

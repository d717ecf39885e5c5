// The one set of options the settings file is opened with, by conf in plain Node and by electron-store in the
// Electron app alike: the backend is injected as a factory, so services never import electron, and both runtimes
// read, migrate and validate the same file the same way.
import path from 'node:path';
import type { Options } from 'conf';
import { defaultSettings } from '../../../shared/settings';
import { settingsFileSchemas, type SettingsFileData } from './settings-file-schema';
import { settingsMigrations } from './settings-migrations';
import { CURRENT_SETTINGS_VERSION, formatVersion } from './settings-version';

const SETTINGS_CONFIG_NAME = 'settings';
const SETTINGS_FILE_MODE = 0o600;
/** The data folder holds the settings and the secrets: only its owner may enter it. */
export const DATA_DIR_MODE = 0o700;

type ConfOptions = Options<SettingsFileData>;
export type SettingsStoreOptions = ConfOptions &
  Required<
    Pick<
      ConfOptions,
      | 'cwd'
      | 'configName'
      | 'projectVersion'
      | 'schema'
      | 'rootSchema'
      | 'defaults'
      | 'migrations'
      | 'clearInvalidConfig'
    >
  >;

/** What the settings store needs of conf or electron-store: the file's path and its whole content. */
export interface SettingsBackend {
  readonly path: string;
  store: SettingsFileData;
}

export type SettingsBackendFactory = (options: SettingsStoreOptions) => SettingsBackend;

export function settingsStoreOptions(dataDir: string): SettingsStoreOptions {
  return {
    cwd: dataDir,
    configName: SETTINGS_CONFIG_NAME,
    // The settings version, not the app's: electron-store would otherwise migrate by app.getVersion().
    projectVersion: formatVersion(CURRENT_SETTINGS_VERSION),
    ...settingsFileSchemas(),
    defaults: defaultSettings(),
    migrations: settingsMigrations,
    // A file that fails the schema is set aside by the settings store, never cleared.
    clearInvalidConfig: false,
    // Owner-only whatever the umask (conf applies it on every write): another user who could edit the profiles could
    // point one at their own server and receive its token.
    configFileMode: SETTINGS_FILE_MODE,
  };
}

export function settingsFilePath(dataDir: string): string {
  return path.join(dataDir, `${SETTINGS_CONFIG_NAME}.json`);
}

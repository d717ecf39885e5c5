// The settings file through conf, for plain Node (the CLI, the browser host, tests); the Electron app opens the same
// file with the same options through electron-store (adapters/settings-backend.ts).
import Conf from 'conf';
import type { SettingsFileData } from './settings-file-schema';
import type { SettingsBackendFactory } from './settings-store-options';

export const createConfSettingsBackend: SettingsBackendFactory = (options) => new Conf<SettingsFileData>(options);

// The settings file through electron-store in the Electron app: the same options the plain-Node conf backend gets,
// with conf's `configName` under the name electron-store gives it.
import ElectronStore from 'electron-store';
import type { SettingsFileData } from '../services/settings/settings-file-schema';
import type { SettingsBackendFactory } from '../services/settings/settings-store-options';

export const createElectronSettingsBackend: SettingsBackendFactory = ({ configName, ...options }) =>
  new ElectronStore<SettingsFileData>({ ...options, name: configName });

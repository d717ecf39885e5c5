// The settings file through conf, for plain Node (the CLI, the browser host, tests); the Electron app opens the same
// file with the same options through electron-store (adapters/settings-backend.ts). conf (with ajv, its JSON Schema
// compiler) loads at the first open, which a CLI command that only reads valid settings never makes.
import { createRequire } from 'node:module';
import type ConfClass from 'conf';
import type { SettingsFileData } from './settings-file-schema';
import type { SettingsBackendFactory } from './settings-store-options';

// A synchronous load, because the settings store opens its backend synchronously; conf is an ES module without
// top-level await, which Node's require loads.
const requireModule = createRequire(import.meta.url);

export const createConfSettingsBackend: SettingsBackendFactory = (options) => {
  const { default: Conf } = requireModule('conf') as { default: typeof ConfClass };
  return new Conf<SettingsFileData>(options);
};

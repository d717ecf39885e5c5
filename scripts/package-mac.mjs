// Runs electron-builder for macOS in this process: a config file (electron-builder.yml) with settings laid over it as
// objects, and electron-builder's own command-line arguments (`--dir`, `--arm64`, `-c.key=value`) parsed its way.
// `npm run dist:mac` packages with it, and so does the packaging test with a stand-in Electron, so both take one path.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { build } = require('electron-builder');
const { configureBuildCommand, createYargs, normalizeOptions } = require('electron-builder/out/builder.js');

/** `over` laid onto `base`: plain objects merge key by key, anything else (arrays too) replaces. */
function merge(base, over) {
  const isPlain = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  const result = { ...base };
  for (const [key, value] of Object.entries(over)) {
    result[key] = isPlain(value) && isPlain(result[key]) ? merge(result[key], value) : value;
  }
  return result;
}

/**
 * @param {{ projectDir: string, configFile?: string, overrides?: object, cliArgs?: string[] }} options
 * @returns {Promise<string[]>} the artifacts electron-builder wrote (none for `--dir`)
 */
export async function packageMac({ projectDir, configFile = 'electron-builder.yml', overrides = {}, cliArgs = [] }) {
  const parser = createYargs();
  configureBuildCommand(parser);
  const options = normalizeOptions(parser.parseSync(['--mac', ...cliArgs]));
  if (typeof options.config === 'string') {
    throw new Error(`--config is ${configFile} here; lay settings over it with -c.key=value instead.`);
  }
  // electron-builder loads the file named by a dotted `extends` and deep-assigns the rest of this object over it.
  const config = merge(merge({ extends: configFile }, overrides), options.config ?? {});
  return build({ ...options, projectDir, publish: 'never', config });
}

// Finding this Mac's OpenClaw config as the CLI does, in a temp home with real files: the explicit path, the state
// dir, the default and legacy places, OPENCLAW_HOME, and where a new file goes when there is none.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateOpenclawConfig } from '../../electron/main/services/openclaw-config/config-location';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const { files } = testSystem();
let home: string;

beforeEach(() => {
  home = makeTempDir('openclaw-locate-');
});

afterEach(() => removeTempDir(home));

function touch(...parts: string[]): string {
  const file = path.join(home, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '{}');
  return file;
}

describe('locating the OpenClaw CLI config', () => {
  it('uses OPENCLAW_CONFIG_PATH alone, with ~ expanded, whether or not the file exists', async () => {
    touch('.openclaw', 'openclaw.json');
    expect(await locateOpenclawConfig(files, { OPENCLAW_CONFIG_PATH: ' ~/cfg/main.json ' }, home)).toEqual({
      path: path.join(home, 'cfg', 'main.json'),
      exists: false,
    });
    const file = touch('cfg', 'main.json');
    expect(await locateOpenclawConfig(files, { OPENCLAW_CONFIG_PATH: file }, home)).toEqual({
      path: file,
      exists: true,
    });
  });

  it('prefers $OPENCLAW_STATE_DIR/openclaw.json, then falls back to ~/.openclaw when the state dir has none', async () => {
    const inHome = touch('.openclaw', 'openclaw.json');
    const env = { OPENCLAW_STATE_DIR: path.join(home, 'state') };
    expect(await locateOpenclawConfig(files, env, home)).toEqual({ path: inHome, exists: true });
    const inState = touch('state', 'openclaw.json');
    expect(await locateOpenclawConfig(files, env, home)).toEqual({ path: inState, exists: true });
  });

  it('still finds a config under the legacy clawdbot names', async () => {
    const legacy = touch('.clawdbot', 'clawdbot.json');
    expect(await locateOpenclawConfig(files, {}, home)).toEqual({ path: legacy, exists: true });
  });

  it('names the file the CLI would create when none exists: in the state dir when set, else ~/.openclaw', async () => {
    expect(await locateOpenclawConfig(files, {}, home)).toEqual({
      path: path.join(home, '.openclaw', 'openclaw.json'),
      exists: false,
    });
    expect(
      await locateOpenclawConfig(files, { OPENCLAW_STATE_DIR: '~/state', OPENCLAW_CONFIG_PATH: '  ' }, home),
    ).toEqual({
      path: path.join(home, 'state', 'openclaw.json'),
      exists: false,
    });
  });

  it('moves the home to OPENCLAW_HOME, whose own ~ is the OS home', async () => {
    const file = touch('oc-home', '.openclaw', 'openclaw.json');
    expect(await locateOpenclawConfig(files, { OPENCLAW_HOME: '~/oc-home' }, home)).toEqual({
      path: file,
      exists: true,
    });
  });
});

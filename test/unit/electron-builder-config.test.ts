// Offline check of electron-builder.yml against electron-builder's own schema (the DMG build itself needs macOS),
// plus the packaging decisions that must not regress: menu-bar-only Info.plist, the generated icon, no native rebuild,
// natives outside the archive, and no host-ABI native addons from ssh2 / cpu-features inside the app.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Configuration, FileSet } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const CONFIG_FILE = 'electron-builder.yml';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function loadConfig(projectDir: string): Promise<Configuration> {
  return getConfig(projectDir, CONFIG_FILE, null);
}

function fileFilters(config: Configuration): string[] {
  const entries = config.files == null ? [] : Array.isArray(config.files) ? config.files : [config.files];
  return entries.flatMap((entry: FileSet | string) => {
    if (typeof entry === 'string') return [entry];
    if (entry.filter == null) return [];
    return Array.isArray(entry.filter) ? entry.filter : [entry.filter];
  });
}

/** True when `relativePath` or one of its parent folders matches a `!` pattern, i.e. it is left out of the app. */
function isExcluded(relativePath: string, filters: string[]): boolean {
  const excludes = filters.filter((filter) => filter.startsWith('!')).map((filter) => filter.slice(1));
  const segments = relativePath.split('/');
  return segments.some((_, index) => {
    const candidate = segments.slice(0, index + 1).join('/');
    return excludes.some((glob) => path.matchesGlob(candidate, glob));
  });
}

function nativeAddonsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node'))
    .map((file) => path.relative(repoRoot, path.join(dir, file)).split(path.sep).join('/'));
}

describe('electron-builder.yml', () => {
  it('validates against the electron-builder schema', async () => {
    const config = await loadConfig(repoRoot);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Compiling electron-builder's whole JSON schema takes seconds of CPU, more when other suites share the cores.
  }, 60_000);

  it('rejects a misspelt key, so the validation above can fail', async () => {
    const original = readFileSync(path.join(repoRoot, CONFIG_FILE), 'utf8');
    const typo = original.replace(/^(\s+)hardenedRuntime:/m, '$1hardenedRuntim:');
    expect(typo).not.toBe(original);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'openclaw-builder-config-'));
    tempDirs.push(dir);
    writeFileSync(path.join(dir, CONFIG_FILE), typo);

    const config = await loadConfig(dir);
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('builds a menu-bar-only, hardened, unsandboxed mac app without a native rebuild', async () => {
    const config = await loadConfig(repoRoot);
    expect(config.appId).toBe('ai.openclaw.remote');
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'assets' });
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(false);
    expect(config.mac?.icon).toBe('assets/icon.icns');
    expect(existsSync(path.join(repoRoot, 'assets/icon.icns'))).toBe(true);
    // Both Mac architectures get a DMG.
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);

    const entitlementsPath = config.mac?.entitlements;
    expect(entitlementsPath).toBe('assets/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe(entitlementsPath);
    const entitlements = readFileSync(path.join(repoRoot, entitlementsPath ?? ''), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(entitlements).not.toContain('com.apple.security.app-sandbox');
    // A Developer ID build signs every nested binary (the Keychain module's .node too) with one Team ID, so library
    // validation stays on; ad-hoc builds turn the hardened runtime off instead (scripts/mac-signing.mjs).
    expect(entitlements).not.toContain('<key>com.apple.security.cs.disable-library-validation</key>');
  });

  it('keeps every native module outside the archive, where it can be loaded', async () => {
    const config = await loadConfig(repoRoot);
    const unpack = config.asarUnpack == null ? [] : [config.asarUnpack].flat();
    for (const file of [
      'node_modules/@napi-rs/keyring-darwin-arm64/keyring.darwin-arm64.node',
      'node_modules/@napi-rs/keyring-darwin-x64/keyring.darwin-x64.node',
    ]) {
      expect(
        unpack.some((glob) => path.matchesGlob(file, glob)),
        `${file} must be asar-unpacked`,
      ).toBe(true);
    }
  });

  it('ships the Vite output and leaves out the native ssh2 / cpu-features builds', async () => {
    const filters = fileFilters(await loadConfig(repoRoot));
    expect(filters).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    // What tests build beside the app (the CLI under test) stays out of it.
    expect(filters.some((filter) => path.matchesGlob('out/cli-test/cli.js', filter))).toBe(false);

    const knownNativeParts = [
      'node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node',
      'node_modules/ssh2/lib/protocol/crypto/src/binding.cc',
      'node_modules/ssh2/lib/protocol/crypto/binding.gyp',
      'node_modules/cpu-features/build/Release/cpufeatures.node',
    ];
    const installedAddons = [
      ...nativeAddonsUnder(path.join(repoRoot, 'node_modules/ssh2')),
      ...nativeAddonsUnder(path.join(repoRoot, 'node_modules/cpu-features')),
    ];
    for (const file of [...knownNativeParts, ...installedAddons]) {
      expect(isExcluded(file, filters), `${file} must be excluded from files`).toBe(true);
    }

    // The pure-JS fallbacks ssh2 uses when the addon is missing must stay in.
    for (const file of ['node_modules/ssh2/lib/index.js', 'node_modules/ssh2/lib/protocol/crypto/poly1305.js']) {
      expect(isExcluded(file, filters), `${file} must be shipped`).toBe(false);
    }
  });
});

// A `--mac --dir` packaging run here, off macOS, with a stand-in Electron (test/fixtures/stand-in-electron.ts):
// electron-builder.yml and the same code path as `npm run dist:mac` (scripts/package-mac.mjs) make an .app that is a
// menu-bar app with our icon, whose app.asar holds the built out/ code and every package it loads, with the native
// modules beside the archive and none of ssh2's host-ABI build. The DMG itself needs macOS (the macOS workflow).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import type { Configuration, FileSet } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageMac } from '../../scripts/package-mac.mjs';
import { ELECTRON_HELPERS, writeStandInElectron } from '../fixtures/stand-in-electron';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The app's three builds, made for this test beside (not over) the ones `npm run build` and the UI tests make. */
const BUILD_DIR = path.join('out', 'package-test');
const BUILDS = ['main', 'preload', 'renderer'] as const;
const APP_NAME = 'OpenClaw Remote';

let scratch: string;
let contents: string;
let archive: string;
let archived: Set<string>;

/** electron-builder.yml with its out/<build>/** patterns taken from BUILD_DIR instead, written as JSON to `file`. */
async function configReadingTestBuilds(file: string): Promise<void> {
  const config: Configuration = await getConfig(ROOT, 'electron-builder.yml', null);
  const buildOf = (pattern: string) => /^out\/(main|preload|renderer)\/\*\*$/.exec(pattern)?.[1];
  // The loaded config holds the file's patterns as one FileSet's filter (electron-builder's normal form).
  const entries = [config.files ?? []]
    .flat()
    .map((entry: string | FileSet) => (typeof entry === 'string' ? { filter: [entry] } : entry));
  const patterns = entries.flatMap((entry) => (entry.from === undefined ? [entry.filter ?? []].flat() : []));
  expect(patterns.map(buildOf).filter(Boolean).sort()).toEqual([...BUILDS]);
  config.files = [
    ...entries.filter((entry) => entry.from !== undefined),
    { filter: patterns.filter((pattern) => buildOf(pattern) === undefined) },
    ...BUILDS.map((build) => ({ from: `${BUILD_DIR}/${build}`, to: `out/${build}`, filter: ['**/*'] })),
  ];
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Whether `name` resolves from the package folder `from` inside the archive, as Node's require walks node_modules. */
function resolvesInArchive(from: string, name: string): boolean {
  for (let dir = from; ; dir = path.posix.dirname(dir)) {
    if (archived.has(path.posix.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dir === '/') return false;
  }
}

function archivedJson(file: string): Record<string, unknown> {
  return JSON.parse(extractFile(archive, file.slice(1)).toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  scratch = makeTempDir('openclaw-mac-packaging-');
  rmSync(path.join(ROOT, BUILD_DIR), { recursive: true, force: true });
  for (const build of BUILDS) {
    const outDir = path.join(ROOT, BUILD_DIR, build);
    await viteBuild({ configFile: path.join(ROOT, `vite.${build}.config.ts`), logLevel: 'warn', build: { outDir } });
  }
  const configFile = path.join(scratch, 'electron-builder.json');
  await configReadingTestBuilds(configFile);
  await packageMac({
    projectDir: ROOT,
    configFile,
    overrides: {
      electronDist: writeStandInElectron(path.join(scratch, 'electron')),
      directories: { output: path.join(scratch, 'release') },
    },
    cliArgs: ['--dir', '--arm64'],
  });
  contents = path.join(scratch, 'release', 'mac-arm64', `${APP_NAME}.app`, 'Contents');
  archive = path.join(contents, 'Resources', 'app.asar');
  archived = new Set(listPackage(archive, { isPack: false }).map((file) => file.split(path.sep).join('/')));
}, 110_000);

afterAll(() => {
  rmSync(path.join(ROOT, BUILD_DIR), { recursive: true, force: true });
  if (scratch) removeTempDir(scratch);
});

describe('the packaged mac app (--mac --dir, stand-in Electron)', () => {
  it('is a menu-bar app named and identified as ours, with our icon and renamed helpers', () => {
    const infoPlist = readFileSync(path.join(contents, 'Info.plist'), 'utf8');
    expect(infoPlist).toMatch(/<key>LSUIElement<\/key>\s*<true\/>/);
    expect(infoPlist).toMatch(/<key>CFBundleIdentifier<\/key>\s*<string>ai\.openclaw\.remote<\/string>/);
    expect(infoPlist).toMatch(new RegExp(`<key>CFBundleExecutable</key>\\s*<string>${APP_NAME}</string>`));
    expect(infoPlist).toMatch(/<key>CFBundleIconFile<\/key>\s*<string>icon\.icns<\/string>/);
    const icon = readFileSync(path.join(contents, 'Resources', 'icon.icns'));
    expect(icon.equals(readFileSync(path.join(ROOT, 'assets', 'icon.icns')))).toBe(true);
    expect(existsSync(path.join(contents, 'MacOS', APP_NAME))).toBe(true);
    for (const helper of ELECTRON_HELPERS) {
      const renamed = helper.replace('Electron', APP_NAME);
      expect(existsSync(path.join(contents, 'Frameworks', `${renamed}.app`)), renamed).toBe(true);
    }
  });

  it('archives our built code, byte for byte, and nothing else from out/', () => {
    const manifest = archivedJson('/package.json');
    expect(manifest.main).toBe('out/main/index.js');
    for (const file of ['main/index.js', 'main/cli.js', 'preload/index.cjs', 'renderer/index.html']) {
      const built = readFileSync(path.join(ROOT, BUILD_DIR, file));
      expect(extractFile(archive, path.join('out', file)).equals(built), `out/${file}`).toBe(true);
    }
    const outFolders = new Set([...archived].filter((file) => file.startsWith('/out/')).map((f) => f.split('/')[2]));
    expect([...outFolders].sort()).toEqual(['main', 'preload', 'renderer']);
    expect(archived.has('/assets/tray/idleTemplate.png')).toBe(true);
  });

  it('holds every package the app loads, down to their own dependencies', () => {
    const rootManifest = archivedJson('/package.json');
    const missing: string[] = [];
    const visit = (from: string, dependencies: Record<string, string> | undefined) => {
      for (const name of Object.keys(dependencies ?? {})) {
        if (!resolvesInArchive(from, name)) missing.push(`${name} (needed by ${from})`);
      }
    };
    visit('/', rootManifest.dependencies as Record<string, string>);
    for (const manifest of [...archived].filter((file) =>
      /\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(file),
    )) {
      visit(path.posix.dirname(manifest), archivedJson(manifest).dependencies as Record<string, string> | undefined);
    }
    expect(missing).toEqual([]);
    expect(archived.has('/node_modules/ssh2/package.json')).toBe(true);
    expect(archived.has('/node_modules/@napi-rs/keyring/package.json')).toBe(true);
  });

  it('keeps native modules outside the archive and leaves ssh2 and cpu-features builds out', () => {
    const natives = [...archived].filter((file) => file.endsWith('.node'));
    // At least the Keychain module's binary for this machine (darwin ones too when they are installed).
    expect(natives.some((file) => file.startsWith('/node_modules/@napi-rs/keyring-'))).toBe(true);
    for (const file of natives) {
      expect(statFile(archive, file.slice(1)), file).toMatchObject({ unpacked: true });
      expect(existsSync(path.join(contents, 'Resources', 'app.asar.unpacked', file)), file).toBe(true);
    }
    expect(natives.filter((file) => /ssh2|cpu-features/.test(file))).toEqual([]);
    expect([...archived].some((file) => file.startsWith('/node_modules/cpu-features/'))).toBe(false);
    expect(archived.has('/node_modules/ssh2/lib/protocol/crypto/poly1305.js')).toBe(true);
  });
});

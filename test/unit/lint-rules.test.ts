// Proves the architecture boundaries in eslint.config.js hold (Electron only in adapters, the preload and the
// composition root; no ipcRenderer in the renderer; no Node builtins in electron/shared; the layers and the table
// of which service folder may import which; services on their injected System), also in the real tree.
// Type-aware parsing is off here: these rules are syntactic, and virtual file paths belong to no tsconfig.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
  'no-restricted-properties',
]);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: tseslint.configs.disableTypeChecked,
  });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  // A fatal parse error would make every "no violation" assertion below pass vacuously.
  expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  return result.messages;
}

function errorsFrom(messages: Linter.LintMessage[], ruleId: string): Linter.LintMessage[] {
  return messages.filter((message) => message.ruleId === ruleId && message.severity === 2);
}

const ELECTRON_IMPORT = "import { app } from 'electron';\nexport const name = app.getName();\n";

describe('electron import boundary', () => {
  it('rejects electron in a service and points at adapters', async () => {
    const errors = errorsFrom(
      await lint('electron/main/services/example.ts', ELECTRON_IMPORT),
      'no-restricted-imports',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('electron/main/adapters/');
  });

  it('rejects electron subpaths, electron-store and dynamic imports outside adapters', async () => {
    const code = [
      "import { ipcMain } from 'electron/main';",
      "import Store from 'electron-store';",
      'export const both = [ipcMain, Store];',
      "export const lazy = () => import('electron');",
    ].join('\n');
    const messages = await lint('electron/main/host/example.ts', code);
    expect(errorsFrom(messages, 'no-restricted-imports')).toHaveLength(2);
    expect(errorsFrom(messages, 'no-restricted-syntax')).toHaveLength(1);
  });

  it.each(['electron/main/adapters/example.ts', 'electron/preload/index.ts', 'electron/main/index.ts'])(
    'allows electron in %s',
    async (filePath) => {
      const messages = await lint(filePath, ELECTRON_IMPORT);
      expect(messages.filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))).toEqual([]);
    },
  );
});

describe('renderer boundary', () => {
  it('rejects any use of ipcRenderer and points at api', async () => {
    const code = "export function ping(): void {\n  void window.ipcRenderer.invoke('app:info');\n}\n";
    const errors = errorsFrom(await lint('renderer/example.tsx', code), 'no-restricted-syntax');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('renderer/api.ts');
  });

  it('rejects ipcRenderer as a global', async () => {
    const code = "export const send = (): unknown => ipcRenderer.send('x');\n";
    expect(errorsFrom(await lint('renderer/example.tsx', code), 'no-restricted-globals')).toHaveLength(1);
  });

  it('rejects electron, node builtins and main-process code, allows shared and api', async () => {
    const bad = [
      "import { ipcRenderer } from 'electron';",
      "import { readFile } from 'node:fs/promises';",
      "import { createMainServices } from '../electron/main/main-services';",
      'export const all = [ipcRenderer, readFile, createMainServices];',
    ].join('\n');
    expect(errorsFrom(await lint('renderer/example.tsx', bad), 'no-restricted-imports')).toHaveLength(3);

    const good = [
      "import type { Api } from '../electron/shared/contract';",
      "import { api } from './api';",
      'export const typed: Api = api;',
    ].join('\n');
    const messages = await lint('renderer/example.tsx', good);
    expect(messages.filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))).toEqual([]);
  });
});

describe('electron/shared boundary', () => {
  it.each(['node:fs', 'fs', 'fs/promises', 'path', 'child_process', 'node:test'])(
    'rejects the node builtin %s',
    async (specifier) => {
      const code = `import * as builtin from '${specifier}';\nexport default builtin;\n`;
      const errors = errorsFrom(await lint('electron/shared/example.ts', code), 'no-restricted-imports');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain('electron/shared');
    },
  );

  it('rejects electron and allows packages and siblings whose names merely start like builtins', async () => {
    expect(errorsFrom(await lint('electron/shared/example.ts', ELECTRON_IMPORT), 'no-restricted-imports')).toHaveLength(
      1,
    );
    const code = [
      "import { z } from 'zod';",
      "import type { Result } from './errors';",
      "import * as paths from './paths-like';",
      'export const all: [typeof z, Result<number> | undefined, typeof paths] = [z, undefined, paths];',
    ].join('\n');
    expect(errorsFrom(await lint('electron/shared/example.ts', code), 'no-restricted-imports')).toEqual([]);
  });
});

describe('layering', () => {
  const importing = (specifier: string) => `import * as imported from '${specifier}';\nexport default imported;\n`;

  it('rejects a service folder importing one its row leaves out, and says what to do instead', async () => {
    const errors = errorsFrom(
      await lint('electron/main/services/ssh/example.ts', importing('../gateway/probe')),
      'no-restricted-imports',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('services/ssh/ may import files/, link/, log/');
    expect(errors[0]?.message).toContain('pass in what it needs as a function');
  });

  it.each([
    ['electron/main/services/connection/example.ts', '../ssh/ssh-config'],
    ['electron/main/services/gateway/example.ts', '../ssh/remote'],
    ['electron/main/services/ssh/example.ts', '../log/app-log'],
    ['electron/main/services/ssh/example.ts', './target'],
    ['electron/main/services/ssh/example.ts', '../../app-failure'],
    ['electron/main/services/ssh/example.ts', '../../../shared/errors'],
    ['electron/main/actions/example.ts', '../services/connection/profile-connection'],
    ['electron/main/actions/example.ts', '../../shared/profile'],
  ])('allows %s to import %s', async (filePath, specifier) => {
    const messages = await lint(filePath, importing(specifier));
    expect(messages.filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))).toEqual([]);
  });

  it('keeps the link supervisor below everything but system/ and log/', async () => {
    const errors = errorsFrom(
      await lint('electron/main/services/link/example.ts', importing('../ssh/tunnel')),
      'no-restricted-imports',
    );
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('services/link/ may import log/')]);
  });

  it.each(['../../main-services', '../../router', '../../actions/connect', '../../system/node-system'])(
    'rejects a service importing %s from a layer above',
    async (specifier) => {
      const errors = errorsFrom(
        await lint('electron/main/services/connection/example.ts', importing(specifier)),
        'no-restricted-imports',
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain('take what the service needs as a parameter');
    },
  );

  it('rejects imports from a service folder that has no row in the table', async () => {
    const errors = errorsFrom(
      await lint('electron/main/services/unlisted/example.ts', importing('../ssh/connect')),
      'no-restricted-imports',
    );
    expect(errors[0]?.message).toContain('no row in SERVICE_IMPORTS');
  });

  it('rejects actions importing the router, the composition of the core or hosts', async () => {
    for (const specifier of ['../router', '../main-services', '../host/cli/run-cli']) {
      const errors = errorsFrom(
        await lint('electron/main/actions/example.ts', importing(specifier)),
        'no-restricted-imports',
      );
      expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('Actions sit below')]);
    }
  });

  it('rejects electron/shared importing main-process code', async () => {
    const errors = errorsFrom(
      await lint('electron/shared/example.ts', importing('../main/services/ssh/target')),
      'no-restricted-imports',
    );
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('sits below everything')]);
  });

  it('has a row for every service folder, all of them flat, and no cycle', async () => {
    const config = (await import(pathToFileURL(path.join(repoRoot, 'eslint.config.js')).href)) as {
      SERVICE_IMPORTS: Record<string, string[]>;
    };
    const table = config.SERVICE_IMPORTS;
    const servicesDir = path.join(repoRoot, 'electron/main/services');
    for (const folder of readdirSync(servicesDir, { withFileTypes: true })) {
      expect(folder.isDirectory(), `${folder.name} is a folder`).toBe(true);
      expect(Object.keys(table), 'folders with a row').toContain(folder.name);
      const nested = readdirSync(path.join(servicesDir, folder.name), { withFileTypes: true }).filter((entry) =>
        entry.isDirectory(),
      );
      expect(
        nested.map((entry) => `${folder.name}/${entry.name}`),
        'nested folders',
      ).toEqual([]);
    }
    for (const [folder, imports] of Object.entries(table)) {
      for (const imported of imports)
        expect(Object.keys(table), `${folder} imports a known folder`).toContain(imported);
    }
    // Depth-first: a folder met again while its own imports are still being followed closes a cycle.
    const done = new Set<string>();
    const cycleFrom = (folder: string, trail: string[]): string[] | undefined => {
      if (trail.includes(folder)) return [...trail, folder];
      if (done.has(folder)) return undefined;
      for (const imported of table[folder] ?? []) {
        const cycle = cycleFrom(imported, [...trail, folder]);
        if (cycle) return cycle;
      }
      done.add(folder);
      return undefined;
    };
    for (const folder of Object.keys(table)) expect(cycleFrom(folder, [])?.join(' → ')).toBeUndefined();
  });
});

describe('one System for services', () => {
  const SERVICE = 'electron/main/services/ssh/example.ts';

  it.each(['node:fs', 'fs/promises', 'node:child_process', 'node:os', 'node:timers'])(
    'rejects importing %s in a service and points at the injected System',
    async (specifier) => {
      const code = `import * as module from '${specifier}';\nexport default module;\n`;
      const errors = errorsFrom(await lint(SERVICE, code), 'no-restricted-imports');
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringContaining('take it from the injected System'),
      ]);
    },
  );

  it('rejects the process clock and timers, and a dynamic import of the file system', async () => {
    const code = [
      'export const at = Date.now();',
      'export const today = new Date();',
      'export const timer = setTimeout(() => {}, 10);',
      'clearInterval(undefined);',
      "export const fs = () => import('node:fs/promises');",
    ].join('\n');
    const messages = await lint(SERVICE, code);
    expect(errorsFrom(messages, 'no-restricted-properties')).toHaveLength(1);
    expect(errorsFrom(messages, 'no-restricted-globals')).toHaveLength(2);
    expect(errorsFrom(messages, 'no-restricted-syntax')).toHaveLength(2);
    for (const error of messages) expect(error.message).toContain('injected System');
  });

  it('allows Node types, a Date made from a given time, and node modules the System does not cover', async () => {
    const code = [
      "import type { Stats } from 'node:fs';",
      "import { randomUUID } from 'node:crypto';",
      "import net from 'node:net';",
      "import path from 'node:path';",
      'export const stamp = (ms: number): string => new Date(ms).toISOString();',
      'export const all: [Stats | undefined, unknown, unknown, unknown] = [undefined, randomUUID, net, path];',
    ].join('\n');
    const messages = await lint(SERVICE, code);
    expect(messages.filter((message) => BOUNDARY_RULES.has(message.ruleId ?? ''))).toEqual([]);
  });

  it('holds for the links too: the tunnel may not take the process clock either', async () => {
    const messages = await lint('electron/main/services/ssh/tunnel.ts', 'export const started = Date.now();');
    expect(messages.map((message) => message.ruleId)).toContain('no-restricted-properties');
  });
});

describe('the real tree', () => {
  it('has no boundary violations in electron/ and renderer/', { timeout: 60_000 }, async () => {
    const results = await eslint.lintFiles(['electron', 'renderer']);
    expect(results.length).toBeGreaterThan(10);
    const violations = results.flatMap((result) =>
      result.messages
        .filter((message) => message.fatal || BOUNDARY_RULES.has(message.ruleId ?? ''))
        .map(
          (message) =>
            `${path.relative(repoRoot, result.filePath)}:${message.line} ${message.ruleId} ${message.message}`,
        ),
    );
    expect(violations).toEqual([]);
  });
});

// ESLint flat config: type-aware TypeScript checks plus the architecture boundaries (who may touch Electron,
// what the renderer and electron/shared may import, which layer and which service folder may import which).
// Prettier owns formatting, so no stylistic rules here; test/unit/lint-rules.test.ts proves the boundaries fire.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Outside adapters, the preload and the composition root, Electron would make a module untestable under plain
// Node (vitest) and unusable by the browser host. electron-store requires `electron` at load time, so it counts.
const ELECTRON_MESSAGE =
  'Services and shared code stay plain Node (vitest and the browser host load them without Electron): ' +
  'put Electron code in an adapter under electron/main/adapters/ and wire it in electron/main/index.ts.';
const RENDERER_IPC_MESSAGE =
  'The renderer has no Electron or ipcRenderer (sandboxed preload, and the browser host has neither): ' +
  'use `api` from renderer/api.ts.';
const SHARED_NODE_MESSAGE =
  'electron/shared is imported by the renderer, which runs in a browser: no Node builtins here. ' +
  'Keep Node code in electron/main/services/.';
const RENDERER_NODE_MESSAGE =
  'The renderer runs in a sandboxed browser page with no Node: use `api` from renderer/api.ts for anything ' +
  'that needs the main process.';
const RENDERER_MAIN_MESSAGE =
  'The renderer may only import electron/shared (types and pure helpers); main-process and preload code ' +
  'is reached through `api` from renderer/api.ts.';

const ELECTRON_MODULES = ['electron', 'electron-store'];

// ---- Layering: electron/shared ← services ← actions ← router, host, adapters, composition roots ----

/**
 * Which service folder (electron/main/services/<folder>/) may import which. Besides its own row a service imports
 * packages, electron/shared, its own folder and the two helpers beside the router (app-failure, describe-issues).
 * Lower folders come first, and no folder appears in the row of a folder it lists: lint-rules.test.ts checks that the
 * table has no cycle and a row for every folder. `link` (a generic "keep this link up" supervisor) is on its way.
 */
export const SERVICE_IMPORTS = {
  system: [],
  app: [],
  files: ['system'],
  log: ['system'],
  link: ['log', 'system'],
  secrets: ['files', 'system'],
  settings: ['files', 'system'],
  ssh: ['files', 'link', 'log', 'system'],
  gateway: ['files', 'link', 'log', 'secrets', 'ssh', 'system'],
  tailscale: ['gateway', 'system'],
  profiles: ['secrets', 'settings', 'ssh', 'system'],
  'openclaw-config': ['files', 'gateway', 'ssh', 'system'],
  connection: ['gateway', 'link', 'log', 'openclaw-config', 'profiles', 'secrets', 'settings', 'ssh', 'system'],
  doctor: ['connection', 'gateway', 'log', 'profiles', 'secrets', 'ssh', 'system', 'tailscale'],
};

// Service folders are flat (services/<folder>/<file>.ts; lint-rules.test.ts checks it), so from a service file
// `../x` is the service folder x and `../../x` is electron/main/x. That tells services/system/ (the interfaces)
// from electron/main/system/ (the real implementation, which only composition roots build).
const ABOVE_SERVICES = ['actions', 'adapters', 'host', 'system', 'router', 'main-services', 'event-bus', 'index'];
const ABOVE_ACTIONS = ['adapters', 'host', 'system', 'router', 'main-services', 'tailnet-watch', 'menu-bar', 'index'];

const SERVICES_ABOVE_MESSAGE =
  'Services sit below actions, the router, hosts, adapters and the composition roots, and never import ' +
  'them: take what the service needs as a parameter, passed in by its caller (the real System comes from the ' +
  'composition root).';
const ACTIONS_ABOVE_MESSAGE =
  'Actions sit below the router, hosts, adapters and the composition roots, which call them: take what ' +
  'the action needs as a parameter (the real System comes from the composition root).';
const SHARED_ABOVE_MESSAGE =
  'electron/shared is the contract every process imports and sits below everything in electron/main and the ' +
  'preload: move what both sides need into electron/shared instead.';
const UNLISTED_FOLDER_MESSAGE =
  'This service folder has no row in SERVICE_IMPORTS (eslint.config.js): add one naming the folders it may import, ' +
  'keeping the table free of cycles.';

/** A regex group matching any of `names`, which hold no regex metacharacters. @param {string[]} names */
function oneOf(names) {
  return `(?:${names.join('|')})`;
}

/** @param {string} folder @param {readonly string[]} allowed */
function layerMessage(folder, allowed) {
  const may = allowed.length === 0 ? 'no other service folder' : allowed.map((name) => `${name}/`).join(', ');
  return (
    `services/${folder}/ may import ${may} (SERVICE_IMPORTS in eslint.config.js). Have the caller pass in what it ` +
    'needs as a function, or move the code to the folder that wires both (often services/connection/); change the ' +
    'table only if it stays free of cycles.'
  );
}

/**
 * The import patterns that keep one service folder in its layer; `folder` undefined is a folder with no row yet.
 * @param {string | undefined} folder
 */
function serviceLayerPatterns(folder) {
  const allowed = folder === undefined ? [] : SERVICE_IMPORTS[folder];
  const forbidden = Object.keys(SERVICE_IMPORTS).filter((name) => name !== folder && !allowed.includes(name));
  const message = folder === undefined ? UNLISTED_FOLDER_MESSAGE : layerMessage(folder, allowed);
  return [
    { regex: `^\\.\\./\\.\\./${oneOf(ABOVE_SERVICES)}(?:/|$)`, message: SERVICES_ABOVE_MESSAGE },
    ...(forbidden.length === 0 ? [] : [{ regex: `^\\.\\./${oneOf(forbidden)}(?:/|$)`, message }]),
  ];
}

// ---- One System: services take files, subprocesses, time and OS facts from the System they are given ----

const SYSTEM_MESSAGE =
  'Services take files, subprocesses, time and OS facts from the System their caller injects ' +
  '(services/system/system.ts), so that every host and test decides what they are: take it from the injected ' +
  'System (its clock for time), adding to the interface what it lacks.';
/** The Node modules the System stands in for. */
const SYSTEM_MODULES = ['fs', 'fs/promises', 'child_process', 'os', 'timers', 'timers/promises', 'dns', 'dns/promises'];
const SYSTEM_MODULE_SOURCE = `^(?:node:)?${oneOf(SYSTEM_MODULES)}$`;
const TIMER_GLOBALS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

/**
 * What a service file may import: no Electron, nothing from the layers above, only the service folders in its row
 * (`folder` undefined: a folder with no row), and, unless `system` is false, none of the modules the System replaces.
 * @param {string | undefined} folder
 * @param {{ system: boolean }} options
 */
function serviceImportRestrictions(folder, { system }) {
  const electron = electronImportRestrictions(ELECTRON_MESSAGE);
  const systemPattern = { regex: SYSTEM_MODULE_SOURCE, message: SYSTEM_MESSAGE, allowTypeImports: true };
  return {
    paths: electron.paths,
    patterns: [...electron.patterns, ...serviceLayerPatterns(folder), ...(system ? [systemPattern] : [])],
  };
}

/** The rules that keep a service on its injected System: no timer globals, no Date.now(), no argument-less Date. */
const SYSTEM_RULES = {
  'no-restricted-globals': ['error', ...TIMER_GLOBALS.map((name) => ({ name, message: SYSTEM_MESSAGE }))],
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: SYSTEM_MESSAGE }],
  'no-restricted-syntax': [
    'error',
    ...electronSyntaxRestrictions(ELECTRON_MESSAGE),
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: SYSTEM_MESSAGE },
    {
      selector: `ImportExpression[source.value=/${SYSTEM_MODULE_SOURCE.replaceAll('/', '\\u002F')}/]`,
      message: SYSTEM_MESSAGE,
    },
  ],
};

/** @param {string} message */
function electronImportRestrictions(message) {
  return {
    paths: ELECTRON_MODULES.map((name) => ({ name, message })),
    // Subpath entry points (electron/main, electron/renderer, electron/common, electron/utility).
    patterns: [{ regex: '^electron/', message }],
  };
}

/** @param {string} message */
function electronSyntaxRestrictions(message) {
  // no-restricted-imports does not see `await import('electron')` or `require('electron')`. esquery regex
  // literals end at the first '/', hence the \u002F escape for subpaths such as electron/main.
  const source = '/^electron(?:-store)?(?:[\\u002F].*)?$/';
  return [
    { selector: `ImportExpression[source.value=${source}]`, message },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${source}]`, message },
  ];
}

const nodeBuiltinNames = builtinModules.filter((name) => !name.includes('/'));
/** @param {string} message */
function nodeBuiltinPattern(message) {
  return { regex: `^(?:node:|(?:${nodeBuiltinNames.join('|')})(?:/|$))`, message, caseSensitive: true };
}

// Node globals for plain-JS scripts, listed here rather than pulling in the `globals` package for a dozen names.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores(['out/', 'release/', '.tools/', 'node_modules/', 'coverage/']),

  js.configs.recommended,

  {
    name: 'typescript (type-aware)',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The project service follows tsconfig.json's references to tsconfig.node.json / tsconfig.web.json,
        // so each file is checked with the lib/types of the build it belongs to.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // An `async` implementation of a Promise-returning contract method (handlers, fakes, the offline api) is
      // idiomatic even without an await: it turns a synchronous throw into a rejection.
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    name: 'tests',
    files: ['test/**'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  {
    name: 'plain-js scripts',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: nodeGlobals,
    },
  },

  {
    name: 'boundary: electron only in adapters, preload and the composition root',
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': ['error', electronImportRestrictions(ELECTRON_MESSAGE)],
      'no-restricted-syntax': ['error', ...electronSyntaxRestrictions(ELECTRON_MESSAGE)],
    },
  },
  {
    name: 'boundary: electron allowed',
    files: ['electron/main/adapters/**', 'electron/preload/**', 'electron/main/index.ts'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },

  // Flat config replaces a rule's options wholesale, so every block below repeats the Electron restriction.
  {
    name: 'layering and System: services never import the layers above them, nor a folder without a row',
    files: ['electron/main/services/**'],
    rules: {
      'no-restricted-imports': ['error', serviceImportRestrictions(undefined, { system: true })],
      ...SYSTEM_RULES,
    },
  },
  ...Object.keys(SERVICE_IMPORTS).map((folder) => ({
    name: `layering and System: services/${folder}/`,
    files: [`electron/main/services/${folder}/**`],
    rules: { 'no-restricted-imports': ['error', serviceImportRestrictions(folder, { system: folder !== 'system' })] },
  })),
  {
    // Only interfaces live there, typed after the Node modules they stand for.
    name: 'System: services/system/ describes the System',
    files: ['electron/main/services/system/**'],
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-syntax': ['error', ...electronSyntaxRestrictions(ELECTRON_MESSAGE)],
    },
  },
  {
    name: 'layering: actions never import the layers above them',
    files: ['electron/main/actions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronImportRestrictions(ELECTRON_MESSAGE).paths,
          patterns: [
            ...electronImportRestrictions(ELECTRON_MESSAGE).patterns,
            { regex: `^(?:\\.\\./)+${oneOf(ABOVE_ACTIONS)}(?:/|$)`, message: ACTIONS_ABOVE_MESSAGE },
          ],
        },
      ],
    },
  },

  {
    name: 'boundary: renderer talks to the main process only through api',
    files: ['renderer/**'],
    rules: {
      // Flat config replaces a rule's options wholesale, so the Electron restriction is repeated here.
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_MODULES.map((name) => ({ name, message: RENDERER_IPC_MESSAGE })),
          patterns: [
            { regex: '^electron/', message: RENDERER_IPC_MESSAGE },
            nodeBuiltinPattern(RENDERER_NODE_MESSAGE),
            { regex: '(?:^|/)electron/(?:main|preload)(?:/|$)', message: RENDERER_MAIN_MESSAGE },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...electronSyntaxRestrictions(RENDERER_IPC_MESSAGE),
        { selector: "Identifier[name='ipcRenderer']", message: RENDERER_IPC_MESSAGE },
      ],
      'no-restricted-globals': ['error', { name: 'ipcRenderer', message: RENDERER_IPC_MESSAGE }],
    },
  },

  {
    name: 'boundary: electron/shared is browser-safe',
    files: ['electron/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_MODULES.map((name) => ({ name, message: ELECTRON_MESSAGE })),
          patterns: [
            { regex: '^electron/', message: ELECTRON_MESSAGE },
            nodeBuiltinPattern(SHARED_NODE_MESSAGE),
            { regex: '^(?:\\.\\./)+(?:main|preload)(?:/|$)', message: SHARED_ABOVE_MESSAGE },
          ],
        },
      ],
    },
  },
]);

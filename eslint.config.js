// ESLint flat config: type-aware TypeScript checks plus the architecture boundaries (who may touch Electron,
// what the renderer and electron/shared may import). Prettier owns formatting, so no stylistic rules here;
// test/unit/lint-rules.test.ts proves the boundaries fire.
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
          patterns: [{ regex: '^electron/', message: ELECTRON_MESSAGE }, nodeBuiltinPattern(SHARED_NODE_MESSAGE)],
        },
      ],
    },
  },
]);

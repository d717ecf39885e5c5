// Build of the Electron main process, the browser host and the CLI: ESM for Node 24, every dependency external but
// zod. zod is about a hundred small ES modules, which Node resolves and links one by one on every start; bundled, they
// cost a CLI command a good part less of its start.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const BUNDLED = ['zod'];

const external = [
  'electron',
  ...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.includes(name)),
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

export default defineConfig({
  // A server build leaves every package in node_modules external unless told otherwise.
  ssr: { noExternal: BUNDLED },
  build: {
    ssr: true,
    outDir: 'out/main',
    emptyOutDir: true,
    target: 'node24',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: {
        index: 'electron/main/index.ts',
        web: 'electron/main/host/web.ts',
        cli: 'electron/main/host/cli-entry.ts',
      },
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

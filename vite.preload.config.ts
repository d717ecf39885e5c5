// Build of the preload: one sandboxed CommonJS file in which only `require("electron")` stays external,
// because a sandboxed preload cannot load any other module.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'out/preload',
    emptyOutDir: true,
    target: 'node24',
    minify: false,
    lib: { entry: 'electron/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});

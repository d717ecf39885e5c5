// `npm run build`: the main process and browser host, the preload and the renderer, into out/.
import { build } from 'vite';

for (const configFile of ['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts']) {
  await build({ configFile, logLevel: 'warn' });
}
console.log('Built out/main, out/preload and out/renderer.');

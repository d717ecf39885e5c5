// UI global setup: builds the app (main, preload, renderer) once, because the UI tests drive the real
// built browser host and the real built renderer, exactly what `npm run web` serves.
import { build } from 'vite';
import { withoutSessionKeyring } from '../fixtures/no-session-keyring';

export default async function setup(): Promise<void> {
  withoutSessionKeyring();
  for (const configFile of ['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts']) {
    await build({ configFile, logLevel: 'warn' });
  }
}

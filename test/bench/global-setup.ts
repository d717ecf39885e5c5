// Bench global setup: builds the app as `npm run build` does (the browser host, the CLI and the renderer the
// benchmarks run and weigh) and installs the real OpenClaw Gateway into its cache once, as the integration setup does.
import { build } from 'vite';
import { ensureGatewayInstalled } from '../fixtures/gateway';

export default async function setup(): Promise<void> {
  const builds = async () => {
    for (const configFile of ['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts']) {
      await build({ configFile, logLevel: 'warn' });
    }
  };
  await Promise.all([ensureGatewayInstalled(), builds()]);
}

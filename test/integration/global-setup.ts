// Integration global setup: installs the real OpenClaw Gateway once into its cache (when the peer is
// usable here) so that every test file can start its own instance without a race, and builds the CLI.
import { buildCli } from '../fixtures/cli-process';
import { ensureGatewayInstalled } from '../fixtures/gateway';

export default async function setup(): Promise<void> {
  await Promise.all([ensureGatewayInstalled(), buildCli()]);
}

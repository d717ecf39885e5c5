// Integration global setup: installs the real OpenClaw Gateway once into its cache (when the peer is
// usable here) so that every test file can start its own instance without a race, and builds the CLI.
import { buildCli } from '../fixtures/cli-process';
import { ensureGatewayInstalled } from '../fixtures/gateway';
import { withoutSessionKeyring } from '../fixtures/no-session-keyring';

export default async function setup(): Promise<void> {
  withoutSessionKeyring();
  await Promise.all([ensureGatewayInstalled(), buildCli()]);
}

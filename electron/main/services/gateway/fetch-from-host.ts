// Fetch from host: what the app needs to connect to the Gateway on an SSH host (port, auth mode, shared secret), taken
// from the OpenClaw config there the way the Gateway itself takes it, or an error that says why not and what to run
// on the host instead. Wires host-access (the host), host-openclaw-config (the file) and gateway-settings (meaning).
import type { Client } from 'ssh2';
import type { Clock } from '../system/clock';
import { sshHostAccess, type HostAccess } from './host-access';
import { readHostOpenclawConfig } from './host-openclaw-config';
import { GATEWAY_SETTINGS_PARTS, interpretGatewayConfig, type GatewaySettings } from './gateway-settings';

const DEFAULT_TIMEOUT_MS = 15_000;

export interface FetchFromHostOptions {
  /** Receives the secret as soon as it is known, so the app log can mask it from then on. */
  redact: (secret: string) => void;
  /** For the environment lookup and for each file read. */
  timeoutMs?: number;
  clock: Clock;
}

export function fetchGatewaySettingsFromHost(client: Client, options: FetchFromHostOptions): Promise<GatewaySettings> {
  const host = sshHostAccess(client, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.clock);
  return readGatewaySettings(host, options.redact);
}

/**
 * The same from any HostAccess (tests inject one). The secret goes to redact() before anything else is done with it.
 */
export async function readGatewaySettings(
  host: HostAccess,
  redact: (secret: string) => void,
): Promise<GatewaySettings> {
  const env = await host.environment();
  const { config, path } = await readHostOpenclawConfig(host, env, GATEWAY_SETTINGS_PARTS);
  return interpretGatewayConfig(config, { env: env ?? {}, configPath: path, redact });
}

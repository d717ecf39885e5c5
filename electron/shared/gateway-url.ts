// What a Gateway URL in a profile may be (ws:// or wss:// with a host, no credentials in it), the default ports, and
// the warning for ws:// across the internet. No schema library here: the settings window shows the same check and the
// same sentence as the profile schema enforces, without bundling zod.

export const DEFAULT_LOCAL_PORT = 18789;
export const DEFAULT_REMOTE_PORT = 18789;

export interface GatewayUrl {
  secure: boolean;
  host: string;
  port?: number;
}

export function parseGatewayUrl(text: string): GatewayUrl | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return {
    secure: url.protocol === 'wss:',
    host: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
  };
}

export function insecureUrlWarning(host: string): string {
  return (
    `ws:// to ${host} would send the Gateway token and every message unencrypted across the internet. ` +
    'Use wss:// (Tailscale Serve gives a valid certificate), or an SSH tunnel, or accept the risk explicitly.'
  );
}

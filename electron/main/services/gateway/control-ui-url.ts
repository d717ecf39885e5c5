// The address of a Gateway's Control UI (its dashboard) for a Gateway URL the client opens: the same host and port
// over HTTP(S), at the root where the Gateway serves it by default, with the Gateway token for its first sign-in.

/**
 * `ws://127.0.0.1:18789` → `http://127.0.0.1:18789/#token=…`. The token rides in the fragment, as `openclaw dashboard`
 * puts it: a browser never sends a fragment to the server, and the Control UI takes the token from it and strips it
 * from the address after loading. Without a token (a device token signs in) the bare address is returned, and the
 * Control UI asks for what it needs. The result holds a secret: hand it to the browser, never to a log.
 */
export function controlUiUrl(gatewayUrl: string, token: string | undefined): string {
  const url = new URL(gatewayUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/';
  url.search = '';
  url.hash = token === undefined ? '' : new URLSearchParams({ token }).toString();
  return url.toString();
}

// The rules of the Security page's checklist and of the token's age, as pure functions of what main found, so the
// window and the CLI cannot judge a profile differently. The practices are the OpenClaw docs' own: a token, key
// login, the Gateway on loopback behind a tunnel, an encrypted route, and no plaintext ws:// across networks.
import { parseGatewayUrl } from './gateway-url';
import { networkScopeOf } from './network-scope';
import type { Route } from './profile';
import type { ChecklistItem } from './security';

/** The docs advise rotating the Gateway token monthly. */
export const TOKEN_ROTATION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const TOKEN_REMINDER = 'OpenClaw recommends rotating the token monthly.';

export function tokenAge(savedAt: number | undefined, now: number): { ageDays?: number; reminder?: string } {
  if (savedAt === undefined) return {};
  const ageDays = Math.max(0, Math.floor((now - savedAt) / DAY_MS));
  return ageDays > TOKEN_ROTATION_DAYS
    ? { ageDays, reminder: `The Gateway token is ${ageDays} days old. ${TOKEN_REMINDER}` }
    : { ageDays };
}

/** What is known of the Gateway's bind on its host: from `openclaw gateway status` over the live SSH session. */
export type GatewayBindFact =
  | { kind: 'found'; bindMode: string | undefined; bindHost: string | undefined }
  | { kind: 'not-connected' }
  | { kind: 'no-cli' }
  | { kind: 'failed'; message: string };

export interface ChecklistFacts {
  route: Route;
  tokenStored: boolean;
  gatewayBind: GatewayBindFact;
}

export function securityChecklist(facts: ChecklistFacts): ChecklistItem[] {
  return [
    tokenSet(facts),
    keyAuth(facts.route),
    loopbackBind(facts),
    encryptedRoute(facts.route),
    plaintextWs(facts.route),
  ];
}

/** The SSH side of a route, if it reaches the host over SSH. */
function sshOf(route: Route): { allowPassword: boolean } | undefined {
  if (route.kind === 'ssh') return route;
  if (route.kind === 'tailscale' && route.via.kind === 'ssh') return route.via;
  return undefined;
}

/** The Gateway URL of a route that opens one directly. */
function urlOf(route: Route): string | undefined {
  if (route.kind === 'direct') return route.url;
  if (route.kind === 'tailscale' && route.via.kind === 'url') return route.via.url;
  return undefined;
}

function tokenSet({ tokenStored }: ChecklistFacts): ChecklistItem {
  const label = 'A Gateway token is set';
  return tokenStored
    ? { id: 'token-set', label, status: 'met', detail: 'A Gateway token is stored for this profile.' }
    : {
        id: 'token-set',
        label,
        status: 'missed',
        detail: 'No Gateway token is stored; the Gateway should refuse clients without one.',
        fix: 'enter-token',
      };
}

function keyAuth(route: Route): ChecklistItem {
  const id = 'key-auth';
  const label = 'SSH login with a key, not a password';
  const ssh = sshOf(route);
  if (!ssh) return { id, label, status: 'not-applicable', detail: 'This profile does not use SSH.' };
  return ssh.allowPassword
    ? {
        id,
        label,
        status: 'missed',
        detail: 'Password login is allowed for this profile.',
        fix: 'edit-profile',
        howTo: 'Turn off “Allow password login” in the profile and sign in with a key.',
      }
    : { id, label, status: 'met', detail: 'Only keys are offered; password login is off.' };
}

function loopbackBind({ route, gatewayBind }: ChecklistFacts): ChecklistItem {
  const id = 'loopback-bind';
  const label = 'The Gateway listens on loopback on its host';
  const url = urlOf(route);
  if (url !== undefined) {
    const host = parseGatewayUrl(url)?.host ?? '';
    const scope = networkScopeOf(host);
    if (scope === 'loopback') return { id, label, status: 'met', detail: `The Gateway is reached at ${host}.` };
    if (scope === 'tailnet' || route.kind === 'tailscale') {
      return { id, label, status: 'not-applicable', detail: 'The Gateway is reached over the tailnet.' };
    }
    return {
      id,
      label,
      status: 'missed',
      detail: `The Gateway is reached across the network at ${host}, so it listens beyond loopback.`,
      fix: 'edit-profile',
      howTo: 'Reach it over SSH or Tailscale instead, with the Gateway bound to loopback on its host.',
    };
  }
  switch (gatewayBind.kind) {
    case 'not-connected':
      return {
        id,
        label,
        status: 'unknown',
        detail: 'Connect this profile to check the Gateway on its host.',
        connectToCheck: true,
      };
    case 'no-cli':
      return { id, label, status: 'unknown', detail: 'The openclaw command is not on the host user’s login PATH.' };
    case 'failed':
      return { id, label, status: 'unknown', detail: gatewayBind.message };
    case 'found': {
      const bind = gatewayBind.bindHost ?? gatewayBind.bindMode ?? 'unknown';
      return gatewayBind.bindMode === 'loopback'
        ? { id, label, status: 'met', detail: `The Gateway binds to ${bind}.` }
        : {
            id,
            label,
            status: 'missed',
            detail: `The Gateway binds to ${bind} (gateway.bind ${gatewayBind.bindMode ?? 'unset'}).`,
            howTo:
              'On the host, set gateway.bind to "loopback" (openclaw config set gateway.bind loopback) and restart ' +
              'the Gateway; the tunnel reaches it there.',
          };
    }
  }
}

function encryptedRoute(route: Route): ChecklistItem {
  const id = 'encrypted-route';
  const label = 'The route is encrypted';
  if (sshOf(route)) return { id, label, status: 'met', detail: 'Everything travels inside SSH.' };
  if (route.kind === 'tailscale') return { id, label, status: 'met', detail: 'Tailscale encrypts the tailnet.' };
  const url = parseGatewayUrl(urlOf(route) ?? '');
  if (url?.secure) return { id, label, status: 'met', detail: 'wss:// is encrypted with TLS.' };
  if (url && networkScopeOf(url.host) === 'loopback') {
    return { id, label, status: 'met', detail: 'The Gateway is on this Mac; nothing crosses a network.' };
  }
  return {
    id,
    label,
    status: 'missed',
    detail: 'ws:// sends the token and every message unencrypted.',
    fix: 'edit-profile',
    howTo: 'Use wss://, an SSH tunnel or Tailscale.',
  };
}

function plaintextWs(route: Route): ChecklistItem {
  const id = 'no-plaintext-ws';
  const label = 'No plaintext ws:// beyond loopback or the tailnet';
  const url = parseGatewayUrl(urlOf(route) ?? '');
  if (!url || url.secure) return { id, label, status: 'met', detail: 'No plaintext ws:// is used.' };
  const scope = networkScopeOf(url.host);
  if (scope === 'loopback' || scope === 'tailnet' || route.kind === 'tailscale') {
    return { id, label, status: 'met', detail: `ws:// stays on ${scope === 'loopback' ? 'this Mac' : 'the tailnet'}.` };
  }
  return {
    id,
    label,
    status: 'missed',
    detail: `ws:// to ${url.host} crosses a ${scope} network in clear text.`,
    fix: 'edit-profile',
    howTo: 'Use wss://, an SSH tunnel or Tailscale.',
  };
}

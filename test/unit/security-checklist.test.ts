// The Security page's judgements: the Gateway token's age and its monthly reminder, and the docs' checklist for each
// kind of route (token, key login, the Gateway on loopback, an encrypted route, no plaintext ws:// across networks).
import { describe, expect, it } from 'vitest';
import { routeSchema, type Route } from '../../electron/shared/profile';
import { securityChecklist, tokenAge, type GatewayBindFact } from '../../electron/shared/security-checklist';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 2);

function statuses(route: Route, gatewayBind: GatewayBindFact = { kind: 'not-connected' }, tokenStored = true) {
  return Object.fromEntries(
    securityChecklist({ route, tokenStored, gatewayBind }).map((item) => [item.id, item.status]),
  );
}

const ssh = (allowPassword = false) => routeSchema.parse({ kind: 'ssh', target: 'me@gw', allowPassword });
const direct = (url: string) =>
  routeSchema.parse({ kind: 'direct', url, ...(url.startsWith('ws://') ? { acceptInsecure: true } : {}) });

describe('the Gateway token’s age', () => {
  it('is unknown for a token saved before the app recorded when', () => {
    expect(tokenAge(undefined, NOW)).toEqual({});
  });

  it('counts whole days and reminds past 30 days, not before', () => {
    expect(tokenAge(NOW - 30 * DAY, NOW)).toEqual({ ageDays: 30 });
    const old = tokenAge(NOW - 31 * DAY - 1000, NOW);
    expect(old.ageDays).toBe(31);
    expect(old.reminder).toBe('The Gateway token is 31 days old. OpenClaw recommends rotating the token monthly.');
  });
});

describe('the checklist', () => {
  it('passes an SSH profile with a token, key login and a loopback Gateway', () => {
    expect(statuses(ssh(), { kind: 'found', bindMode: 'loopback', bindHost: '127.0.0.1' })).toEqual({
      'token-set': 'met',
      'key-auth': 'met',
      'loopback-bind': 'met',
      'encrypted-route': 'met',
      'no-plaintext-ws': 'met',
    });
  });

  it('misses what the profile lacks, each with a fix beside it', () => {
    const items = securityChecklist({
      route: ssh(true),
      tokenStored: false,
      gatewayBind: { kind: 'found', bindMode: 'lan', bindHost: '0.0.0.0' },
    });
    const missed = items.filter((item) => item.status === 'missed');
    expect(missed.map((item) => item.id)).toEqual(['token-set', 'key-auth', 'loopback-bind']);
    for (const item of missed) expect(item.fix ?? item.howTo).toBeTruthy();
    expect(missed.find((item) => item.id === 'token-set')?.fix).toBe('enter-token');
  });

  it('says to connect to check the Gateway’s bind when no SSH session is up', () => {
    const item = securityChecklist({ route: ssh(), tokenStored: true, gatewayBind: { kind: 'not-connected' } })[2];
    expect(item).toMatchObject({ id: 'loopback-bind', status: 'unknown' });
    expect(item?.detail).toContain('Connect');
  });

  it('misses plaintext ws:// across a network, and allows it on loopback and the tailnet', () => {
    expect(statuses(direct('ws://gw.example.com:18789'))).toMatchObject({
      'encrypted-route': 'missed',
      'no-plaintext-ws': 'missed',
      'loopback-bind': 'missed',
    });
    expect(statuses(direct('ws://127.0.0.1:18789'))).toMatchObject({
      'encrypted-route': 'met',
      'no-plaintext-ws': 'met',
      'loopback-bind': 'met',
      'key-auth': 'not-applicable',
    });
    expect(statuses(direct('ws://box.tail1234.ts.net:18789'))).toMatchObject({ 'no-plaintext-ws': 'met' });
    expect(statuses(direct('wss://gw.example.com'))).toMatchObject({
      'encrypted-route': 'met',
      'no-plaintext-ws': 'met',
    });
  });
});

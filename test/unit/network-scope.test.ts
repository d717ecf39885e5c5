// networkScopeOf: which hosts a ws:// Gateway URL may name without crossing the public internet. Every row is a host
// as a person types it or as URL parsing hands it over (IPv6 in brackets, IPv4-mapped addresses rewritten in hex).
import { describe, expect, it } from 'vitest';
import { networkScopeOf, type NetworkScope } from '../../electron/shared/network-scope';

describe('networkScopeOf', () => {
  it.each<[string, NetworkScope]>([
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['app.localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.255.3.4', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.5', 'private'],
    ['169.254.10.20', 'private'],
    ['mac-mini.local', 'private'],
    ['router.lan', 'private'],
    ['nas.home.arpa', 'private'],
    ['gateway', 'private'],
    ['fe80::1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[::ffff:a01:203]', 'private'],
    ['box.tailnet-1234.ts.net', 'tailnet'],
    ['BOX.TAILNET-1234.TS.NET.', 'tailnet'],
    ['100.64.0.1', 'tailnet'],
    ['100.127.255.255', 'tailnet'],
    ['fd7a:115c:a1e0::1', 'tailnet'],
    ['[fd7a:115c:a1e0:ab12:4843:cd96:6258:b240]', 'tailnet'],
    ['gateway.example.com', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.1', 'public'],
    ['2001:db8::1', 'public'],
    ['[::ffff:808:808]', 'public'],
    ['256.1.1.1', 'public'],
    ['ts.net.example.com', 'public'],
  ])('%s is %s', (host, scope) => {
    expect(networkScopeOf(host)).toBe(scope);
  });
});

// Whether a host in a Gateway URL is on this machine, the local network or a tailnet, or out on the public
// internet: the line between a `ws://` URL that is acceptable and one that sends the token in clear text across
// networks nobody here controls. No Node imports: the settings window shows the same warning the store enforces.

export type NetworkScope = 'loopback' | 'private' | 'tailnet' | 'public';

/** Where `host` (a name, an IPv4 address, or an IPv6 address with or without brackets) lives. */
export function networkScopeOf(host: string): NetworkScope {
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/gu, '')
    .replace(/\.$/u, '');
  const v4 = parseIPv4(name);
  if (v4) return scopeOfIPv4(v4);
  if (name.includes(':')) return scopeOfIPv6(name);
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (name.endsWith('.ts.net')) return 'tailnet';
  // Bonjour names and single-label names only resolve on the local network.
  if (name.endsWith('.local') || name.endsWith('.lan') || name.endsWith('.home.arpa') || !name.includes('.')) {
    return 'private';
  }
  return 'public';
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/u.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function scopeOfIPv4([a = 0, b = 0]: number[]): NetworkScope {
  if (a === 127) return 'loopback';
  // Tailscale hands out addresses from the carrier-grade NAT range 100.64.0.0/10.
  if (a === 100 && b >= 64 && b <= 127) return 'tailnet';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) {
    return 'private';
  }
  return 'public';
}

function scopeOfIPv6(address: string): NetworkScope {
  if (address === '::1') return 'loopback';
  const mappedV4 = ipv4MappedAddress(address);
  if (mappedV4) return scopeOfIPv4(mappedV4);
  // Tailscale's IPv6 range fd7a:115c:a1e0::/48 sits inside the unique-local fc00::/7.
  if (address.startsWith('fd7a:115c:a1e0:')) return 'tailnet';
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return 'private';
  return 'public';
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), in either spelling. */
function ipv4MappedAddress(address: string): number[] | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(address)?.[1];
  if (dotted !== undefined) return parseIPv4(dotted);
  // URL parsing rewrites [::ffff:127.0.0.1] as [::ffff:7f00:1], so a Gateway URL's host arrives in this form.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/u.exec(address);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] ?? '0', 16);
  const low = Number.parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

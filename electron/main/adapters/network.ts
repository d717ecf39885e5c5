// What the network watch reads of this Mac's network: whether Chromium's network stack thinks it is online, and the
// addresses of its external interfaces (another Wi-Fi network or a VPN coming up changes them).
import { networkInterfaces } from 'node:os';
import { net } from 'electron';
import type { NetworkState } from '../services/link/network-watch';

export function readNetwork(): NetworkState {
  const addresses = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal)
    .map((entry) => entry.address);
  return { online: net.isOnline(), addresses };
}

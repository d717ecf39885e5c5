// Who uses a Gateway, for "watch who gets in": its connected clients (`system-presence`) and the devices paired with
// it or waiting to be (`device.pair.list`, which needs the operator.pairing scope), each part read on its own so
// one refusal leaves the other standing, and said in one sentence.
import { z } from 'zod';
import type { GatewayClientEntry, PairedDevice } from '../../../shared/security-access';
import { AppFailure } from '../../app-failure';
import type { GatewayClient } from './gateway-client';

export type Part<T> = { items: T[] } | { unavailable: string };

const deviceSchema = z.looseObject({
  deviceId: z.string(),
  displayName: z.string().optional(),
  operatorLabel: z.string().optional(),
  clientId: z.string().optional(),
  platform: z.string().optional(),
  remoteIp: z.string().optional(),
  approvedAtMs: z.number().optional(),
  lastSeenAtMs: z.number().optional(),
  ts: z.number().optional(),
  connected: z.boolean().optional(),
});
const pairListSchema = z.looseObject({
  pending: z.array(deviceSchema).default([]),
  paired: z.array(deviceSchema).default([]),
});

type Gateway = Pick<GatewayClient, 'systemPresence' | 'request'>;

export async function connectedClients(gateway: Gateway): Promise<Part<GatewayClientEntry>> {
  try {
    const entries = await gateway.systemPresence();
    return {
      items: entries.map((entry) => {
        const ip = typeof entry.ip === 'string' ? entry.ip : undefined;
        return {
          name: entry.host ?? entry.clientId ?? entry.deviceId ?? 'unnamed client',
          ...(ip ? { origin: ip } : {}),
          ...(entry.mode ? { mode: entry.mode } : {}),
          ...(entry.platform ? { platform: entry.platform } : {}),
          ...(entry.version ? { version: entry.version } : {}),
          lastSeenMs: entry.ts,
        };
      }),
    };
  } catch (error) {
    return { unavailable: sentenceOf(error, 'its connected clients') };
  }
}

export async function pairedDevices(gateway: Gateway): Promise<Part<PairedDevice>> {
  let reply: unknown;
  try {
    reply = await gateway.request('device.pair.list', {});
  } catch (error) {
    return { unavailable: sentenceOf(error, 'the devices paired with it') };
  }
  const parsed = pairListSchema.safeParse(reply);
  if (!parsed.success) return { unavailable: 'The Gateway listed its devices in a form this app does not know.' };
  const device = (entry: z.infer<typeof deviceSchema>, pending: boolean): PairedDevice => ({
    deviceId: entry.deviceId,
    name: entry.displayName ?? entry.operatorLabel ?? entry.clientId ?? entry.deviceId.slice(0, 12),
    ...(entry.remoteIp ? { origin: entry.remoteIp } : {}),
    ...(entry.platform ? { platform: entry.platform } : {}),
    ...(entry.approvedAtMs === undefined ? {} : { approvedMs: entry.approvedAtMs }),
    ...((entry.lastSeenAtMs ?? entry.ts) === undefined ? {} : { lastSeenMs: entry.lastSeenAtMs ?? entry.ts }),
    connected: entry.connected ?? false,
    pending,
  });
  return {
    items: [
      ...parsed.data.paired.map((entry) => device(entry, false)),
      ...parsed.data.pending.map((entry) => device(entry, true)),
    ],
  };
}

/** A refusal in one sentence; a missing scope says which, and where to look instead. */
function sentenceOf(error: unknown, what: string): string {
  if (error instanceof AppFailure) {
    if (error.error.kind === 'gateway-missing-scope') {
      const scope = /needs (\w+(?:\.\w+)*)/.exec(error.error.message)?.[1] ?? 'a scope it was not granted';
      return (
        `The Gateway does not show this app ${what}: that needs the ${scope} scope, and this app signs in with ` +
        'operator.read only. On the host, `openclaw devices list` shows them.'
      );
    }
    return `The Gateway did not list ${what}: ${error.error.message}`;
  }
  return `The Gateway did not list ${what}: ${error instanceof Error ? error.message : String(error)}.`;
}

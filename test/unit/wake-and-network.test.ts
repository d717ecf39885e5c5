// Waking the Mac, unlocking it, and the network coming back or changing each nudge the connection (with Electron
// mocked: powerMonitor's events and net.isOnline() are the test's own); a network that stays as it was does not.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { SteppedClock } from '../fixtures/stepped-clock';
import { NETWORK_POLL_MS } from '../../electron/main/services/link/network-watch';

const electron = vi.hoisted(() => ({ online: true, powerMonitor: undefined as unknown as EventEmitter }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  electron.powerMonitor = new Emitter();
  return { powerMonitor: electron.powerMonitor, net: { isOnline: () => electron.online } };
});
const addresses = vi.hoisted(() => ({ list: ['192.168.1.20'] }));
vi.mock('node:os', async (original) => ({
  ...(await original<typeof import('node:os')>()),
  networkInterfaces: () => ({
    lo: [{ address: '127.0.0.1', internal: true }],
    en0: addresses.list.map((address) => ({ address, internal: false })),
  }),
}));

const { nudgeOnWakeAndNetwork } = await import('../../electron/main/adapters/wake-and-network');

describe('wake and network changes', () => {
  it('nudge on wake and on unlock', () => {
    const nudge = vi.fn();
    const stop = nudgeOnWakeAndNetwork(nudge, new SteppedClock());
    electron.powerMonitor.emit('resume');
    electron.powerMonitor.emit('unlock-screen');
    expect(nudge).toHaveBeenCalledTimes(2);
    stop();
    electron.powerMonitor.emit('resume');
    expect(nudge).toHaveBeenCalledTimes(2);
  });

  it('nudge when the network comes back or the Mac joins another one, not while it stays the same', () => {
    const nudge = vi.fn();
    const clock = new SteppedClock();
    const stop = nudgeOnWakeAndNetwork(nudge, clock);
    clock.advance(NETWORK_POLL_MS * 3);
    expect(nudge).not.toHaveBeenCalled();

    electron.online = false;
    clock.advance(NETWORK_POLL_MS);
    expect(nudge).not.toHaveBeenCalled();
    electron.online = true;
    clock.advance(NETWORK_POLL_MS);
    expect(nudge).toHaveBeenCalledTimes(1);

    addresses.list = ['10.0.0.7'];
    clock.advance(NETWORK_POLL_MS);
    expect(nudge).toHaveBeenCalledTimes(2);
    clock.advance(NETWORK_POLL_MS * 3);
    expect(nudge).toHaveBeenCalledTimes(2);

    stop();
    electron.online = false;
    clock.advance(NETWORK_POLL_MS);
    electron.online = true;
    clock.advance(NETWORK_POLL_MS);
    expect(nudge).toHaveBeenCalledTimes(2);
    expect(clock.pending).toEqual([]);
  });
});

// The Tailscale page's watch over IPC: one subscription however often a page asks, ended by the page, and ended
// too when every window is gone (a closing window never gets to say it stopped watching).
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/main/event-bus';
import { tailscaleHandlers } from '../../electron/main/handlers/tailscale-handlers';
import type { ProfileService } from '../../electron/main/services/profiles/profile-service';
import type { TailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { createTestLog } from '../fixtures/silent-log';

function setup() {
  const watching = { subscriptions: 0, active: 0 };
  const tailscale = {
    watch: () => {
      watching.subscriptions += 1;
      watching.active += 1;
      return () => {
        watching.active -= 1;
      };
    },
  } as unknown as TailscaleService;
  const { handlers, stopWatching } = tailscaleHandlers({
    tailscale,
    profiles: {} as ProfileService,
    events: createEventBus(() => {}),
    log: createTestLog().logger('tailscale'),
  });
  return { watching, watch: handlers['tailscale:watch'], stopWatching };
}

describe('tailscale:watch', () => {
  it('subscribes once however often a page asks, and stops when the page says so', async () => {
    const { watching, watch } = setup();
    await watch({ watching: true });
    await watch({ watching: true });
    expect(watching).toEqual({ subscriptions: 1, active: 1 });
    await watch({ watching: false });
    expect(watching.active).toBe(0);
  });

  it('stops when every window is gone, and a new page can watch again', async () => {
    const { watching, watch, stopWatching } = setup();
    await watch({ watching: true });
    stopWatching();
    expect(watching.active).toBe(0);
    await watch({ watching: true });
    expect(watching).toEqual({ subscriptions: 2, active: 1 });
  });
});

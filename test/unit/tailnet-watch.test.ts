// The Tailscale page's watch: one subscription however often a page asks, ended by the page, and ended too when every
// window is gone (a closing window never gets to say it stopped watching).
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/main/event-bus';
import type { TailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { watchTailnetFor } from '../../electron/main/tailnet-watch';
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
  const watch = watchTailnetFor(
    tailscale,
    createEventBus(() => {}),
    createTestLog().logger('tailscale'),
  );
  return { watching, watch };
}

describe('watching the tailnet for windows', () => {
  it('subscribes once however often a page asks, and stops when the page says so', () => {
    const { watching, watch } = setup();
    watch.set(true);
    watch.set(true);
    expect(watching).toEqual({ subscriptions: 1, active: 1 });
    watch.set(false);
    expect(watching.active).toBe(0);
  });

  it('stops when every window is gone, and a new page can watch again', () => {
    const { watching, watch } = setup();
    watch.set(true);
    watch.set(false);
    expect(watching.active).toBe(0);
    watch.set(true);
    expect(watching).toEqual({ subscriptions: 2, active: 1 });
  });
});

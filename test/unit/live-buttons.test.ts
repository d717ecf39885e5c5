// The status header and the live profile's row offer the same connection buttons for a state (one rule).
import { describe, expect, it } from 'vitest';
import { liveButtons } from '../../electron/shared/live-buttons';

describe('live connection buttons', () => {
  it('offer Connect when idle, Retry now while waiting or failed, Disconnect while anything runs', () => {
    expect(liveButtons('idle')).toEqual({ connect: true, retry: undefined, disconnect: false });
    expect(liveButtons('connecting')).toEqual({ connect: false, retry: undefined, disconnect: true });
    expect(liveButtons('connected')).toEqual({ connect: false, retry: undefined, disconnect: true });
    expect(liveButtons('degraded')).toEqual({ connect: false, retry: undefined, disconnect: true });
    expect(liveButtons('reconnecting')).toEqual({ connect: false, retry: 'nudge', disconnect: true });
  });

  it('retry a failed connection by connecting again, since nothing is left running to nudge', () => {
    expect(liveButtons('error').retry).toBe('reconnect');
  });

  it('leave Retry now out where the error’s own fix button already retries', () => {
    expect(liveButtons('error', true).retry).toBeUndefined();
    expect(liveButtons('reconnecting', true)).toEqual({ connect: false, retry: undefined, disconnect: true });
  });
});

// The doctor's stability verdict and the keepalive it proposes: steady passes; three drops in the hour warn with the
// settings to change (tolerate more missed replies after keepalive timeouts, keepalives more often after links
// closed while idle) and the button that applies them; unanswered fresh round trips warn too.
import { describe, expect, it } from 'vitest';
import { steadierKeepalive } from '../../electron/main/services/connection/stability-settings';
import {
  assessStability,
  DROPS_TO_WARN,
  percentile,
  type FreshRoundTrips,
} from '../../electron/main/services/doctor/stability-check';
import type { StabilityHistory } from '../../electron/shared/stability';

const NOW = Date.UTC(2026, 7, 20, 10, 0, 0);
const fresh: FreshRoundTrips = {
  what: '3 SSH keepalive round trips',
  samples: [3, 4, 5],
  unanswered: 0,
  timeoutMs: 10_000,
};

function history(drops: string[], roundTrips: number[] = [10, 12, 11, 90]): StabilityHistory {
  return {
    profileId: 'home',
    since: NOW - 3_600_000,
    until: NOW,
    roundTrips: roundTrips.map((ms, n) => ({ at: NOW - 1000 * (roundTrips.length - n), ms })),
    events: drops.flatMap((reason, n) => [
      { at: NOW - 600_000 + n * 1000, kind: 'drop' as const, reason },
      { at: NOW - 600_000 + n * 1000 + 500, kind: 'recovered' as const },
    ]),
  };
}

const TIMEOUT = 'The SSH connection was lost: Keepalive timeout.';
const RESET = 'The SSH connection was lost: read ECONNRESET.';

describe('the stability verdict', () => {
  it('passes a steady link, with the hour in numbers and the fresh round trips', () => {
    const outcome = assessStability({ history: history([TIMEOUT, RESET]), fresh });
    expect(outcome.status).toBe('pass');
    expect(outcome.detail).toContain(
      '2 drops, 2 recoveries; 4 keepalive round trips, median 11 ms, 95th percentile 90 ms',
    );
    expect(outcome.detail).toContain('Just now: 3 SSH keepalive round trips: 3 ms, 4 ms, 5 ms.');
  });

  it(`warns from ${DROPS_TO_WARN} drops in the hour, naming the settings and offering to apply them`, () => {
    const drops = [TIMEOUT, TIMEOUT, TIMEOUT];
    const proposal = steadierKeepalive(history(drops).events, { intervalSeconds: 15, countMax: 3 });
    const outcome = assessStability({ history: history(drops), fresh, proposal });
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain(`dropped 3 times in the last hour (last: ${TIMEOUT})`);
    expect(outcome.fix).toEqual({
      text: expect.stringContaining('ServerAliveCountMax'),
      action: 'apply-stability-settings',
    });
    expect(outcome.fix?.text).toContain('6 missed replies allowed');
  });

  it('warns a URL profile that drops often without a keepalive to apply', () => {
    const outcome = assessStability({ history: history([RESET, RESET, RESET]), fresh });
    expect(outcome.status).toBe('warn');
    expect(outcome.fix?.action).toBeUndefined();
  });

  it('warns when a fresh round trip went unanswered, and says a run without history recorded none', () => {
    const outcome = assessStability({
      history: { profileId: 'home', since: NOW - 5000, until: NOW, roundTrips: [], events: [] },
      fresh: { ...fresh, samples: [3, 4], unanswered: 1 },
    });
    expect(outcome.status).toBe('warn');
    expect(outcome.detail).toContain('this process recorded no connection of this profile');
    expect(outcome.detail).toContain('1 unanswered within 10 s');
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        [...Array(20).keys()].map((n) => n + 1),
        95,
      ),
    ).toBe(19);
  });
});

describe('the keepalive proposed from why the link dropped', () => {
  const current = { intervalSeconds: 15, countMax: 3 };

  it('after keepalive timeouts: more missed replies allowed, the interval kept', () => {
    expect(steadierKeepalive(history([TIMEOUT, TIMEOUT, TIMEOUT]).events, current)).toMatchObject({
      intervalSeconds: 15,
      countMax: 6,
    });
  });

  it('after links closed by the far end or a NAT: keepalives more often, the count kept', () => {
    expect(steadierKeepalive(history([RESET, RESET, RESET]).events, current)).toMatchObject({
      intervalSeconds: 10,
      countMax: 3,
    });
    expect(steadierKeepalive(history([RESET]).events, { intervalSeconds: 10, countMax: 3 }).intervalSeconds).toBe(5);
  });

  it('both, after both; and with no drop on record, both moderately', () => {
    expect(steadierKeepalive(history([RESET, TIMEOUT]).events, current)).toMatchObject({
      intervalSeconds: 10,
      countMax: 6,
    });
    expect(steadierKeepalive([], { intervalSeconds: 60, countMax: 2 })).toMatchObject({
      intervalSeconds: 10,
      countMax: 6,
    });
  });
});

// The stability history the main process keeps per profile: an hour of keepalive round trips and of the link's drops
// and recoveries (as the connection's status tells them), capped in memory, on a clock the test moves by hand.
import { describe, expect, it } from 'vitest';
import { recordDropsAndRecoveries } from '../../electron/main/services/connection/profile-connection';
import {
  createStabilityRecorder,
  MAX_ROUND_TRIPS,
  STABILITY_WINDOW_MS,
} from '../../electron/main/services/connection/stability-recorder';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { stabilityHistorySchema } from '../../electron/shared/stability';
import { ManualClock } from '../fixtures/manual-clock';

const START = Date.UTC(2026, 7, 20, 9, 0, 0);
const MINUTE = 60_000;

describe('the stability recorder', () => {
  it('keeps round trips and events per profile, oldest first, in the contract shape', () => {
    const clock = new ManualClock(START);
    const recorder = createStabilityRecorder({ clock });
    recorder.roundTrip('home', 12);
    clock.time += MINUTE;
    recorder.drop('home', 'The SSH connection was lost: Keepalive timeout.');
    recorder.roundTrip('office', 80);
    clock.time += MINUTE;
    recorder.recovered('home');
    recorder.roundTrip('home', 14);
    const history = recorder.history('home');
    expect(stabilityHistorySchema.parse(history)).toEqual(history);
    expect(history).toEqual({
      profileId: 'home',
      since: START,
      until: START + 2 * MINUTE,
      roundTrips: [
        { at: START, ms: 12 },
        { at: START + 2 * MINUTE, ms: 14 },
      ],
      events: [
        { at: START + MINUTE, kind: 'drop', reason: 'The SSH connection was lost: Keepalive timeout.' },
        { at: START + 2 * MINUTE, kind: 'recovered' },
      ],
    });
    expect(recorder.history('office').roundTrips).toEqual([{ at: START + MINUTE, ms: 80 }]);
    expect(recorder.history('unknown')).toMatchObject({ roundTrips: [], events: [] });
  });

  it('forgets what is older than an hour, and its window starts an hour ago once it has run that long', () => {
    const clock = new ManualClock(START);
    const recorder = createStabilityRecorder({ clock });
    recorder.roundTrip('home', 10);
    recorder.drop('home', 'reset');
    clock.time += 30 * MINUTE;
    recorder.recovered('home');
    recorder.roundTrip('home', 20);
    clock.time += 31 * MINUTE;
    const history = recorder.history('home');
    expect(history.since).toBe(clock.time - STABILITY_WINDOW_MS);
    expect(history.roundTrips).toEqual([{ at: START + 30 * MINUTE, ms: 20 }]);
    expect(history.events).toEqual([{ at: START + 30 * MINUTE, kind: 'recovered' }]);
  });

  it('holds at most its cap of round trips, the newest', () => {
    const clock = new ManualClock(START);
    const recorder = createStabilityRecorder({ clock });
    for (let n = 0; n < MAX_ROUND_TRIPS + 50; n += 1) {
      clock.time += 1000;
      recorder.roundTrip('home', n);
    }
    const { roundTrips } = recorder.history('home');
    expect(roundTrips).toHaveLength(MAX_ROUND_TRIPS);
    expect(roundTrips[0]?.ms).toBe(50);
    expect(roundTrips.at(-1)?.ms).toBe(MAX_ROUND_TRIPS + 49);
  });

  it('records a recovery only after a drop, and a drop once until it recovers', () => {
    const clock = new ManualClock(START);
    const recorder = createStabilityRecorder({ clock });
    recorder.recovered('home');
    recorder.drop('home', 'first');
    recorder.drop('home', 'second');
    recorder.ended('home');
    recorder.recovered('home');
    expect(recorder.history('home').events).toEqual([{ at: START, kind: 'drop', reason: 'first' }]);
  });
});

describe('drops and recoveries from the connection status', () => {
  const up = (state: 'connected' | 'degraded' = 'connected'): ConnectionStatus => ({
    state,
    profileId: 'home',
    profileName: 'Home',
    route: { kind: 'ssh' },
  });
  const lost = (message: string): ConnectionStatus => ({
    state: 'reconnecting',
    profileId: 'home',
    profileName: 'Home',
    route: { kind: 'ssh' },
    lastError: { kind: 'connection-lost', message },
  });

  it('a connected link that starts reconnecting is a drop with its reason; connected again, a recovery', () => {
    const clock = new ManualClock(START);
    const recorder = createStabilityRecorder({ clock });
    const hear = recordDropsAndRecoveries(recorder);
    hear({ state: 'connecting', profileId: 'home', profileName: 'Home', route: { kind: 'ssh' } });
    hear(up());
    clock.time += MINUTE;
    hear(lost('The SSH connection was lost: Keepalive timeout.'));
    hear(lost('Still down.'));
    clock.time += MINUTE;
    hear(up('degraded'));
    hear({ state: 'idle' });
    hear(up());
    expect(recorder.history('home').events).toEqual([
      { at: START + MINUTE, kind: 'drop', reason: 'The SSH connection was lost: Keepalive timeout.' },
      { at: START + 2 * MINUTE, kind: 'recovered' },
    ]);
  });
});

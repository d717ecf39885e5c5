// The stability history: per profile, the keepalive round trips and the link's drops and recoveries of the last hour,
// kept in memory with a cap on samples so a long-running app holds a bounded amount whatever the link does.
import type { StabilityHistory } from '../../../shared/stability';
import type { Clock } from '../system/clock';

export const STABILITY_WINDOW_MS = 60 * 60_000;
/** An hour of the tunnel's probe every 15 s is 240; room for faster probes and nudges, and no more. */
export const MAX_ROUND_TRIPS = 720;
/** A link flapping every few seconds for an hour says all it has to say in this many. */
export const MAX_EVENTS = 400;

export interface StabilityRecorder {
  roundTrip(profileId: string, ms: number): void;
  drop(profileId: string, reason: string): void;
  /** Recorded only after a drop: a first connect is no recovery. */
  recovered(profileId: string): void;
  /** The link was closed on purpose: a later connect is a fresh start, not a recovery. */
  ended(profileId: string): void;
  history(profileId: string): StabilityHistory;
}

interface Track {
  roundTrips: StabilityHistory['roundTrips'];
  events: StabilityHistory['events'];
  down: boolean;
}

export function createStabilityRecorder(options: { clock: Clock; windowMs?: number }): StabilityRecorder {
  const { clock } = options;
  const windowMs = options.windowMs ?? STABILITY_WINDOW_MS;
  const startedAt = clock.now();
  const tracks = new Map<string, Track>();

  const trackOf = (profileId: string): Track => {
    let track = tracks.get(profileId);
    if (!track) {
      track = { roundTrips: [], events: [], down: false };
      tracks.set(profileId, track);
    }
    return track;
  };
  const prune = (track: Track, now: number) => {
    const oldest = now - windowMs;
    trimFront(track.roundTrips, (sample) => sample.at < oldest, MAX_ROUND_TRIPS);
    trimFront(track.events, (event) => event.at < oldest, MAX_EVENTS);
  };

  return {
    roundTrip(profileId, ms) {
      const track = trackOf(profileId);
      const now = clock.now();
      track.roundTrips.push({ at: now, ms });
      prune(track, now);
    },
    drop(profileId, reason) {
      const track = trackOf(profileId);
      if (track.down) return;
      const now = clock.now();
      track.down = true;
      track.events.push({ at: now, kind: 'drop', reason });
      prune(track, now);
    },
    recovered(profileId) {
      const track = trackOf(profileId);
      if (!track.down) return;
      const now = clock.now();
      track.down = false;
      track.events.push({ at: now, kind: 'recovered' });
      prune(track, now);
    },
    ended(profileId) {
      const track = tracks.get(profileId);
      if (track) track.down = false;
    },
    history(profileId) {
      const now = clock.now();
      const track = tracks.get(profileId);
      if (track) prune(track, now);
      return {
        profileId,
        since: Math.max(now - windowMs, startedAt),
        until: now,
        roundTrips: track ? [...track.roundTrips] : [],
        events: track ? [...track.events] : [],
      };
    },
  };
}

/** Drops the entries older than the window from the front of `list`, then the oldest beyond `cap`. */
function trimFront<T>(list: T[], isOld: (entry: T) => boolean, cap: number): void {
  let old = 0;
  while (old < list.length && isOld(list[old] as T)) old += 1;
  const excess = Math.max(old, list.length - cap);
  if (excess > 0) list.splice(0, excess);
}

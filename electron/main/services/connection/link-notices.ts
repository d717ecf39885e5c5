// When to tell a person, outside the window, that the link dropped or came back. A profile that was up and goes down
// by itself is told after DROP_GRACE_MS still down (a blip, or the link a wake from sleep drops and restores in
// seconds, is not news); its return is told only after its drop was; at most one drop per profile per
// DROP_NOTICE_INTERVAL_MS (a flapping link must not nag: the menu-bar icon shows every change anyway); and never what
// the person did (Disconnect, switching profiles: both pass through idle) or what quitting does.
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { Clock, TimerHandle } from '../system/clock';

export interface LinkNotice {
  profileId: string;
  title: string;
  body: string;
}

export interface LinkNotices {
  /** Feed every connection status, in order. */
  observe(status: ConnectionStatus): void;
  /** The app is quitting: whatever the connection does from now on is not news. */
  quitting(): void;
}

export const DROP_GRACE_MS = 10_000;
/** Five minutes: a link that drops every minute gets a drop and a "back" at most every five. */
export const DROP_NOTICE_INTERVAL_MS = 5 * 60_000;

export function createLinkNotices(options: { clock: Clock; show: (notice: LinkNotice) => void }): LinkNotices {
  const { clock, show } = options;
  /** The profile that is up now. */
  let upProfileId: string | undefined;
  /** A drop not told yet: its profile, the newest status since, and the timer that tells it. */
  let pending: { profileId: string; status: ConnectionStatus; timer: TimerHandle } | undefined;
  /** The profile whose drop was told and that has not come back yet. */
  let toldDropOf: string | undefined;
  const lastDropTold = new Map<string, number>();
  let quitting = false;

  const cancelPending = () => {
    if (pending) clock.clearTimeout(pending.timer);
    pending = undefined;
  };

  function tellDrop(): void {
    const drop = pending;
    pending = undefined;
    if (!drop) return;
    const last = lastDropTold.get(drop.profileId);
    if (last !== undefined && clock.now() - last < DROP_NOTICE_INTERVAL_MS) return;
    lastDropTold.set(drop.profileId, clock.now());
    toldDropOf = drop.profileId;
    const { status } = drop;
    const why = status.lastError ? `${status.lastError.message} ` : '';
    const next = status.state === 'error' ? 'Click to open Settings.' : 'Reconnecting by itself.';
    show({
      profileId: drop.profileId,
      title: `Lost the connection to ${status.profileName ?? 'the Gateway'}`,
      body: `${why}${next}`,
    });
  }

  return {
    observe(status) {
      if (quitting) return;
      const { profileId } = status;
      if (status.state === 'connected' || status.state === 'degraded') {
        cancelPending();
        if (profileId !== undefined && toldDropOf === profileId) {
          show({
            profileId,
            title: `Connected to ${status.profileName ?? 'the Gateway'} again`,
            body: 'The link is back up.',
          });
        }
        toldDropOf = undefined;
        upProfileId = profileId;
      } else if (status.state === 'idle') {
        cancelPending();
        toldDropOf = undefined;
        upProfileId = undefined;
      } else if (profileId !== undefined && upProfileId === profileId) {
        // Down by itself: the connection passes through idle for anything the person does.
        upProfileId = undefined;
        cancelPending();
        pending = { profileId, status, timer: clock.setTimeout(tellDrop, DROP_GRACE_MS) };
      } else if (pending && pending.profileId === profileId) {
        pending.status = status;
      }
    },
    quitting() {
      quitting = true;
      cancelPending();
    },
  };
}

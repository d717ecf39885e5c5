// The rules of the "link dropped" and "link is back" notices: told after a grace while still down, "back" only after
// a told drop, at most one drop per profile per interval, never for Disconnect, switching profiles or quitting.
import { describe, expect, it } from 'vitest';
import {
  createLinkNotices,
  DROP_GRACE_MS,
  DROP_NOTICE_INTERVAL_MS,
  type LinkNotice,
} from '../../electron/main/services/connection/link-notices';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { SteppedClock } from '../fixtures/stepped-clock';

const up = (profileId = 'home', profileName = 'Home'): ConnectionStatus => ({
  state: 'connected',
  profileId,
  profileName,
});
const reconnecting: ConnectionStatus = {
  state: 'reconnecting',
  profileId: 'home',
  profileName: 'Home',
  retry: { attempt: 1, at: 0 },
  lastError: { kind: 'connection-lost', message: 'The SSH link to home was lost.', action: 'retry-now' },
};
const retrying: ConnectionStatus = { state: 'connecting', profileId: 'home', profileName: 'Home' };
const idle: ConnectionStatus = { state: 'idle' };

function notices() {
  const clock = new SteppedClock();
  const shown: LinkNotice[] = [];
  const rules = createLinkNotices({ clock, show: (notice) => shown.push(notice) });
  const titles = () => shown.map((notice) => notice.title);
  return { clock, rules, shown, titles };
}

describe('link notices', () => {
  it('tells a drop that lasts, then its return', () => {
    const { clock, rules, shown, titles } = notices();
    rules.observe({ state: 'connecting', profileId: 'home', profileName: 'Home' });
    rules.observe(up());
    rules.observe(reconnecting);
    expect(titles()).toEqual([]);
    clock.advance(DROP_GRACE_MS);
    expect(shown).toEqual([
      {
        profileId: 'home',
        title: 'Lost the connection to Home',
        body: 'The SSH link to home was lost. Reconnecting by itself.',
      },
    ]);
    // Attempts pass through "connecting" on the way back; the return is still told.
    rules.observe(retrying);
    rules.observe(reconnecting);
    rules.observe(retrying);
    rules.observe(up());
    expect(titles()).toEqual(['Lost the connection to Home', 'Connected to Home again']);
  });

  it('keeps quiet about a blip that is back within the grace (a wake from sleep, a short outage)', () => {
    const { clock, rules, titles } = notices();
    rules.observe(up());
    rules.observe(reconnecting);
    clock.advance(DROP_GRACE_MS - 1);
    rules.observe(up());
    clock.advance(DROP_GRACE_MS);
    expect(titles()).toEqual([]);
  });

  it('says when the connection gave up, with the way to Settings', () => {
    const { clock, rules, shown } = notices();
    rules.observe(up());
    rules.observe({
      state: 'error',
      profileId: 'home',
      profileName: 'Home',
      lastError: { kind: 'auth-failed', message: 'Every key was refused.', action: 'edit-profile' },
    });
    clock.advance(DROP_GRACE_MS);
    expect(shown.map((notice) => notice.body)).toEqual(['Every key was refused. Click to open Settings.']);
  });

  it('tells at most one drop per profile per interval, and no "back" for a drop it did not tell', () => {
    const { clock, rules, titles } = notices();
    const flap = () => {
      rules.observe(reconnecting);
      clock.advance(DROP_GRACE_MS);
      rules.observe(up());
    };
    rules.observe(up());
    flap();
    flap();
    flap();
    expect(titles()).toEqual(['Lost the connection to Home', 'Connected to Home again']);
    clock.advance(DROP_NOTICE_INTERVAL_MS);
    flap();
    expect(titles()).toEqual([
      'Lost the connection to Home',
      'Connected to Home again',
      'Lost the connection to Home',
      'Connected to Home again',
    ]);
  });

  it('never tells a Disconnect, a switch to another profile, or what happens while quitting', () => {
    const { clock, rules, titles } = notices();
    // Disconnect: the connection goes idle.
    rules.observe(up());
    rules.observe(idle);
    // Switching: idle, then connecting to the other profile, which is up later.
    rules.observe(up());
    rules.observe(idle);
    rules.observe({ state: 'connecting', profileId: 'lab', profileName: 'Lab' });
    rules.observe(up('lab', 'Lab'));
    // A drop, then Disconnect before it was told: nothing, and no "back" after a later connect.
    rules.observe({ ...reconnecting, profileId: 'lab', profileName: 'Lab' });
    rules.observe(idle);
    clock.advance(DROP_GRACE_MS);
    rules.observe(up('lab', 'Lab'));
    // Quitting: whatever the shutdown reports is not news.
    rules.quitting();
    rules.observe({ ...reconnecting, profileId: 'lab', profileName: 'Lab' });
    clock.advance(DROP_GRACE_MS);
    rules.observe(idle);
    expect(titles()).toEqual([]);
  });

  it('a drop told, then Disconnect: no "back" when the person connects again', () => {
    const { clock, rules, titles } = notices();
    rules.observe(up());
    rules.observe(reconnecting);
    clock.advance(DROP_GRACE_MS);
    rules.observe(idle);
    rules.observe(retrying);
    rules.observe(up());
    expect(titles()).toEqual(['Lost the connection to Home']);
  });
});

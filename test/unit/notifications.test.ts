// A link notice as a system notification (with Electron mocked): its title and body, shown, and a click that runs what
// the host asked (opening Settings); nothing where the system has no notifications.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  supported: true,
  shown: [] as { options: unknown; emit: (name: string) => void }[],
}));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Notification extends Emitter {
    static isSupported = () => electron.supported;
    constructor(readonly options: unknown) {
      super();
    }
    show() {
      electron.shown.push({ options: this.options, emit: (name) => this.emit(name) });
    }
  }
  return { Notification };
});

const { showNotice } = await import('../../electron/main/adapters/notifications');

describe('notifications', () => {
  it('shows the notice and opens Settings when clicked', () => {
    const onClick = vi.fn();
    showNotice({ profileId: 'home', title: 'Lost the connection to Home', body: 'Reconnecting by itself.' }, onClick);
    expect(electron.shown.at(-1)?.options).toEqual({
      title: 'Lost the connection to Home',
      body: 'Reconnecting by itself.',
    });
    electron.shown.at(-1)!.emit('click');
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('shows nothing where the system has no notifications', () => {
    electron.supported = false;
    const before = electron.shown.length;
    showNotice({ profileId: 'home', title: 'Connected to Home again', body: 'The link is back up.' }, () => {});
    expect(electron.shown).toHaveLength(before);
  });
});

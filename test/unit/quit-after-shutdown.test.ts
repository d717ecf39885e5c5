// Quit's wait, against a stand-in for Electron's app: the first before-quit is held and starts one shutdown, a second
// one meanwhile is held and starts nothing, the app exits when the shutdown ends — or at the deadline when it hangs,
// or when it fails, so Quit always ends the app. (The real connection's sockets: test/integration/quit-waits.test.ts.)
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { quitAfterShutdown } from '../../electron/main/adapters/quit-after-shutdown';

function standInApp() {
  const app = new EventEmitter() as EventEmitter & { exit: (code?: number) => void };
  app.exit = vi.fn();
  const quit = () => {
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    return event;
  };
  return { app, quit };
}

describe('Quit waits for the connection', () => {
  it('exits only after the shutdown resolved, and a second Quit starts no second shutdown', async () => {
    const { app, quit } = standInApp();
    let finish = () => {};
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quitting = vi.fn();
    quitAfterShutdown(app, { shutdown, quitting });

    expect(quit().preventDefault).toHaveBeenCalled();
    expect(quit().preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(quitting).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.exit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(app.exit).toHaveBeenCalledTimes(1);
  });

  it('gives a hanging shutdown up at the deadline, says so, and exits', async () => {
    const { app, quit } = standInApp();
    const warn = vi.fn();
    quitAfterShutdown(app, { shutdown: () => new Promise<void>(() => {}), warn, deadlineMs: 20 });
    quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Quit without waiting longer'));
  });

  it('exits when the shutdown fails, and says why', async () => {
    const { app, quit } = standInApp();
    const warn = vi.fn();
    quitAfterShutdown(app, { shutdown: () => Promise.reject(new Error('socket in a bad state')), warn });
    quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('socket in a bad state'));
  });
});

// Quit waits for the connection (issue 14's acceptance): with a profile connected through the real sshd and the real
// Gateway, a `before-quit` on a stand-in for Electron's app is held until the tunnel's local listener is closed and
// the SSH client has ended, and only then does the app exit; a second Quit meanwhile starts no second shutdown; the
// shutdown tells no "connection lost" notice. On the way, the menu bar's Open Gateway Dashboard hands the browser the
// Control UI through the tunnel, with the token only in the address's fragment and never in the log.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quitAfterShutdown } from '../../electron/main/adapters/quit-after-shutdown';
import { createLinkNotices, type LinkNotice } from '../../electron/main/services/connection/link-notices';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { establishedTo, heldBy, listensOn } from '../fixtures/tcp-sockets';
import { testSystem } from '../fixtures/system';
import { healthyAfter, openReliabilityCore, type ReliabilityCore } from '../reliability/reliability-core';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

describe.skipIf(!usable)('Quit waits for the connection (real sshd and Gateway)', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let core: ReliabilityCore;

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    core = await openReliabilityCore(sshd, { port: sshd.port });
  }, 180_000);

  afterAll(async () => {
    await core?.close();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
  });

  it('holds before-quit until the listener is closed and the SSH client ended, then exits once', async () => {
    const { services, statuses } = core;
    const profile = await core.saveSshProfile('Studio', gateway.port, gateway.token);
    const connected = await services.router.invoke('connection:connect', [{ profileId: profile.id }]);
    expect(connected.ok).toBe(true);
    const up = await statuses.waitFor(healthyAfter(undefined), { from: 0, timeoutMs: 90_000 });
    const localPort = up.route?.localPort;
    if (localPort === undefined) throw new Error('the connected status names no local port');
    expect(listensOn(localPort)).toBe(true);
    expect(establishedTo(sshd.port)).toBeGreaterThan(0);

    // Open Gateway Dashboard: the Control UI answers through the tunnel; the token rides only in the fragment.
    const opened: string[] = [];
    const menuBar = services.menuBar({
      openSettings: () => {},
      runDiagnostics: () => {},
      copyText: () => {},
      openExternal: async (url) => {
        opened.push(url);
      },
      quit: () => {},
    });
    menuBar.act({ kind: 'open-dashboard' });
    await vi.waitFor(() => expect(opened).toHaveLength(1), { timeout: 10_000 });
    const dashboard = new URL(opened[0]!);
    expect(`${dashboard.origin}${dashboard.pathname}`).toBe(`http://127.0.0.1:${localPort}/`);
    expect(new URLSearchParams(dashboard.hash.slice(1)).get('token')).toBe(gateway.token);
    const page = await fetch(`${dashboard.origin}/`);
    expect(page.ok).toBe(true);
    expect(page.headers.get('content-type')).toMatch(/text\/html/u);
    expect(JSON.stringify(services.log.recent(5000))).not.toContain(gateway.token);

    const shown: LinkNotice[] = [];
    const notices = createLinkNotices({ clock: testSystem().clock, show: (notice) => shown.push(notice) });
    services.connection.on('status', (status) => notices.observe(status));

    const app = new EventEmitter() as EventEmitter & { exit: (code?: number) => void };
    let atExit: { listening: boolean; sshClients: number } | undefined;
    app.exit = vi.fn(() => {
      // Read synchronously, at the very moment the app would end.
      atExit = { listening: listensOn(localPort), sshClients: establishedTo(sshd.port) };
    });
    const shutdown = vi.fn(() => services.connection.shutdown());
    quitAfterShutdown(app, { shutdown, quitting: () => notices.quitting() });

    const quit = { preventDefault: vi.fn() };
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', quit);
    app.emit('before-quit', again);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(again.preventDefault).toHaveBeenCalled();
    expect(app.exit).not.toHaveBeenCalled();

    await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 10_000 });
    expect(app.exit).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(atExit).toEqual({ listening: false, sshClients: 0 });
    expect(services.connection.status).toEqual({ state: 'idle' });
    // sshd's side of the session goes once it has read the client's goodbye.
    await vi.waitFor(() => expect(heldBy(sshd.port)).toBe(0), { timeout: 10_000 });
    expect(shown).toEqual([]);
  }, 180_000);
});

// Quit waits for the connection: the first `before-quit` is held (preventDefault) while `shutdown()` closes every
// tunnel, listener and socket, then the app exits; a shutdown that hangs is given up after `deadlineMs`, so Quit
// always ends the app. A second Quit meanwhile (⌘Q again, the Dock, a log-out) is held too and starts nothing new.
import type { App } from 'electron';

/** What this needs of Electron's `app`, so a test can hand in its own. */
export type QuittingApp = Pick<App, 'exit'> & {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
};

export const QUIT_DEADLINE_MS = 5_000;

export function quitAfterShutdown(
  app: QuittingApp,
  options: {
    shutdown: () => Promise<void>;
    /** Told once, when the first Quit arrives (before the shutdown starts). */
    quitting?: () => void;
    /** Told when the shutdown failed or passed the deadline, before the app exits anyway. */
    warn?: (message: string) => void;
    deadlineMs?: number;
  },
): void {
  const deadlineMs = options.deadlineMs ?? QUIT_DEADLINE_MS;
  let shuttingDown = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (shuttingDown) return;
    shuttingDown = true;
    options.quitting?.();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    void Promise.race([options.shutdown().then(() => 'done' as const), deadline])
      .then(
        (outcome) => {
          if (outcome === 'late')
            options.warn?.(`Quit without waiting longer: closing the connection took over ${deadlineMs / 1000} s.`);
        },
        (error: unknown) => options.warn?.(`Closing the connection failed while quitting: ${String(error)}`),
      )
      .finally(() => {
        clearTimeout(timer);
        app.exit(0);
      });
  });
}

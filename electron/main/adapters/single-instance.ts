// One app per Mac: the first launch holds Electron's single-instance lock; a second launch finds it taken and quits,
// and the first is told (`second-instance`) and brings its window to the front, which is what the person wanted.
import type { App } from 'electron';

/** What this needs of Electron's `app`, so a test can hand in its own. */
export type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'quit'> & {
  on(event: 'second-instance', listener: () => void): unknown;
};

/** True when this is the one instance; false when another runs (this one is quitting). */
export function claimSingleInstance(app: SingleInstanceApp, showWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', showWindow);
  return true;
}

// Actions about the app itself: its versions and data folder, its recent log, and what went wrong opening its files
// (less what the person dismissed, which the settings file remembers).
import type { Action } from './app-core';

export const appInfo: Action<'app:info'> = (core) => core.appInfo;

export const recentLog: Action<'log:recent'> = (core, { limit }) => core.log.recent(limit);

export const settingsProblems: Action<'settings:problems'> = (core) => {
  const dismissed = core.settings.settings().dismissedNotices ?? [];
  return core
    .problems()
    .filter((problem) => !dismissed.some(({ kind, message }) => kind === problem.kind && message === problem.message));
};

/** Remembers a dismissed problem once; the list grows only by what the window showed and the person dismissed. */
export const dismissNotice: Action<'settings:dismiss-notice'> = (core, { kind, message }) => {
  core.settings.update((draft) => {
    const dismissed = draft.dismissedNotices ?? [];
    if (!dismissed.some((notice) => notice.kind === kind && notice.message === message)) {
      draft.dismissedNotices = [...dismissed, { kind, message }];
    }
  });
  return null;
};

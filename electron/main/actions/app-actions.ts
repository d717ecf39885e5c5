// Actions about the app itself: its versions and data folder, its recent log, and what went wrong opening its files.
import type { Action } from './app-core';

export const appInfo: Action<'app:info'> = (core) => core.appInfo;

export const recentLog: Action<'log:recent'> = (core, { limit }) => core.log.recent(limit);

export const settingsProblems: Action<'settings:problems'> = (core) => core.problems();

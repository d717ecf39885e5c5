// Which settings version a file was written at. conf records it (as semver, under its reserved bookkeeping key) when
// it creates or migrates the file; settings version N is recorded as N.0.0. A file from before versions were
// recorded holds none, which conf and the migrations read as "older than every step".
import { SETTINGS_VERSION } from '../../../shared/settings';

/** The key conf keeps its own bookkeeping under, beside the settings in the same file. */
export const CONF_BOOKKEEPING_KEY = '__internal__';

/** A version as [major, minor, patch]. */
export type Version = [number, number, number];

export const CURRENT_SETTINGS_VERSION: Version = [SETTINGS_VERSION, 0, 0];

export function formatVersion(version: Version): string {
  return version.join('.');
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The version recorded in conf's bookkeeping: undefined when none is recorded, 'unreadable' when something that is
 * not a version stands where it should be.
 */
export function recordedSettingsVersion(bookkeeping: unknown): Version | 'unreadable' | undefined {
  if (bookkeeping === undefined) return undefined;
  const migrations = isRecord(bookkeeping) ? bookkeeping.migrations : undefined;
  const recorded = isRecord(migrations) ? migrations.version : undefined;
  if (recorded === undefined) return undefined;
  const parts = typeof recorded === 'string' ? /^(\d+)\.(\d+)\.(\d+)$/u.exec(recorded) : null;
  return parts ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : 'unreadable';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

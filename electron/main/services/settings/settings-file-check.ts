// Decides, before conf touches it, whether the settings file can be used as it is: JSON, an object, a version this
// build knows, and valid settings once the migrations conf will run have run. Whatever is wrong is put in words, so
// the file can be set aside with its bytes intact instead of being cleared, half-migrated or silently downgraded.
import { SETTINGS_VERSION, settingsSchema, type Settings } from '../../../shared/settings';
import { parseJsonText } from '../files/json-text';
import { describeIssues } from '../../describe-issues';
import { migrateSettingsData } from './settings-migrations';
import {
  compareVersions,
  CONF_BOOKKEEPING_KEY,
  CURRENT_SETTINGS_VERSION,
  formatVersion,
  recordedSettingsVersion,
} from './settings-version';

export interface SettingsFileProblem {
  kind: 'settings-invalid' | 'settings-newer-version';
  /** What is wrong, in words that fit after "the settings file could not be used: ". */
  reason: string;
}

/**
 * What the check found: a problem, or the settings the file holds once migrated, and whether it holds them as they
 * are (`current`: written at this build's settings version, so conf has nothing to migrate).
 */
export type SettingsFileCheck =
  { ok: false; problem: SettingsFileProblem } | { ok: true; settings: Settings; current: boolean };

export function checkSettingsFile(text: string): SettingsFileCheck {
  const json = parseJsonText(text);
  if (!json.ok) return invalid(json.reason);
  const data = json.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // conf would read an array or a bare value as an empty store and overwrite it on the next save.
    const held = data === null ? 'null' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    return invalid(`the file holds ${held} instead of an object of settings`);
  }
  const { [CONF_BOOKKEEPING_KEY]: bookkeeping, ...settings } = data as Record<string, unknown>;
  const recorded = recordedSettingsVersion(bookkeeping);
  if (recorded === 'unreadable') return invalid('the settings version recorded in the file is not a version number');
  if (recorded && compareVersions(recorded, CURRENT_SETTINGS_VERSION) > 0) {
    return {
      ok: false,
      problem: {
        kind: 'settings-newer-version',
        reason: `it was written at settings version ${formatVersion(recorded)} by a newer OpenClaw Remote, and this one understands up to ${SETTINGS_VERSION}`,
      },
    };
  }
  let migrated: unknown;
  try {
    migrated = migrateSettingsData(settings, recorded);
  } catch (error) {
    return invalid(error instanceof Error ? error.message : String(error));
  }
  const parsed = settingsSchema.safeParse(migrated);
  if (!parsed.success) return invalid(describeIssues(parsed.error));
  const current = recorded !== undefined && compareVersions(recorded, CURRENT_SETTINGS_VERSION) === 0;
  return { ok: true, settings: parsed.data, current };
}

function invalid(reason: string): SettingsFileCheck {
  return { ok: false, problem: { kind: 'settings-invalid', reason } };
}

// How a settings file written by an earlier version becomes today's shape: one pure step per version, on the file's
// plain data. conf runs the steps when it opens an old file and records the version reached; the file check runs
// the very same steps in memory first, so a file a step cannot convert is set aside before anything is written.
import type { Options } from 'conf';
import { z } from 'zod';
import { describeIssues } from '../../describe-issues';
import { newProfileId } from './profile-id';
import type { SettingsFileData } from './settings-file-schema';
import { compareVersions, formatVersion, type Version } from './settings-version';

interface SettingsMigration {
  /** The settings version this step produces. */
  to: Version;
  migrate: (data: SettingsFileData) => SettingsFileData;
}

/** The name the one remote of version 1 gets as a profile. */
const MIGRATED_REMOTE_NAME = 'Remote';

/** Version 1: one remote over SSH, before profiles existed. Unknown keys pass on to the version 2 schema, which refuses them. */
const version1Schema = z.looseObject({
  remote: z
    .strictObject({
      sshTarget: z.string(),
      identityFile: z.string().optional(),
      localPort: z.number().optional(),
      remotePort: z.number().optional(),
    })
    .optional(),
  connectAtLaunch: z.boolean().optional(),
});

/** 1 → 2: the remote becomes the primary SSH profile; "connect at launch" becomes "it was last active, not disconnected". */
function profilesFromSingleRemote(data: SettingsFileData): SettingsFileData {
  const parsed = version1Schema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`the remote saved before profiles existed cannot be converted (${describeIssues(parsed.error)})`);
  }
  const { remote, connectAtLaunch = false, ...rest } = parsed.data;
  if (remote === undefined) return rest;
  const { sshTarget, ...portsAndKey } = remote;
  const id = newProfileId(MIGRATED_REMOTE_NAME);
  const profile = { id, name: MIGRATED_REMOTE_NAME, route: { kind: 'ssh', target: sshTarget, ...portsAndKey } };
  return {
    ...rest,
    profiles: [...(Array.isArray(rest.profiles) ? (rest.profiles as unknown[]) : []), profile],
    primaryProfileId: id,
    ...(connectAtLaunch ? { lastActiveProfileId: id } : {}),
    manuallyDisconnected: !connectAtLaunch,
  };
}

const MIGRATIONS: SettingsMigration[] = [{ to: [2, 0, 0], migrate: profilesFromSingleRemote }];

/** The steps for conf, keyed by the version each one reaches. */
export const settingsMigrations: NonNullable<Options<SettingsFileData>['migrations']> = Object.fromEntries(
  MIGRATIONS.map(({ to, migrate }) => [
    formatVersion(to),
    (store) => {
      store.store = migrate(store.store);
    },
  ]),
);

/** What conf will make of data recorded at `from` (undefined: recorded before versions were), without writing it. */
export function migrateSettingsData(data: SettingsFileData, from: Version | undefined): SettingsFileData {
  return MIGRATIONS.filter(({ to }) => from === undefined || compareVersions(to, from) > 0).reduce(
    (migrated, { migrate }) => migrate(migrated),
    data,
  );
}

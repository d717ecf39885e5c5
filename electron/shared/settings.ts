// The settings file's content at the current schema version: the saved profiles, which one is primary, what to do
// at launch, and the few app-wide choices. Secrets never live here (they go to the secret store, by profile ID).
// Older versions are migrated by services/settings before this schema sees them.
import { z } from 'zod';
import { profileSchema } from './profile';

export const SETTINGS_VERSION = 2;

export const settingsSchema = z
  .strictObject({
    profiles: z.array(profileSchema).default([]),
    /** The profile the tray's Connect uses, and `connect` / `status` without a name. */
    primaryProfileId: z.string().optional(),
    /** The profile that was connected when the app last ran; reconnected at launch unless the user disconnected. */
    lastActiveProfileId: z.string().optional(),
    /** The user pressed Disconnect: stay disconnected, also across launches, until they connect again. */
    manuallyDisconnected: z.boolean().default(false),
    /** A tailscale executable the user chose, tried before the usual places. */
    tailscaleCliPath: z.string().min(1).optional(),
    /** Whether the first-run offer to import a remote from ~/.openclaw/openclaw.json was already made. */
    openclawImportOffered: z.boolean().default(false),
    /** When each profile's Gateway token was saved (epoch ms, by profile ID), for its age; never the token itself. */
    tokenSavedAt: z.record(z.string(), z.number()).optional(),
    /** Problems the person dismissed in the window, by kind and sentence: not shown again until their words change. */
    dismissedNotices: z.array(z.object({ kind: z.string(), message: z.string() })).optional(),
  })
  .superRefine((settings, context) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    settings.profiles.forEach((profile, index) => {
      if (ids.has(profile.id)) {
        context.addIssue({
          code: 'custom',
          path: ['profiles', index, 'id'],
          message: `Two profiles share the ID ${profile.id}.`,
        });
      }
      const name = profile.name.toLowerCase();
      if (names.has(name)) {
        context.addIssue({
          code: 'custom',
          path: ['profiles', index, 'name'],
          message: `Two profiles are named "${profile.name}"; names must differ (ignoring case).`,
        });
      }
      ids.add(profile.id);
      names.add(name);
    });
    for (const key of ['primaryProfileId', 'lastActiveProfileId'] as const) {
      const id = settings[key];
      if (id !== undefined && !ids.has(id)) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} names a profile that does not exist (${id}).`,
        });
      }
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

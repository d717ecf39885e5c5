// What the Security page and `openclaw-remote security` show for one profile: the host key it trusts (and the one the
// host presented when it changed), this Mac's device identity with that Gateway, the Gateway token's age, and the
// checklist of the practices the OpenClaw docs recommend. Main computes it; the window and the CLI only show it.
import { z } from 'zod';
import { FIX_ACTIONS } from './error-actions';

const hostKeyLineSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** The line's host field; `(hashed name)` for a hashed one. */
  hosts: z.string(),
  /** Forgetting removes the line, takes only this host's name out of it, or leaves it (`keptBecause`). */
  forget: z.enum(['remove-line', 'remove-name', 'keep']),
  keptBecause: z.string().optional(),
});

const presentedKeySchema = z.object({ keyType: z.string(), fingerprint: z.string() });

export const hostKeyFactsSchema = z.object({
  /** The name known_hosts stores the host under (`[127.0.0.1]:2222`, a HostKeyAlias, …). */
  knownHostsName: z.string(),
  lines: z.array(hostKeyLineSchema),
  /** Set when the last connect of this profile found a different key of a stored type: what the host presents now. */
  presented: presentedKeySchema.optional(),
  /** Tailscale-over-SSH: the host keys Tailscale publishes for the device, which the app trusts without known_hosts. */
  tailscaleKeys: z.array(presentedKeySchema).optional(),
  /** Why the lines could not be read (the SSH config or known_hosts), instead of `lines`. */
  problem: z.string().optional(),
});

export const CHECKLIST_STATUSES = ['met', 'missed', 'unknown', 'not-applicable'] as const;

export const checklistItemSchema = z.object({
  id: z.enum(['token-set', 'key-auth', 'loopback-bind', 'encrypted-route', 'no-plaintext-ws']),
  label: z.string(),
  status: z.enum(CHECKLIST_STATUSES),
  /** What was found, in a sentence. */
  detail: z.string(),
  /** Beside a miss: the fix the window offers as a button and the CLI as a command. */
  fix: z.enum(FIX_ACTIONS).optional(),
  /** Beside a miss with no button: what to do, in a sentence. */
  howTo: z.string().optional(),
  /** Unknown until the profile is connected: the window offers Connect beside it. */
  connectToCheck: z.boolean().optional(),
});

export const securityOverviewSchema = z.object({
  profile: z.object({ id: z.string(), name: z.string() }),
  /** null: the profile reaches its Gateway without SSH, so no host key is involved. */
  hostKey: hostKeyFactsSchema.nullable(),
  device: z.object({
    /** This Mac's device id, the same for every Gateway. */
    deviceId: z.string(),
    /** A device token from this Gateway is stored: it approved this Mac. */
    paired: z.boolean(),
    /** The Gateway awaits approval of this request (from the last connect). */
    pendingRequestId: z.string().optional(),
  }),
  token: z.object({
    stored: z.boolean(),
    /** Epoch milliseconds of when it was saved; absent when unknown (saved before the app recorded it). */
    savedAt: z.number().optional(),
    ageDays: z.number().int().optional(),
    /** Past the rotation period: the reminder to show. */
    reminder: z.string().optional(),
  }),
  checklist: z.array(checklistItemSchema),
});

export const forgetHostKeyResultSchema = z.object({ removed: z.array(hostKeyLineSchema) });

export type HostKeyFacts = z.infer<typeof hostKeyFactsSchema>;
export type HostKeyLine = z.infer<typeof hostKeyLineSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type SecurityOverview = z.infer<typeof securityOverviewSchema>;

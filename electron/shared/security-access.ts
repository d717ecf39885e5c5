// The shapes of the Security page's access sections, shared by the window, main and the CLI: the profile's SSH key
// (what it is, how old, whether it is due for a new one), what installing it on the host did, and who gets in to the
// host and its Gateway (the Gateway's connected clients, its paired devices, the host's last SSH logins).
import { z } from 'zod';

/** The docs advise a new SSH key at least every 90 days; past that the page reminds. */
export const SSH_KEY_ROTATION_DAYS = 90;
/** A passphrase longer than this is a paste gone wrong, not something a person types twice. */
export const MAX_PASSPHRASE_LENGTH = 1024;

export const sshKeySchema = z.object({
  /** The private key's path, `~/…` under this Mac's home. */
  path: z.string(),
  /** Whether the profile names it, or it is the first of OpenSSH's defaults that exists. */
  source: z.enum(['profile', 'default']),
  /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, …; absent when the file cannot be read as a key. */
  type: z.string().optional(),
  bits: z.number().int().optional(),
  /** OpenSSH's form: `SHA256:` and the unpadded base64 of the public key blob's SHA-256. */
  fingerprint: z.string().optional(),
  /** The public key line (`type blob comment`) that goes into a host's authorized_keys. */
  publicKey: z.string().optional(),
  /** Whether the private key is protected by a passphrase. */
  encrypted: z.boolean(),
  /** The file's last change (ms since the epoch), which is as near to its creation as a file tells. */
  modifiedMs: z.number(),
  ageDays: z.number().int(),
  /** Older than SSH_KEY_ROTATION_DAYS. */
  rotationDue: z.boolean(),
});
export type SshKey = z.infer<typeof sshKeySchema>;

export const sshKeyStateSchema = z.object({
  /** False when the profile reaches its Gateway without SSH, so there is no key to show. */
  ssh: z.boolean(),
  /** The key the next connect offers first, or null when there is none on this Mac. */
  key: sshKeySchema.nullable(),
  /** When the profile names an identity file that is not there, its path. */
  missingFile: z.string().optional(),
});
export type SshKeyState = z.infer<typeof sshKeyStateSchema>;

export const installedKeySchema = z.object({
  /** False when the host's authorized_keys already held this key (whatever its comment), so nothing was written. */
  added: z.boolean(),
  /** Where on the host, as the host's user sees it. */
  file: z.string(),
  fingerprint: z.string(),
});
export type InstalledKey = z.infer<typeof installedKeySchema>;

/** One part of "who gets in": what was found, or one sentence on why it could not be. */
const partSchema = <T extends z.ZodType>(item: T) =>
  z.union([z.object({ items: z.array(item) }), z.object({ unavailable: z.string() })]);

export const gatewayClientSchema = z.object({
  /** The client's host name, else its client id. */
  name: z.string(),
  /** Where it connects from (an IP address), when the Gateway says. */
  origin: z.string().optional(),
  mode: z.string().optional(),
  platform: z.string().optional(),
  version: z.string().optional(),
  /** When the Gateway last heard from it (ms since the epoch). */
  lastSeenMs: z.number(),
});

export const pairedDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  origin: z.string().optional(),
  platform: z.string().optional(),
  /** When it was approved (ms since the epoch). */
  approvedMs: z.number().optional(),
  lastSeenMs: z.number().optional(),
  connected: z.boolean(),
  /** A request waiting for approval on the host rather than a paired device. */
  pending: z.boolean(),
});

export const sshLoginSchema = z.object({
  user: z.string(),
  /** The terminal line (pts/0) or session kind. */
  line: z.string(),
  /** The remote host or address, when `last` records one. */
  origin: z.string().optional(),
  /** The time as the host's `last` prints it (its own zone and format), with the session's end or duration. */
  when: z.string(),
});

export const whoGetsInSchema = z.object({
  clients: partSchema(gatewayClientSchema),
  devices: partSchema(pairedDeviceSchema),
  logins: partSchema(sshLoginSchema),
});
export type WhoGetsIn = z.infer<typeof whoGetsInSchema>;
export type GatewayClientEntry = z.infer<typeof gatewayClientSchema>;
export type PairedDevice = z.infer<typeof pairedDeviceSchema>;
export type SshLogin = z.infer<typeof sshLoginSchema>;

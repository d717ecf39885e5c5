// The IPC contract: every request channel with the schemas of its arguments and result, and every event
// with the schema of its payload. Renderer, preload, router, transports and tests all import this file,
// so it must not import `electron` or any Node module.
import { z } from 'zod';
import { appInfoSchema } from './app-info';
import { connectionStatusSchema } from './connection-status';
import { doctorReportSchema, doctorStepSchema } from './doctor';
import { GATEWAY_LOG_MAX_LINES, GATEWAY_LOG_MAX_WINDOW_BYTES, gatewayLogPageSchema } from './gateway-log';
import { DOCTOR_EXPORT_FORMATS } from './doctor-export';
import { logEntrySchema } from './log-entry';
import { profileSchema, routeSchema, sshRouteSchema } from './profile';
import { stabilityHistorySchema } from './stability';
import { promptAnswerSchema, promptRequestSchema } from './prompt';
import { forgetHostKeyResultSchema, securityOverviewSchema } from './security';
import {
  installedKeySchema,
  MAX_PASSPHRASE_LENGTH,
  sshKeySchema,
  sshKeyStateSchema,
  whoGetsInSchema,
} from './security-access';
import { gatewayScanSchema, tailnetAccountSchema, tailnetStatusSchema } from './tailnet';
import type { EventName, RequestChannel } from './channels';
import type { Result } from './errors';

export { EVENT_NAMES, REQUEST_CHANNELS, isEventName, isRequestChannel } from './channels';
export type { EventName, RequestChannel } from './channels';

const appErrorSchema = z.object({ kind: z.string(), message: z.string(), hint: z.string().optional() });

const profileListSchema = z.object({
  profiles: z.array(profileSchema),
  primaryId: z.string().nullable(),
  /** Profile IDs that have a Gateway token stored. */
  withToken: z.array(z.string()),
});

const importOfferSchema = z.object({
  /** The remote found in the file, as the profile it would become; null when there is nothing to import. */
  profile: z.object({ name: z.string(), route: routeSchema }).nullable(),
  /** The file that was read. */
  path: z.string(),
  /** Whether the file holds a usable token (it is imported, never shown). */
  tokenFound: z.boolean(),
  /** What could not be carried over, in sentences (a token given by reference, password auth, …). */
  notes: z.array(z.string()),
});

/** One limit for a Gateway token wherever one comes in (window, CLI, import), checked before it is stored. */
export const MAX_TOKEN_LENGTH = 4096;
const tokenField = z
  .string()
  .min(1, { error: 'The Gateway token is empty.' })
  .max(MAX_TOKEN_LENGTH, {
    error: `The Gateway token is longer than ${MAX_TOKEN_LENGTH} characters; paste the token alone.`,
  });

const deviceSshSchema = sshRouteSchema
  .pick({
    sshPort: true,
    identityFile: true,
    localPort: true,
    remotePort: true,
    useEphemeralPortIfBusy: true,
    allowPassword: true,
    keepaliveIntervalSeconds: true,
    keepaliveCountMax: true,
  })
  .partial();

const fetchedGatewaySchema = z.object({
  profile: profileSchema,
  /** The Gateway's port on the host (the profile's remote port now). */
  port: z.number().int(),
  authMode: z.enum(['none', 'token', 'password', 'trusted-proxy']),
  /** Whether a token (or password) was found and stored for the profile. */
  tokenStored: z.boolean(),
  /** The OpenClaw config on the host it came from. */
  configPath: z.string(),
});

export const requests = {
  /** Versions, platform and data directory, for the About section. */
  'app:info': { args: z.tuple([]), result: appInfoSchema },
  /** The newest entries of the app's log (at most `limit`, oldest first). */
  'log:recent': {
    args: z.tuple([z.object({ limit: z.number().int().min(1).max(5000) })]),
    result: z.array(logEntrySchema),
  },
  /** What went wrong opening the settings or secrets (a broken file moved aside), for a notice in the window. */
  'settings:problems': { args: z.tuple([]), result: z.array(appErrorSchema) },
  /** The saved profiles, which one is primary, and which have a Gateway token stored (never the token). */
  'profiles:list': { args: z.tuple([]), result: profileListSchema },
  /** One profile by ID or name (the primary one without), whether it is primary and whether it has a token. */
  'profiles:get': {
    args: z.tuple([z.object({ id: z.string().optional() })]),
    result: z.object({ profile: profileSchema, primary: z.boolean(), hasToken: z.boolean() }),
  },
  /**
   * Creates (no id) or replaces a profile. `token`: store this Gateway token; `clearToken`: forget it; neither:
   * keep what is stored. The schema checks each field with its own sentence; the profiles service adds the checks
   * that need this machine (the SSH target's grammar, the identity file on disk).
   */
  'profiles:save': {
    args: z.tuple([
      z.object({
        /** ID or name of the profile to replace; absent: a new profile. */
        id: z.string().optional(),
        name: profileSchema.shape.name,
        route: routeSchema,
        configureOpenclaw: z.boolean().optional(),
        token: tokenField.optional(),
        clearToken: z.boolean().optional(),
        primary: z.boolean().optional(),
      }),
    ]),
    result: profileSchema,
  },
  /** Removes a profile (by ID or name) and its secrets, disconnecting it first when it is live; returns what went. */
  'profiles:remove': { args: z.tuple([z.object({ id: z.string() })]), result: profileSchema },
  'profiles:set-primary': { args: z.tuple([z.object({ id: z.string() })]), result: profileSchema },
  /**
   * Fetch from host: opens the profile's SSH link (asking about an unknown host key as connecting does), reads the
   * Gateway's port and token from the OpenClaw config on the host as the Gateway would, stores the token (never
   * returned) and the port, and returns what was found. SSH and Tailscale-over-SSH profiles only.
   */
  'profiles:fetch-token': { args: z.tuple([z.object({ id: z.string() })]), result: fetchedGatewaySchema },
  /**
   * Sets an SSH profile's keepalive (interval, missed replies allowed) to values chosen from why its link dropped in
   * the last hour, and returns the saved profile; the next connect uses them. SSH and Tailscale-over-SSH only.
   */
  'profiles:apply-stability-settings': {
    args: z.tuple([z.object({ profileId: z.string() })]),
    result: profileSchema,
  },
  'connection:status': { args: z.tuple([]), result: connectionStatusSchema },
  /** Connects the profile (the primary one without an id), closing the current connection first. */
  'connection:connect': {
    args: z.tuple([z.object({ profileId: z.string().optional() })]),
    result: connectionStatusSchema,
  },
  /** Disconnects, and stays disconnected (also across launches) until the next connect. */
  'connection:disconnect': { args: z.tuple([]), result: connectionStatusSchema },
  /** Whatever waits to retry, retries now. */
  'connection:retry-now': { args: z.tuple([]), result: connectionStatusSchema },
  /** The profile's keepalive round trips and link drops of the last hour (the primary profile without an id). */
  'connection:stability': {
    args: z.tuple([z.object({ profileId: z.string().optional() })]),
    result: stabilityHistorySchema,
  },
  /** The tailnet, with each device where an OpenClaw Gateway answers marked. */
  'tailscale:scan': { args: z.tuple([]), result: gatewayScanSchema },
  /** Starts (true) or stops (false) the `tailscale:status` events while the Tailscale page is open. */
  'tailscale:watch': { args: z.tuple([z.object({ watching: z.boolean() })]), result: z.null() },
  /** The tailnets (accounts) this Mac is logged in to. */
  'tailscale:tailnets': { args: z.tuple([]), result: z.array(tailnetAccountSchema) },
  'tailscale:switch': { args: z.tuple([z.object({ id: z.string().min(1) })]), result: tailnetStatusSchema },
  /** Makes a profile for a tailnet device (or updates the one already made for it) and returns it. */
  'tailscale:use-device': {
    args: z.tuple([
      z.object({
        /** The device's ID, MagicDNS name or host name. */
        deviceId: z.string().min(1),
        via: z.enum(['url', 'ssh']).optional(),
        /** SSH login name, for `via: ssh`. */
        user: z.string().min(1).optional(),
        /** SSH settings of the tunnel, for `via: ssh` (defaults as for any SSH profile). */
        ssh: deviceSshSchema.optional(),
        /** Default: the name of the profile already made for the device, else the device's name. */
        name: profileSchema.shape.name.optional(),
        configureOpenclaw: z.boolean().optional(),
        token: tokenField.optional(),
        primary: z.boolean().optional(),
      }),
    ]),
    result: profileSchema,
  },
  /** What importing ~/.openclaw/openclaw.json would give, without saving anything; null once answered. */
  'openclaw:import-offer': { args: z.tuple([]), result: importOfferSchema.nullable() },
  /**
   * The person's answer to the offer: `accept` imports the remote of ~/.openclaw/openclaw.json as a profile (with its
   * token, if the file holds one) and returns it; declining returns null. Either way the offer is not made again.
   */
  'openclaw:import': { args: z.tuple([z.object({ accept: z.boolean() })]), result: profileSchema.nullable() },
  /** The person's answer to a `prompt:request`. */
  'prompt:answer': { args: z.tuple([promptAnswerSchema]), result: z.null() },
  /**
   * Checks the way to the profile's Gateway (the primary one without an id) step by step, each step also sent as a
   * `doctor:step` event as it finishes. Never trusts a new host key, never saves anything; no secret in the report.
   */
  'doctor:run': {
    args: z.tuple([z.object({ profileId: z.string().optional() })]),
    result: doctorReportSchema,
  },
  /**
   * A report as a file to keep or share (`openclaw-remote doctor --json` prints the JSON), with every secret the app
   * holds (tokens, device tokens, passphrases) redacted wherever it appears, whatever produced the report.
   */
  'doctor:export': {
    args: z.tuple([z.object({ report: doctorReportSchema, format: z.enum(DOCTOR_EXPORT_FORMATS) })]),
    result: z.object({ fileName: z.string(), text: z.string() }),
  },
  /**
   * Stops the earlier tunnel of this app (another copy of it, a `connect` left running) that holds the profile's local
   * port, as the doctor's local-port step offers, and returns once the port is free.
   */
  'doctor:free-port': {
    args: z.tuple([z.object({ profileId: z.string().optional() })]),
    result: z.object({ port: z.number(), pid: z.number() }),
  },
  /**
   * The Security page's trust facts of a profile (the primary one without an id): the host key it trusts (and the one
   * the host presented when it changed), this Mac's device id and pairing, the Gateway token's age, the checklist.
   */
  'security:overview': {
    args: z.tuple([z.object({ profileId: z.string().optional() })]),
    result: securityOverviewSchema,
  },
  /**
   * Forgets the profile's trusted host key: removes exactly the known_hosts lines `expected` names (as the
   * confirmation showed them; without it, the ones the overview lists now), so the next connect asks again.
   */
  'security:forget-host-key': {
    args: z.tuple([
      z.object({
        profileId: z.string(),
        expected: z
          .array(z.object({ file: z.string(), line: z.number().int().min(1), fingerprint: z.string() }))
          .optional(),
      }),
    ]),
    result: forgetHostKeyResultSchema,
  },
  /** Forgets the device token the profile's Gateway issued to this Mac; the next connect signs in with the token. */
  'security:forget-device-token': {
    args: z.tuple([z.object({ profileId: z.string() })]),
    result: z.object({ forgotten: z.boolean() }),
  },
  // The Security page's access sections (issue 13).
  /** The SSH key the profile's next connect offers first (its identity file, else OpenSSH's first default there). */
  'security:ssh-key': { args: z.tuple([z.object({ profileId: z.string() })]), result: sshKeyStateSchema },
  /**
   * Writes a new Ed25519 key where OpenSSH looks (never over an existing file) and makes it the profile's identity
   * file. The passphrase (optional) is never logged, stored or returned.
   */
  'security:generate-key': {
    args: z.tuple([
      z.object({
        profileId: z.string(),
        passphrase: z
          .string()
          .max(MAX_PASSPHRASE_LENGTH, {
            error: `The passphrase is longer than ${MAX_PASSPHRASE_LENGTH} characters; choose a shorter one.`,
          })
          .optional(),
      }),
    ]),
    result: z.object({ key: sshKeySchema, profile: profileSchema }),
  },
  /** Appends the profile's public key to the host's ~/.ssh/authorized_keys over the live SSH link, once. */
  'security:install-key': { args: z.tuple([z.object({ profileId: z.string() })]), result: installedKeySchema },
  /** Who gets in: the Gateway's connected clients and paired devices, the host's last SSH logins (live link). */
  'security:who': { args: z.tuple([z.object({ profileId: z.string() })]), result: whoGetsInSchema },
  /**
   * The person dismissed a problem the window showed (the unencrypted-secrets notice, a damaged file set aside): it is
   * remembered in the settings file, so `settings:problems` leaves it out after a reload or a restart. The same kind
   * with other words (another file set aside) is another problem, and shows.
   */
  'settings:dismiss-notice': {
    args: z.tuple([z.object({ kind: z.string().min(1).max(200), message: z.string().min(1).max(4000) })]),
    result: z.null(),
  },
  /**
   * One page of the connected profile's Gateway log through its `logs.tail` (the primary profile without an id):
   * without `cursor` the newest `windowBytes` (a wider window reaches older lines), with it what was written since.
   * Every secret the app holds is redacted from each line. Needs the profile connected, and operator.read.
   */
  'gateway-log:tail': {
    args: z.tuple([
      z.object({
        profileId: z.string().optional(),
        cursor: z.number().int().nonnegative().optional(),
        windowBytes: z.number().int().min(1).max(GATEWAY_LOG_MAX_WINDOW_BYTES).optional(),
        limit: z.number().int().min(1).max(GATEWAY_LOG_MAX_LINES).optional(),
      }),
    ]),
    result: gatewayLogPageSchema,
  },
  // The native open panel for an identity file (issue 14).
  /**
   * Asks the person for an SSH identity file in the host's native open panel (in ~/.ssh, hidden files shown) and
   * returns its path (`~/…` under the home folder), or null when they cancelled. Only the Electron app has the panel;
   * other hosts refuse with `no-native-panel`.
   */
  'profiles:choose-identity-file': { args: z.tuple([]), result: z.object({ path: z.string().nullable() }) },
} as const satisfies Record<RequestChannel, { args: z.ZodTuple; result: z.ZodType }>;

export const events = {
  /** A new entry in the app's log. */
  'log:entry': logEntrySchema,
  /** The live connection changed. */
  'connection:status': connectionStatusSchema,
  /** The tailnet changed, while a window watches it. */
  'tailscale:status': tailnetStatusSchema,
  /** A question for the person (trust a host key, a key's passphrase); answered with `prompt:answer`. */
  'prompt:request': promptRequestSchema,
  /** One step of a running `doctor:run`, as soon as it finished. */
  'doctor:step': doctorStepSchema,
  /** The menu bar's Run Diagnostics…: the open window shows Diagnostics and runs it. */
  'window:run-diagnostics': z.object({}),
} as const satisfies Record<EventName, z.ZodType>;

/** What a handler receives: the arguments after the schema filled in defaults. */
export type RequestArgs<C extends RequestChannel> = z.infer<(typeof requests)[C]['args']>;
/** What a caller sends: fields with defaults may be left out. */
export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]['args']>;
export type RequestResult<C extends RequestChannel> = z.infer<(typeof requests)[C]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** What the renderer sees as `window.api`, from the preload or from the WebSocket bridge alike. */
export interface Api {
  invoke<C extends RequestChannel>(channel: C, ...args: RequestInput<C>): Promise<Result<RequestResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

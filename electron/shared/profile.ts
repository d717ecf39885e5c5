// A saved remote Gateway (a profile) and the route that reaches it, as the settings file, the IPC contract, the CLI
// and the window all see it. The schema checks every field's shape with a sentence a person can act on; checks that
// need the machine (the SSH target's grammar, the identity file on disk) live in services/profiles.
import { z } from 'zod';
import { DEFAULT_LOCAL_PORT, DEFAULT_REMOTE_PORT, insecureUrlWarning, parseGatewayUrl } from './gateway-url';
import { networkScopeOf } from './network-scope';

function portField(what: string) {
  const range = `${what} must be a whole number from 1 to 65535.`;
  return z.number({ error: range }).int({ error: range }).min(1, { error: range }).max(65535, { error: range });
}

/** 0 asks for any free port, as `--local-port 0` does. */
const localPortField = z
  .number({ error: 'The local port must be a whole number from 0 to 65535 (0 picks any free port).' })
  .int({ error: 'The local port must be a whole number from 0 to 65535 (0 picks any free port).' })
  .min(0, { error: 'The local port must be a whole number from 0 to 65535 (0 picks any free port).' })
  .max(65535, { error: 'The local port must be a whole number from 0 to 65535 (0 picks any free port).' });

/** Beyond these a dead link would go unnoticed for many minutes; NATs forget idle flows far sooner. */
export const MAX_KEEPALIVE_INTERVAL_SECONDS = 300;
export const MAX_KEEPALIVE_COUNT = 30;

function keepaliveField(what: string, min: number, max: number) {
  const range = `${what} must be a whole number from ${min} to ${max}.`;
  return z.number({ error: range }).int({ error: range }).min(min, { error: range }).max(max, { error: range });
}

const nonEmpty = (what: string) => z.string({ error: `${what} must be text.` }).min(1, { error: `${what} is empty.` });

/** `sha256:` and the certificate's SHA-256 in hex, as OpenClaw's gateway.remote.tlsFingerprint holds it. */
export const TLS_FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{64}$/u;

/** Text-direction controls (U+202E and friends) make a name or host display as something it is not. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** The longest name DNS allows. */
const MAX_HOST_LENGTH = 253;

const gatewayUrlField = z
  .string({ error: 'The Gateway URL must be text.' })
  .max(2048, { error: 'The Gateway URL is longer than 2048 characters.' })
  .refine((text) => parseGatewayUrl(text) !== undefined, {
    error: 'The Gateway URL must be a ws:// or wss:// URL with a host, such as wss://gateway.example.ts.net.',
  })
  .refine((text) => (parseGatewayUrl(text)?.host.length ?? 0) <= MAX_HOST_LENGTH, {
    error: `The Gateway URL's host is longer than ${MAX_HOST_LENGTH} characters, more than any DNS name can be.`,
  });

// Objects are strict: a key the schema does not know (a typo in a hand-edited settings file, a field from a newer
// version) is refused with its name rather than silently dropped on the next save.
export const sshRouteSchema = z.strictObject({
  kind: z.literal('ssh'),
  /** user@host[:port], [IPv6]:port or a ~/.ssh/config alias. */
  target: nonEmpty('The SSH target')
    .max(255, { error: 'The SSH target is longer than 255 characters.' })
    .refine((target) => !BIDI_CONTROLS.test(target), {
      error:
        'The SSH target holds a text-direction control character (such as U+202E), which can make it show as ' +
        'another host than the one connected to; type it again by hand.',
    }),
  /** Overrides the port in the target and in ~/.ssh/config. */
  sshPort: portField('The SSH port').optional(),
  identityFile: nonEmpty('The identity file path').optional(),
  localPort: localPortField.default(DEFAULT_LOCAL_PORT),
  remotePort: portField('The remote Gateway port').default(DEFAULT_REMOTE_PORT),
  /** When the local port is taken, listen on any free port instead of failing. */
  useEphemeralPortIfBusy: z.boolean().default(false),
  /** Password and keyboard-interactive login; off unless the user turns it on. */
  allowPassword: z.boolean().default(false),
  /** Seconds between keepalives (ServerAliveInterval); absent: ~/.ssh/config's, else the app's 15 s. */
  keepaliveIntervalSeconds: keepaliveField('The keepalive interval', 1, MAX_KEEPALIVE_INTERVAL_SECONDS).optional(),
  /** Unanswered keepalives before the link counts as dead (ServerAliveCountMax); absent: as for the interval. */
  keepaliveCountMax: keepaliveField('The number of missed keepalives', 1, MAX_KEEPALIVE_COUNT).optional(),
});

const tailscaleViaUrlSchema = z
  .strictObject({ kind: z.literal('url'), url: gatewayUrlField })
  .superRefine((via, context) => {
    const url = parseGatewayUrl(via.url);
    // ws:// is fine inside the tailnet, where WireGuard encrypts it; a public host is no tailnet device, and this route
    // has no "accept the risk" switch.
    if (url && !url.secure && networkScopeOf(url.host) === 'public') {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          `ws:// to ${url.host} leaves the tailnet, so the Gateway token would cross the internet unencrypted. ` +
          "Use the device's MagicDNS name (….ts.net) or its 100.x address, or wss://.",
      });
    }
  });

const tailscaleViaSshSchema = sshRouteSchema.omit({ kind: true }).extend({
  kind: z.literal('ssh'),
  /** The device's SSH host keys as Tailscale publishes them (`ssh-ed25519 AAAA…`), trusted without asking. */
  hostKeys: z.array(nonEmpty('A published host key')).default([]),
});

export const tailscaleRouteSchema = z.strictObject({
  kind: z.literal('tailscale'),
  /** The device's stable ID from `tailscale status --json`, which survives renames and key rotation. */
  deviceId: nonEmpty('The Tailscale device ID'),
  deviceName: nonEmpty('The Tailscale device name'),
  via: z.discriminatedUnion('kind', [tailscaleViaUrlSchema, tailscaleViaSshSchema], {
    error: 'A Tailscale route reaches the Gateway through "url" or "ssh".',
  }),
});

export const directRouteSchema = z
  .strictObject({
    kind: z.literal('direct'),
    url: gatewayUrlField,
    tlsFingerprint: z
      .string()
      .regex(TLS_FINGERPRINT_PATTERN, {
        error: 'The certificate pin must be "sha256:" followed by 64 hex digits (the SHA-256 of the certificate).',
      })
      .optional(),
    /** The user read the warning and still wants ws:// to a public host. */
    acceptInsecure: z.boolean().default(false),
  })
  .superRefine((route, context) => {
    const url = parseGatewayUrl(route.url);
    if (!url) return;
    if (url.secure === false && route.tlsFingerprint !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['tlsFingerprint'],
        message: 'A certificate pin needs a wss:// URL; ws:// has no certificate to pin.',
      });
    }
    if (!url.secure && networkScopeOf(url.host) === 'public' && !route.acceptInsecure) {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message: insecureUrlWarning(url.host),
      });
    }
  });

export const routeSchema = z.discriminatedUnion('kind', [sshRouteSchema, tailscaleRouteSchema, directRouteSchema], {
  error: 'The route must be one of "ssh", "tailscale" or "direct".',
});

export const PROFILE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/u;

export const profileSchema = z.strictObject({
  id: z.string().regex(PROFILE_ID_PATTERN, { error: 'A profile ID is lowercase letters, digits and dashes.' }),
  name: z
    .string({ error: 'The profile name must be text.' })
    .min(1, { error: 'The profile name is empty.' })
    .max(64, { error: 'The profile name is longer than 64 characters.' })
    .refine((name) => name.trim() === name && !/[\p{Cc}]/u.test(name) && !BIDI_CONTROLS.test(name), {
      error: 'The profile name cannot start or end with spaces or hold control or text-direction characters.',
    }),
  route: routeSchema,
  /** Also point the OpenClaw CLI on this Mac (~/.openclaw/openclaw.json) at this profile's Gateway. */
  configureOpenclaw: z.boolean().default(false),
});

export type SshRoute = z.infer<typeof sshRouteSchema>;
export type TailscaleRoute = z.infer<typeof tailscaleRouteSchema>;
export type DirectRoute = z.infer<typeof directRouteSchema>;
export type Route = z.infer<typeof routeSchema>;
export type Profile = z.infer<typeof profileSchema>;
/** What a caller supplies: defaults (ports 18789, switches off) are filled in by the schema. */
export type ProfileInput = z.input<typeof profileSchema>;

// The tailnet as this app shows it, read from `tailscale status --json`: the backend state with a sentence and the
// next step, this device, the tailnet's name and MagicDNS suffix, health warnings, and the devices a picker lists
// (keyed by stable ID, with the CLI's own hiding of sharee nodes and Mullvad exit nodes).
import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { appError, failure, success, type Result } from '../../../shared/errors';
import { cliFailure, errorLine, extractJsonObject, unusableAnswer, type CliOutcome } from './cli-runner';

export type TailnetStateKind =
  | 'running'
  | 'needs-login'
  | 'stopped'
  | 'needs-machine-auth'
  | 'starting'
  | 'in-use-other-user'
  | 'daemon-not-running'
  | 'unknown';

export interface TailnetAction {
  /**
   * `log-in`: open `url` (the login page Tailscale asked for) or start a login; `start`: turn Tailscale on
   * (`tailscale up`); `start-tailscale`: launch the Tailscale app or daemon; `wait-for-admin`: nothing to click,
   * an admin has to approve this Mac.
   */
  kind: 'log-in' | 'start' | 'start-tailscale' | 'wait-for-admin';
  label: string;
  url?: string;
}

/** How traffic reaches a device right now, as the CLI's status column tells it. */
export type Connection = 'direct' | 'relayed' | 'peer-relay' | 'idle' | 'offline';

export interface TailnetDevice {
  /** The StableNodeID: unlike the node key, it survives re-authentication, so selections are saved by it. */
  id: string;
  /** The MagicDNS name without the tailnet suffix, as `tailscale status` prints it. */
  name: string;
  /** The full MagicDNS name without its trailing dot; empty when the device has none. */
  dnsName: string;
  hostName: string;
  os: string;
  ips: string[];
  online: boolean;
  /** When an offline device was last seen (ISO 8601). */
  lastSeen?: string;
  connection: Connection;
  /** The DERP region traffic goes through, when relayed. */
  relay?: string;
  /** The owner's login name; the pseudo-user `tagged-devices` for tagged devices. */
  owner?: string;
  tags: string[];
  /** When the device's node key expires (ISO 8601); absent when expiry is disabled. */
  keyExpiry?: string;
  keyWarning?: 'expired' | 'expiring-soon';
  /** Host keys when the device runs Tailscale SSH: they verify its SSH server without trust on first use. */
  sshHostKeys: string[];
  /** Set by Gateway discovery when an OpenClaw Gateway answered at `url`. */
  gateway?: { url: string };
}

export interface TailnetStatus {
  state: TailnetStateKind;
  /** BackendState as the CLI reported it; absent when the daemon could not be asked. */
  backendState?: string;
  /** What is going on, in words a person understands. */
  sentence: string;
  /** The next step, when there is one. */
  action?: TailnetAction;
  /** What the CLI said, when its words explain the state (the daemon's connection error). */
  detail?: string;
  self?: TailnetDevice;
  tailnet?: { name: string; magicDnsSuffix: string; magicDnsEnabled: boolean };
  health: string[];
  /** The other devices, sorted by name. */
  devices: TailnetDevice[];
}

/** A key expiring within this is worth a warning: a week leaves time to renew it in the admin console. */
const KEY_WARNING_MS = 7 * 24 * 60 * 60 * 1000;
/** Go's zero time, which the CLI prints for timestamps it does not have. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const DAEMON_DOWN = /failed to connect to local (Tailscale|tailscaled)/i;

// Every field but a peer's ID may be missing: the CLI warns that this format changes between releases.
const peerSchema = z.object({
  ID: z.string().min(1),
  HostName: z.string().default(''),
  DNSName: z.string().default(''),
  OS: z.string().default(''),
  UserID: z.number().optional(),
  AltSharerUserID: z.number().optional(),
  TailscaleIPs: z.array(z.string()).nullish(),
  Tags: z.array(z.string()).nullish(),
  CurAddr: z.string().default(''),
  Relay: z.string().default(''),
  PeerRelay: z.string().default(''),
  LastSeen: z.string().optional(),
  Online: z.boolean().default(false),
  Active: z.boolean().default(false),
  ExitNode: z.boolean().default(false),
  ExitNodeOption: z.boolean().default(false),
  ShareeNode: z.boolean().default(false),
  Expired: z.boolean().default(false),
  KeyExpiry: z.string().optional(),
  sshHostKeys: z.array(z.string()).nullish(),
});

type PeerStatus = z.infer<typeof peerSchema>;

const statusSchema = z.object({
  BackendState: z.string(),
  AuthURL: z.string().default(''),
  // A logged-out Self has no node yet, so no ID.
  Self: peerSchema.extend({ ID: z.string().default('') }).nullish(),
  Health: z.array(z.string()).nullish(),
  MagicDNSSuffix: z.string().default(''),
  CurrentTailnet: z
    .object({
      Name: z.string(),
      MagicDNSSuffix: z.string().default(''),
      MagicDNSEnabled: z.boolean().default(false),
    })
    .nullish(),
  Peer: z.record(z.string(), peerSchema).nullish(),
  User: z.record(z.string(), z.object({ LoginName: z.string().default('') })).nullish(),
});

type RawStatus = z.infer<typeof statusSchema>;

/** The tailnet from one run of `tailscale status --json` by the CLI at `path`. */
export function statusFromCli(path: string, outcome: CliOutcome, now: number): Result<TailnetStatus> {
  const command = 'status --json';
  if (outcome.kind === 'exited' && outcome.code !== 0 && DAEMON_DOWN.test(outcome.stderr)) {
    return success(daemonNotRunning(errorLine(outcome.stderr)));
  }
  if (outcome.kind !== 'exited' || outcome.code !== 0) return failure(cliFailure(path, command, outcome));
  const json = extractJsonObject(outcome.stdout);
  if (json === undefined) return failure(unusableAnswer(path, command, outcome.stdout));
  const parsed = statusSchema.safeParse(json);
  if (!parsed.success) {
    return failure(
      appError(
        'tailscale-status-invalid',
        `Tailscale's status ("tailscale ${command}") is not in the shape this app reads: ` +
          `${describeIssues(parsed.error)}.`,
        'Tailscale may have changed its format in a newer version. Update OpenClaw Remote, and report this if it ' +
          'persists.',
      ),
    );
  }
  return success(buildStatus(parsed.data, now));
}

function daemonNotRunning(detail: string): TailnetStatus {
  return {
    state: 'daemon-not-running',
    sentence: 'Tailscale is not running on this Mac.',
    action: { kind: 'start-tailscale', label: 'Start Tailscale' },
    ...(detail ? { detail } : {}),
    health: [],
    devices: [],
  };
}

function buildStatus(raw: RawStatus, now: number): TailnetStatus {
  const current = raw.CurrentTailnet;
  const suffix = current?.MagicDNSSuffix || raw.MagicDNSSuffix;
  const owners = new Map(Object.entries(raw.User ?? {}).map(([id, user]) => [Number(id), user.LoginName]));
  const device = (peer: PeerStatus) => toDevice(peer, suffix, owners, now);
  const devices = Object.values(raw.Peer ?? {})
    .filter((peer) => !hiddenByCli(peer))
    .map(device)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const tailnet = current
    ? { name: current.Name, magicDnsSuffix: current.MagicDNSSuffix, magicDnsEnabled: current.MagicDNSEnabled }
    : undefined;
  return {
    ...describeState(raw.BackendState, raw.AuthURL, tailnet?.name),
    backendState: raw.BackendState,
    ...(raw.Self?.ID ? { self: device(raw.Self) } : {}),
    ...(tailnet ? { tailnet } : {}),
    health: raw.Health ?? [],
    devices,
  };
}

function describeState(
  backendState: string,
  authUrl: string,
  tailnetName: string | undefined,
): Pick<TailnetStatus, 'state' | 'sentence' | 'action'> {
  switch (backendState) {
    case 'Running':
      return {
        state: 'running',
        sentence: tailnetName ? `Connected to the tailnet ${tailnetName}.` : 'Connected to Tailscale.',
      };
    case 'NeedsLogin':
      return {
        state: 'needs-login',
        sentence: 'Tailscale is logged out on this Mac.',
        action: { kind: 'log-in', label: 'Log in to Tailscale', ...(authUrl ? { url: authUrl } : {}) },
      };
    case 'Stopped':
      return {
        state: 'stopped',
        sentence: 'Tailscale is turned off on this Mac.',
        action: { kind: 'start', label: 'Turn Tailscale on' },
      };
    case 'NeedsMachineAuth':
      return {
        state: 'needs-machine-auth',
        sentence: 'This Mac is waiting for an admin of the tailnet to approve it.',
        action: { kind: 'wait-for-admin', label: 'Ask a tailnet admin to approve this Mac in the admin console' },
      };
    case 'Starting':
    case 'NoState':
      return { state: 'starting', sentence: 'Tailscale is starting.' };
    case 'InUseOtherUser':
      return { state: 'in-use-other-user', sentence: 'Tailscale is in use by another user of this Mac.' };
    default:
      return { state: 'unknown', sentence: `Tailscale reports a state this app does not know: ${backendState}.` };
  }
}

/** `tailscale status` leaves out sharee nodes and the Mullvad exit nodes not in use; so does the picker. */
function hiddenByCli(peer: PeerStatus): boolean {
  const mullvad = peer.ExitNodeOption && !peer.ExitNode && peer.DNSName.endsWith('.mullvad.ts.net.');
  return peer.ShareeNode || mullvad;
}

function toDevice(peer: PeerStatus, suffix: string, owners: Map<number, string>, now: number): TailnetDevice {
  const dnsName = peer.DNSName.replace(/\.$/, '');
  const ownerId = peer.AltSharerUserID || peer.UserID;
  const owner = ownerId ? owners.get(ownerId) : undefined;
  const lastSeen = !peer.Online && peer.LastSeen && peer.LastSeen !== GO_ZERO_TIME ? peer.LastSeen : undefined;
  const connection = connectionOf(peer);
  const keyExpiry = peer.KeyExpiry && peer.KeyExpiry !== GO_ZERO_TIME ? peer.KeyExpiry : undefined;
  const keyWarning = keyWarningOf(peer.Expired, keyExpiry, now);
  return {
    id: peer.ID,
    name: shortName(dnsName, suffix, peer.HostName),
    dnsName,
    hostName: peer.HostName,
    os: peer.OS,
    ips: peer.TailscaleIPs ?? [],
    online: peer.Online,
    ...(lastSeen ? { lastSeen } : {}),
    connection,
    ...(connection === 'relayed' ? { relay: peer.Relay } : {}),
    ...(owner ? { owner } : {}),
    tags: peer.Tags ?? [],
    ...(keyExpiry ? { keyExpiry } : {}),
    ...(keyWarning ? { keyWarning } : {}),
    sshHostKeys: peer.sshHostKeys ?? [],
  };
}

/** The CLI names a path only for active peers; an online peer with no traffic lately is idle. */
function connectionOf(peer: PeerStatus): Connection {
  if (!peer.Online) return 'offline';
  if (peer.CurAddr) return 'direct';
  if (peer.PeerRelay) return 'peer-relay';
  if (peer.Active && peer.Relay) return 'relayed';
  return 'idle';
}

function keyWarningOf(expired: boolean, keyExpiry: string | undefined, now: number): TailnetDevice['keyWarning'] {
  if (expired) return 'expired';
  const at = keyExpiry ? Date.parse(keyExpiry) : NaN;
  if (Number.isNaN(at)) return undefined;
  if (at <= now) return 'expired';
  return at - now < KEY_WARNING_MS ? 'expiring-soon' : undefined;
}

/** `DNSName` minus the tailnet's suffix, or `(hostname)` when that leaves nothing, as `tailscale status` does. */
function shortName(dnsName: string, suffix: string, hostName: string): string {
  const short = suffix && dnsName.endsWith(`.${suffix}`) ? dnsName.slice(0, -suffix.length - 1) : dnsName;
  if (short) return short;
  const sanitized = hostName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `(${sanitized || 'unnamed'})`;
}

/** The device's tailnet IPv4, the address to connect by: it needs no MagicDNS. */
export function tailnetIPv4(device: TailnetDevice): string | undefined {
  return device.ips.find((ip) => isIPv4(ip));
}

/** Where the status failed its schema, node keys shortened so the message stays readable. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map((part) => {
        const text = String(part);
        return text.startsWith('nodekey:') ? `${text.slice(0, 20)}…` : text;
      });
      return `${path.join('.') || 'the top level'}: ${issue.message}`;
    })
    .join('; ');
}

// The shapes the SSH service's parts hand each other: a resolved OpenSSH configuration for one target,
// the requests the tunnel raises for a person to answer (trust a host key, give a passphrase), and the
// tunnel's states and counters as views show them.
import type { LinkState } from '../../../shared/link-state';

/** What OpenSSH would use to reach one target, after ~/.ssh/config (and `ssh -G`) are applied. */
export interface ResolvedSshConfig {
  /** The target as the user typed it (alias or user@host[:port]). */
  target: string;
  hostname: string;
  port: number;
  user: string;
  /** Absolute paths, `~` already expanded against Node's HOME, in OpenSSH's order. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** The agent socket to use (IdentityAgent, else SSH_AUTH_SOCK), or undefined for none. */
  identityAgent: string | undefined;
  /** ProxyJump hops, first hop first, each as a target string for its own resolution. */
  proxyJump: string[];
  /** Seconds; 0 = off. The app's own default (15 s, 3 misses) applies when the config sets none. */
  serverAliveInterval: number;
  serverAliveCountMax: number;
  /** Seconds, or undefined when the config sets none. */
  connectTimeout: number | undefined;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  strictHostKeyChecking: 'yes' | 'no' | 'ask' | 'accept-new';
  hashKnownHosts: boolean;
  /** HostKeyAlias: the name host keys are stored and looked up under, if set. */
  hostKeyAlias: string | undefined;
}

/** An unknown host key, waiting for a person's decision. */
export interface HostTrustRequest {
  host: string;
  port: number;
  keyType: string;
  /** OpenSSH's format: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
  fingerprint: string;
  /** Where the entry will be written on approval. */
  knownHostsFile: string;
  /** Key types already on file for this host, when none is of the offered type: the host is not new to the
   * person, so the dialog should say that keys of another type are known (as ssh(1) does). */
  otherKeyTypesKnown?: string[];
}

/** An encrypted private key, waiting for its passphrase. */
export interface PassphraseRequest {
  keyFile: string;
}

/**
 * The kind of AppFailure a prompt throws when there is nobody to ask (no terminal, nobody at the window in time): its
 * message says why, its hint what to do instead. A refusal is a person's answer; this is the absence of one.
 */
export const PROMPT_UNANSWERED = 'prompt-unanswered';

/** How the app asks a person things while connecting; each answer may take as long as the person does. */
export interface SshPrompts {
  /** Resolve true to trust and record the key, false to refuse and close. */
  trustHostKey(request: HostTrustRequest): Promise<boolean>;
  /** Resolve the passphrase, or undefined to skip this key. Held in memory only. */
  passphrase(request: PassphraseRequest): Promise<string | undefined>;
  /** Only asked when the profile allows password or keyboard-interactive authentication. */
  password?(request: { user: string; host: string; prompt: string }): Promise<string | undefined>;
}

/** Where a tunnel that is up forwards from and to. */
export interface Forwarding {
  localPort: number;
  remoteHost: string;
  remotePort: number;
}

export type TunnelState = LinkState<Forwarding>;

export interface TunnelCounters {
  bytesToRemote: number;
  bytesFromRemote: number;
  openChannels: number;
  acceptedSockets: number;
  reconnects: number;
  /** Round trip of the last keepalive, in ms, if one has completed. */
  keepaliveRttMs: number | undefined;
}

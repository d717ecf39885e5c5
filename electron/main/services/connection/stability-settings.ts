// The settings that steady a link which drops often, chosen from why it dropped: drops after unanswered keepalives
// call for tolerating more missed replies; an idle link closed by the peer or a NAT calls for keepalives more often.
// One choice for the doctor's advice and the action that applies it.
import { MAX_KEEPALIVE_COUNT, type Profile, type Route } from '../../../shared/profile';
import type { StabilityHistory } from '../../../shared/stability';
import { keepaliveOf } from '../ssh/connect';
import { resolveSshConfig, type SshConfigDeps } from '../ssh/ssh-config';
import { sshSettingsForProfile } from './route-for-profile';
import { withProfileOverrides } from './ssh-route';

export interface KeepaliveSettings {
  intervalSeconds: number;
  countMax: number;
}

export interface KeepaliveProposal extends KeepaliveSettings {
  /** Why these values, in a sentence. */
  because: string;
}

/** Keepalives this often keep a NAT's or firewall's idle timer (often 30–60 s) from ever running out. */
const STEADY_INTERVAL_SECONDS = 10;
const SHORTEST_INTERVAL_SECONDS = 5;
/** With a 10–15 s interval, six missed replies ride out a minute-long stall (Wi-Fi roaming, a sleeping hop). */
const STEADY_COUNT_MAX = 6;

/** A drop that followed replies that never came, as the SSH keepalive and the Gateway's ping report it. */
const MISSED_REPLIES = /keepalive timeout|did not answer|timed out/iu;

export function steadierKeepalive(events: StabilityHistory['events'], current: KeepaliveSettings): KeepaliveProposal {
  const drops = events.filter((event) => event.kind === 'drop');
  const timeouts = drops.filter((drop) => MISSED_REPLIES.test(drop.reason ?? '')).length;
  const closed = drops.length - timeouts;
  const moreReplies = Math.min(Math.max(current.countMax * 2, STEADY_COUNT_MAX), MAX_KEEPALIVE_COUNT);
  const shorter =
    current.intervalSeconds > STEADY_INTERVAL_SECONDS
      ? STEADY_INTERVAL_SECONDS
      : Math.max(SHORTEST_INTERVAL_SECONDS, Math.floor(current.intervalSeconds / 2));
  if (drops.length === 0) {
    return {
      intervalSeconds: Math.min(current.intervalSeconds, STEADY_INTERVAL_SECONDS),
      countMax: Math.max(current.countMax, STEADY_COUNT_MAX),
      because:
        'No drop of this link is on record here, so both: keepalives often enough for NATs, and patience for stalls.',
    };
  }
  const reasons: string[] = [];
  if (timeouts > 0) reasons.push(`${count(timeouts, 'drop')} after unanswered keepalives: allow more missed replies`);
  if (closed > 0)
    reasons.push(`${count(closed, 'drop')} of a link closed by the far end or a NAT: send keepalives more often`);
  return {
    intervalSeconds: closed > 0 ? shorter : current.intervalSeconds,
    countMax: timeouts > 0 ? moreReplies : current.countMax,
    because: `${reasons.join('; ')}.`,
  };
}

/** The route with its SSH keepalive set; a URL route has none and is returned as it is. */
export function withKeepalive(route: Route, settings: KeepaliveSettings): Route {
  const fields = { keepaliveIntervalSeconds: settings.intervalSeconds, keepaliveCountMax: settings.countMax };
  if (route.kind === 'ssh') return { ...route, ...fields };
  if (route.kind === 'tailscale' && route.via.kind === 'ssh') return { ...route, via: { ...route.via, ...fields } };
  return route;
}

/** In the words ssh_config uses, so the same can be set there by hand. */
export function describeKeepalive(settings: KeepaliveSettings): string {
  return `a keepalive every ${settings.intervalSeconds} s (ServerAliveInterval), ${settings.countMax} missed replies allowed (ServerAliveCountMax)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What `steadierKeepalive` proposes for a profile that reaches its host over SSH, from the keepalive it runs with now
 * (the profile's own, else ~/.ssh/config's, else the app's); undefined for a URL profile, which has no keepalive.
 */
export async function proposeKeepalive(
  profile: Profile,
  history: StabilityHistory,
  sshConfig: SshConfigDeps,
): Promise<KeepaliveProposal | undefined> {
  const ssh = sshSettingsForProfile(profile);
  if (!ssh) return undefined;
  const config = withProfileOverrides(await resolveSshConfig(ssh.target, sshConfig), ssh, sshConfig.home);
  return steadierKeepalive(history.events, keepaliveOf(config));
}

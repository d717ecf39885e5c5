// The names of every request channel and event, without their schemas, so the sandboxed preload can
// allowlist them without bundling the schema library. contract.ts is checked against these lists.
export const REQUEST_CHANNELS = [
  'app:info',
  'log:recent',
  'settings:problems',
  'profiles:list',
  'profiles:get',
  'profiles:save',
  'profiles:remove',
  'profiles:set-primary',
  'profiles:fetch-token',
  'profiles:apply-stability-settings',
  'connection:status',
  'connection:connect',
  'connection:disconnect',
  'connection:retry-now',
  'connection:stability',
  'tailscale:scan',
  'tailscale:watch',
  'tailscale:tailnets',
  'tailscale:switch',
  'tailscale:use-device',
  'openclaw:import-offer',
  'openclaw:import',
  'prompt:answer',
  'doctor:run',
  'doctor:export',
  'doctor:free-port',
  'security:overview',
  'security:forget-host-key',
  'security:forget-device-token',
  // The Security page's access sections (issue 13).
  'security:ssh-key',
  'security:generate-key',
  'security:install-key',
  'security:who',
  'settings:dismiss-notice',
  'gateway-log:tail',
  // The native open panel for an identity file (issue 14).
  'profiles:choose-identity-file',
] as const;
export const EVENT_NAMES = [
  'log:entry',
  'connection:status',
  'tailscale:status',
  'prompt:request',
  'doctor:step',
  // The menu bar's Run Diagnostics… for an open window (issue 14).
  'window:run-diagnostics',
] as const;

/**
 * The fragment a Settings window opened by the menu bar's Run Diagnostics… starts from: a window opened now would
 * miss the `window:run-diagnostics` event sent before its page listens.
 */
export const RUN_DIAGNOSTICS_HASH = 'run-diagnostics';

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

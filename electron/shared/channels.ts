// The names of every request channel and event, without their schemas, so the sandboxed preload can
// allowlist them without bundling the schema library. contract.ts is checked against these lists.
export const REQUEST_CHANNELS = ['app:info', 'log:recent'] as const;
export const EVENT_NAMES = ['log:entry'] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

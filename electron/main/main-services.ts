// Builds the plain-Node core that both hosts share — the log, the event bus, the handlers and the router —
// from facts about the runtime the caller supplies. The Electron composition root and the browser host
// each wrap this in their own transport; nothing here knows which one it is running under.
import type { AppInfo } from '../shared/app-info';
import { createEventBus, type EventBus } from './event-bus';
import { createRouter, type Handlers, type Router } from './router';
import { createAppLog, type AppLog } from './services/log/app-log';

export interface RuntimeFacts {
  appInfo: AppInfo;
  /** Mirror of log lines to a text stream, if the host wants one. */
  mirrorLog?: (line: string) => void;
}

export interface MainServices {
  log: AppLog;
  events: EventBus;
  router: Router;
}

const LOG_CAPACITY = 2000;

export function createMainServices({ appInfo, mirrorLog }: RuntimeFacts): MainServices {
  // The bus needs the log for dropped events and the log feeds the bus, so the bus reports through a
  // late-bound logger rather than the log itself.
  let reportInvalidEvent: (message: string) => void = () => {};
  const events = createEventBus((message) => reportInvalidEvent(message));
  const log = createAppLog({
    capacity: LOG_CAPACITY,
    now: () => new Date(),
    onEntry: (entry) => events.emit('log:entry', entry),
    ...(mirrorLog ? { mirror: mirrorLog } : {}),
  });
  const eventsLog = log.logger('events');
  reportInvalidEvent = (message) => eventsLog.error(message);

  const handlers: Handlers = {
    'app:info': () => appInfo,
    'log:recent': ({ limit }) => log.recent(limit),
  };
  const router = createRouter(handlers, { log: log.logger('router') });
  log
    .logger('app')
    .info(`OpenClaw Remote ${appInfo.version} started (${appInfo.host} host, data in ${appInfo.dataDir})`);
  return { log, events, router };
}

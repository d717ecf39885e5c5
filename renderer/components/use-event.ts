// React hooks over the contract's events: one to run a callback on each event while mounted, one for the live
// connection status (the `connection:status` request for the first value, then every `connection:status` event).
import { useEffect, useRef, useState } from 'react';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import type { EventName, EventPayload } from '../../electron/shared/contract';
import type { AppError } from '../../electron/shared/errors';
import { api } from '../api';

/** Calls `listener` for every `event` while the component is mounted; the newest `listener` is always the one used. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const current = useRef(listener);
  useEffect(() => {
    current.current = listener;
  });
  useEffect(() => api.on(event, (payload) => current.current(payload)), [event]);
}

export interface LiveStatus {
  status: ConnectionStatus | undefined;
  /** Why the first status could not be read. */
  error: AppError | undefined;
  /** Takes a status a request returned (connect, disconnect, retry-now) as the newest one. */
  accept: (status: ConnectionStatus) => void;
}

export function useConnectionStatus(): LiveStatus {
  const [status, setStatus] = useState<ConnectionStatus | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const eventSeen = useRef(false);
  useEvent('connection:status', (next) => {
    eventSeen.current = true;
    setStatus(next);
  });
  useEffect(() => {
    let mounted = true;
    void api.invoke('connection:status').then((result) => {
      // An event that arrived while the request was under way is newer than its answer.
      if (!mounted || eventSeen.current) return;
      if (result.ok) setStatus(result.value);
      else setError(result.error);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return { status, error, accept: setStatus };
}

/** The current time, ticking every second while `ticking` is true (for countdowns). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

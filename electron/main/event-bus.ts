// Main-process events on their way to every open window: each payload is checked against the contract
// before any transport sees it, so a window never receives a malformed event.
import { events, type EventName, type EventPayload } from '../shared/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(onInvalid: (message: string) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        onInvalid(`Dropped event ${name}: ${parsed.error.issues[0]?.message ?? 'invalid payload'}`);
        return;
      }
      for (const listener of [...listeners]) listener(name, parsed.data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

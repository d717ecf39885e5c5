// Events reach every subscriber only when their payload matches the contract.
import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../electron/main/event-bus';
import type { LogEntry } from '../../electron/shared/log-entry';

const entry: LogEntry = { seq: 1, time: '2026-01-01T00:00:00.000Z', level: 'info', source: 'test', message: 'hi' };

describe('event bus', () => {
  it('delivers a valid event to every subscriber until it unsubscribes', () => {
    const bus = createEventBus(() => {});
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bus.subscribe(first);
    bus.subscribe(second);
    bus.emit('log:entry', entry);
    stopFirst();
    bus.emit('log:entry', { ...entry, seq: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith('log:entry', entry);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('drops an invalid payload and reports why', () => {
    const onInvalid = vi.fn();
    const bus = createEventBus(onInvalid);
    const listener = vi.fn();
    bus.subscribe(listener);
    bus.emit('log:entry', { ...entry, level: 'loud' } as unknown as LogEntry);
    expect(listener).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledWith(expect.stringContaining('Dropped event log:entry'));
  });
});

// The real clock: wall time and Node's timers behind the Clock that services are given, so that no service reaches
// for real time by itself. It is the real System's clock (node-system.ts), and tests of real peers use it alone.
import type { Clock } from '../services/system/clock';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};

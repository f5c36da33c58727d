import { describe, expect, it } from 'vitest';
import { createCloseGate } from '../../../electron/main/close-gate';

function harness(timeoutMs = 3000) {
  const log: string[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const gate = createCloseGate({
    requestFlush: (id) => log.push(`flush ${id}`),
    close: () => log.push('close'),
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
    timeoutMs,
  });
  return { gate, log, timers };
}

describe('the desktop flushes before quitting', () => {
  it('holds the first close, asks the renderer to flush, closes when it answers', () => {
    const { gate, log, timers } = harness();
    expect(gate.onClose()).toBe(true);
    expect(log).toEqual(['flush 1']);
    expect(gate.onClose()).toBe(true); // a second click while saving asks nothing more
    expect(log).toEqual(['flush 1']);
    gate.onFlushed(7); // a stray answer does not count
    expect(log).toEqual(['flush 1']);
    gate.onFlushed(1);
    expect(log).toEqual(['flush 1', 'close']);
    expect(timers[0]!.cleared).toBe(true);
    // the close the gate itself makes goes through
    expect(gate.onClose()).toBe(false);
  });

  it('closes anyway after the timeout when the renderer never answers (hung or gone)', () => {
    const { gate, log, timers } = harness(2500);
    gate.onClose();
    expect(timers[0]!.ms).toBe(2500);
    timers[0]!.fn();
    expect(log).toEqual(['flush 1', 'close']);
    gate.onFlushed(1); // a late answer closes nothing twice
    expect(log).toEqual(['flush 1', 'close']);
  });
});

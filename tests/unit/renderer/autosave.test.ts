import { describe, expect, it, vi } from 'vitest';
import { Autosave, flushOnLeave, type SaveState } from '../../../renderer/src/lib/autosave';

function setup(save: (items: number[]) => Promise<void> = vi.fn(async () => undefined)) {
  vi.useFakeTimers();
  const states: SaveState[] = [];
  const a = new Autosave<number>({ delay: 600, save, onState: (s) => states.push(s) });
  return { a, save, states };
}

describe('debounced autosave', () => {
  it('saves once, 600 ms after the last edit, with the latest value per key', async () => {
    const save = vi.fn(async (_items: number[]) => undefined);
    const { a, states } = setup(save);
    a.push('x', 1);
    await vi.advanceTimersByTimeAsync(300);
    a.push('x', 2);
    a.push('y', 5);
    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0]).toEqual([2, 5]);
    expect(states.at(-1)).toBe('saved');
    vi.useRealTimers();
  });
  it('flush() saves now and waits for the save in flight', async () => {
    let release!: () => void;
    const save = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { a } = setup(save);
    a.push('x', 1);
    const f = a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    a.push('x', 2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await f;
    expect(save).toHaveBeenCalledTimes(2);
    expect(a.hasPending).toBe(false);
    vi.useRealTimers();
  });
  it('discard() drops a pending edit; a failed save reports error without an unhandled rejection', async () => {
    const save = vi.fn(async () => {
      throw new Error('bad');
    });
    const { a, states } = setup(save);
    a.push('x', 1);
    a.discard('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
    a.push('y', 1);
    await vi.advanceTimersByTimeAsync(600);
    expect(states.at(-1)).toBe('error');
    await expect(a.flush()).resolves.toBeUndefined();
    vi.useRealTimers();
  });
});

describe('flushOnLeave', () => {
  function targets() {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    return { win, doc };
  }

  it.each(['pagehide', 'beforeunload'])('starts the pending save synchronously on %s, before the debounce ends', (event) => {
    const save = vi.fn(async (_items: number[]) => undefined);
    const { a } = setup(save);
    const { win, doc } = targets();
    const off = flushOnLeave(() => a.flush(), win, doc);
    a.push('x', 3.5);
    win.dispatchEvent(new Event(event));
    // no timer advanced, no await: the request must leave while the page is still there
    expect(save).toHaveBeenCalledWith([3.5]);
    off();
    vi.useRealTimers();
  });

  it('saves when the page turns hidden, not when it turns visible', () => {
    const save = vi.fn(async (_items: number[]) => undefined);
    const { a } = setup(save);
    const { win, doc } = targets();
    flushOnLeave(() => a.flush(), win, doc);
    a.push('x', 1);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(save).not.toHaveBeenCalled();
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(save).toHaveBeenCalledWith([1]);
    vi.useRealTimers();
  });

  it('does nothing once removed, and a failed save does not throw out of the event', async () => {
    const save = vi.fn(async (_items: number[]) => {
      throw new Error('offline');
    });
    const { a, states } = setup(save);
    const { win, doc } = targets();
    const off = flushOnLeave(() => a.flush(), win, doc);
    a.push('x', 1);
    expect(() => win.dispatchEvent(new Event('pagehide'))).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toContain('error');
    off();
    a.push('y', 2);
    win.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveState } from '../../../renderer/src/lib/autosave';

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

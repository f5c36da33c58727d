/**
 * The desktop flushes before quitting: the first `close` of the window is held back while the
 * renderer saves its pending edits (the workbench's autosave waits ~600 ms after a drag); the
 * window closes when the renderer answers, or after `timeoutMs` if it never does (hung or gone),
 * so quitting can never hang. Pure (timers injected), unit-tested without Electron.
 */
export interface CloseGateDeps {
  /** asks the renderer to flush; it answers with the same id. */
  requestFlush: (id: number) => void;
  /** closes the window for real (the gate lets this second close through). */
  close: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  timeoutMs?: number;
}

export interface CloseGate {
  /** The window's `close` event: true when the close must wait (call event.preventDefault()). */
  onClose(): boolean;
  /** The renderer's answer. */
  onFlushed(id: number): void;
}

export function createCloseGate(deps: CloseGateDeps): CloseGate {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let state: 'open' | 'flushing' | 'done' = 'open';
  let asked = 0;
  let timer: unknown = null;
  const finish = (): void => {
    if (state !== 'flushing') return;
    state = 'done';
    if (timer !== null) clearTimer(timer);
    timer = null;
    deps.close();
  };
  return {
    onClose() {
      if (state === 'done') return false;
      if (state === 'open') {
        state = 'flushing';
        asked += 1;
        timer = setTimer(finish, deps.timeoutMs ?? 3000);
        deps.requestFlush(asked);
      }
      return true;
    },
    onFlushed(id) {
      if (id === asked) finish();
    },
  };
}

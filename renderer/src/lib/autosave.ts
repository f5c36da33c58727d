/**
 * Debounced autosave of assumption edits: edits collect per series; `delay` ms after the last
 * one, everything pending is saved in one call. Edits made while a save is in flight are saved
 * right after it. `flush()` saves now (before undo, switching scenario, leaving the page).
 * Pure: timers are injectable, unit-tested in Node with fake timers.
 */

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveOptions<T> {
  delay: number;
  save: (items: T[]) => Promise<void>;
  onState?: (state: SaveState, error?: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Autosave<T> {
  private pending = new Map<string, T>();
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private state: SaveState = 'idle';
  private readonly opts: Required<Pick<AutosaveOptions<T>, 'setTimer' | 'clearTimer'>> & AutosaveOptions<T>;

  constructor(opts: AutosaveOptions<T>) {
    this.opts = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...opts,
    };
  }

  get saveState(): SaveState {
    return this.state;
  }

  get hasPending(): boolean {
    return this.pending.size > 0 || this.inFlight !== null;
  }

  pendingKeys(): string[] {
    return [...this.pending.keys()];
  }

  private setState(s: SaveState, error?: unknown): void {
    this.state = s;
    this.opts.onState?.(s, error);
  }

  /** Records an edit (the latest per key wins) and restarts the debounce timer. */
  push(key: string, item: T): void {
    this.pending.set(key, item);
    this.setState('pending');
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = this.opts.setTimer(() => {
      this.timer = null;
      // the error is reported through onState; the debounced save must not reject unhandled.
      this.flush().catch(() => undefined);
    }, this.opts.delay);
  }

  /** Drops a pending edit (e.g. before a reset to the parent). */
  discard(key: string): void {
    this.pending.delete(key);
    if (this.pending.size === 0 && this.timer !== null) {
      this.opts.clearTimer(this.timer);
      this.timer = null;
      if (!this.inFlight) this.setState('idle');
    }
  }

  /** Drops everything pending without saving. */
  cancel(): void {
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
    this.pending.clear();
    if (!this.inFlight) this.setState('idle');
  }

  /** Saves everything pending now; resolves when nothing is pending or in flight. Rejects on error. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.opts.clearTimer(this.timer);
      this.timer = null;
    }
    while (this.inFlight || this.pending.size > 0) {
      if (this.inFlight) {
        await this.inFlight.catch(() => undefined);
        continue;
      }
      const items = [...this.pending.values()];
      this.pending.clear();
      this.setState('saving');
      const p = this.opts.save(items);
      this.inFlight = p;
      try {
        await p;
      } catch (err) {
        this.inFlight = null;
        this.setState('error', err);
        throw err;
      }
      this.inFlight = null;
    }
    if (this.state === 'saving') this.setState('saved');
  }
}

/** The part of `window` (and `document`) that flushOnLeave listens on; injectable for tests. */
export interface LeaveTarget {
  addEventListener(type: string, fn: () => void, opts?: { capture?: boolean }): void;
  removeEventListener(type: string, fn: () => void, opts?: { capture?: boolean }): void;
}

/**
 * Saves pending edits when the page is left: `pagehide` (reload, close, navigation; also the
 * bfcache), `visibilitychange` to hidden (a tab switched away from, a window minimised: the
 * last moment a browser guarantees on mobile and under memory pressure) and `beforeunload`.
 * The save call starts synchronously inside the event, so its request leaves before the page
 * goes (the web client sends small requests with `keepalive`, which outlive the page; the
 * desktop's main process asks the renderer to flush before quitting). Returns the remover.
 */
export function flushOnLeave(flush: () => Promise<void>, win: LeaveTarget, doc: LeaveTarget & { visibilityState?: string }): () => void {
  const now = (): void => {
    flush().catch(() => undefined); // a failure is reported through the autosave's onState
  };
  const onVisibility = (): void => {
    if (doc.visibilityState === 'hidden') now();
  };
  win.addEventListener('pagehide', now);
  win.addEventListener('beforeunload', now);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', now);
    win.removeEventListener('beforeunload', now);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}

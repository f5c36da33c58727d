/**
 * The shape of `window.studio`, the one object the Electron preload (electron/preload/index.ts)
 * exposes to the renderer through contextBridge. Pure types: nothing here exists at run time.
 *
 * The renderer should not reach for `window.studio` all over the place: its Electron API client
 * reads it once (when present) and hands a typed client down through a React context; in the web
 * host `window.studio` is undefined.
 */
import type { Envelope } from '../../contract';
import type { MenuAction } from './menu-actions';

/** IPC channel names outside the API contract, host-specific to Electron. */
export interface HostChannels {
  saveFile: 'dialog:saveFile';
  openFile: 'dialog:openFile';
  menuAction: 'menu:action';
  /** main -> renderer before the window closes: save pending edits (with a request id). */
  flushRequest: 'app:flush';
  /** renderer -> main (invoke): the pending edits of that request are saved (or failed). */
  flushed: 'app:flushed';
}

export interface SaveFileRequest {
  /** A file name only (no folders), e.g. `咸宁情景汇报-2025.xlsx`; its extension sets the dialog filter. */
  defaultName: string;
  /** Text is written as UTF-8. At most 50 MB. */
  content: string | Uint8Array;
}

/** `null` when the user cancelled. `name` is the chosen file's name, never its folder. */
export type SaveFileResult = { name: string; bytes: number } | null;

export interface OpenFileRequest {
  /** Allowed extensions without dots, e.g. `['json', 'xlsx']` (1 to 10 of them). */
  extensions: string[];
}

/** `null` when the user cancelled. `content` is the file's bytes (decode text with TextDecoder). */
export type OpenFileResult = { name: string; content: Uint8Array } | null;

export interface StudioBridge {
  /** Calls an API contract channel; the answer is always an envelope, never a rejection. */
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>>;
  /** Shows the system save dialog and writes `content` to the chosen file. */
  saveFile(request: SaveFileRequest): Promise<Envelope<SaveFileResult>>;
  /** Shows the system open dialog and reads the chosen file. */
  openFile(request: OpenFileRequest): Promise<Envelope<OpenFileResult>>;
  /** Subscribes to application menu actions; returns the unsubscribe function. */
  onMenuAction(callback: (action: MenuAction) => void): () => void;
  /**
   * Registers what the page runs before the window closes (saving pending edits); the main
   * process waits for it (at most a few seconds). Returns the unsubscribe function.
   */
  onFlushRequest(callback: () => Promise<unknown>): () => void;
  /** `process.platform` of the desktop: 'win32' | 'darwin' | 'linux' | ... */
  readonly platform: string;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly studio?: StudioBridge;
  }
}

/**
 * The messages between the main process and the API's utility process (electron/utility/server.ts),
 * over the utility's parentPort. Pure data, structured-clone safe.
 *
 * main -> utility: `open` the database, `restore` a backup onto it and open it again (a damaged
 * or missing database: the main process asks, the utility restores, so SQLite is never loaded in
 * the main process), `call` a channel, the answer to a `render-pdf`, `close`. utility -> main: `opened` / `open-failed`, the `result` envelope of
 * each call, `render-pdf` (printToPDF needs a BrowserWindow, which only the main process has),
 * `closed`.
 */
import type { ApiErrorBody, Envelope } from '../../contract';

export type ToUtility =
  | { type: 'open'; dbPath: string }
  | { type: 'restore'; dbPath: string; backupFile: string }
  | { type: 'call'; id: number; channel: string; request: unknown }
  | { type: 'pdf'; id: number; ok: true; bytes: Uint8Array }
  | { type: 'pdf'; id: number; ok: false; error: ApiErrorBody }
  | { type: 'close' };

/** A note the store raised on opening (a data folder on a network share runs without WAL). */
export interface OpenWarning {
  message_zh: string;
  message_en: string;
}

export type FromUtility =
  /** the answer to `open` and to `restore` (after the restore, the database opened). */
  | { type: 'opened'; dbPath: string; warnings: OpenWarning[] }
  | { type: 'open-failed'; error: ApiErrorBody; latestBackup: string | null }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'render-pdf'; id: number; html: string }
  | { type: 'closed' };

/** The file the build writes the utility bundle to, beside main.cjs and preload.cjs. */
export const UTILITY_BUNDLE = 'utility.cjs';

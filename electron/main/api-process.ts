/**
 * The main process's side of the API's utility process (the way Actual Budget runs its server):
 * forks dist-electron/utility.cjs with utilityProcess.fork, opens the database there, relays each
 * request the IPC relay has checked and hands back the envelope. Renders the briefing PDF for it
 * (printToPDF needs a BrowserWindow). When the process dies, the requests waiting get an
 * 'internal' envelope and the next request starts a new one on the same database.
 */
import { utilityProcess } from 'electron';
import type { UtilityProcess } from 'electron';
import * as path from 'node:path';
import { errorBody, toErrorBody, type ApiErrorBody, type Envelope } from '../../contract';
import { UTILITY_BUNDLE, type FromUtility, type OpenWarning, type ToUtility } from '../common/utility-protocol';

export type OpenResult =
  { ok: true; dbPath: string; warnings: OpenWarning[] } | { ok: false; error: ApiErrorBody; latestBackup: string | null };

export interface ApiProcess {
  /** opens (or reopens, after a restore) the database in the utility process. */
  open(dbPath: string): Promise<OpenResult>;
  /** restores a backup onto the (closed) database in the utility process, then opens it. */
  restore(dbPath: string, backupFile: string): Promise<OpenResult>;
  /** relays one request; always resolves with an envelope. */
  call(channel: string, request: unknown): Promise<Envelope<unknown>>;
  close(): void;
}

export interface ApiProcessOptions {
  /** folder holding utility.cjs (the main bundle's own folder). */
  bundleDir: string;
  renderPdf: (html: string) => Promise<Uint8Array>;
}

const goneError = (): ApiErrorBody =>
  errorBody('internal', '内部错误：后台服务进程已退出，请重试', 'Internal error: the background service stopped; please try again');
const gone = (): Envelope<unknown> => ({ ok: false, error: goneError() });

export function startApiProcess(opts: ApiProcessOptions): ApiProcess {
  let child: UtilityProcess | null = null;
  let dbPath: string | null = null;
  let nextId = 1;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  let opening: ((result: OpenResult) => void) | null = null;

  const post = (msg: ToUtility) => child?.postMessage(msg);

  const onMessage = (msg: FromUtility) => {
    switch (msg.type) {
      case 'opened':
        opening?.({ ok: true, dbPath: msg.dbPath, warnings: msg.warnings });
        opening = null;
        return;
      case 'open-failed':
        opening?.({ ok: false, error: msg.error, latestBackup: msg.latestBackup });
        opening = null;
        return;
      case 'result': {
        const resolve = pending.get(msg.id);
        pending.delete(msg.id);
        resolve?.(msg.envelope);
        return;
      }
      case 'render-pdf':
        opts.renderPdf(msg.html).then(
          (bytes) => post({ type: 'pdf', id: msg.id, ok: true, bytes }),
          (err: unknown) => post({ type: 'pdf', id: msg.id, ok: false, error: toErrorBody(err) }),
        );
        return;
      case 'closed':
        return;
    }
  };

  const spawn = (): UtilityProcess => {
    const c = utilityProcess.fork(path.join(opts.bundleDir, UTILITY_BUNDLE), [], {
      serviceName: 'studio-api',
      stdio: 'inherit',
    });
    c.on('message', (msg: FromUtility) => onMessage(msg));
    c.on('exit', (code) => {
      if (child !== c) return;
      child = null;
      if (code !== 0) console.error(`[main] the API process exited (${code})`);
      for (const resolve of pending.values()) resolve(gone());
      pending.clear();
      opening?.({ ok: false, error: goneError(), latestBackup: null });
      opening = null;
    });
    child = c;
    return c;
  };

  const open = (file: string, backupFile?: string): Promise<OpenResult> =>
    new Promise<OpenResult>((resolve) => {
      if (!child) spawn();
      opening = resolve;
      dbPath = file;
      post(backupFile === undefined ? { type: 'open', dbPath: file } : { type: 'restore', dbPath: file, backupFile });
    });

  return {
    open: (file) => open(file),
    restore: (file, backupFile) => open(file, backupFile),
    call: async (channel, request) => {
      if (!child) {
        if (!dbPath) return gone();
        const reopened = await open(dbPath);
        if (!reopened.ok) return { ok: false, error: reopened.error };
      }
      return new Promise<Envelope<unknown>>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        post({ type: 'call', id, channel, request });
      });
    },
    close: () => {
      const c = child;
      child = null;
      if (!c) return;
      c.postMessage({ type: 'close' } satisfies ToUtility);
      // the utility exits after closing its database; a stuck one is ended
      const timer = setTimeout(() => c.kill(), 3000);
      c.once('exit', () => clearTimeout(timer));
    },
  };
}

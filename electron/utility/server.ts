/**
 * The desktop app's API server: runs in an Electron utilityProcess (forked by
 * electron/main/api-process.ts), so a 100,000-draw simulation, a 20 MB sheet or a briefing export
 * never freezes the window and its menus. It creates the one Api (api/handlers.ts) over the
 * database the main process names, and answers each relayed request with `dispatch`: validation,
 * handler, envelope, exactly as the web host and the CLI do.
 *
 * No `electron` import: a utility process talks to its parent through `process.parentPort` only.
 * `serveApi` takes that port as an argument, so tests run the loop in Node with a stand-in.
 */
import { createApi, type Api } from '../../api/handlers';
import type { PdfRenderer } from '../../api/briefing';
import { dispatch, errorBody, toErrorBody, type Channel } from '../../contract';
import { restoreBackup } from '../../scenarios/store/backup';
import type { FromUtility, ToUtility } from '../common/utility-protocol';

/** What a utility process's `process.parentPort` offers (Electron's ParentPort). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export interface ServeOptions {
  /** how to create the Api (tests may pass their own options through it). */
  createApi?: typeof createApi;
  /** called after `close` was answered (the real entry exits the process). */
  onClosed?: () => void;
}

export interface ApiServer {
  /** the Api once opened, else null. */
  readonly api: Api | null;
}

export function serveApi(port: ParentPortLike, opts: ServeOptions = {}): ApiServer {
  const make = opts.createApi ?? createApi;
  let api: Api | null = null;
  let nextPdf = 1;
  const pdfWaiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (err: unknown) => void }>();
  const send = (msg: FromUtility) => port.postMessage(msg);

  /** printToPDF needs a BrowserWindow: the main process renders, this process waits. */
  const renderPdf: PdfRenderer = (html) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const id = nextPdf++;
      pdfWaiting.set(id, { resolve, reject });
      send({ type: 'render-pdf', id, html });
    });

  const open = (dbPath: string) => {
    try {
      api?.close();
      api = null;
      api = make({ dbPath, host: 'electron', renderPdf });
      send({
        type: 'opened',
        dbPath: api.store.path,
        warnings: api.store.warnings.map((w) => ({ message_zh: w.message_zh, message_en: w.message_en })),
      });
    } catch (err) {
      const e = err as { code?: unknown; details?: { latestBackup?: string | null } };
      // a damaged file, or one gone while its backups remain ('not_found' with a latest backup)
      const latestBackup = e.code === 'corrupt' || e.code === 'not_found' ? (e.details?.latestBackup ?? null) : null;
      send({ type: 'open-failed', error: toErrorBody(err), latestBackup });
    }
  };

  /** Restores `backupFile` onto the closed database at `dbPath` (the file in place is kept), then opens it. */
  const restore = (dbPath: string, backupFile: string) => {
    try {
      api?.close();
      api = null;
      restoreBackup(dbPath, backupFile);
    } catch (err) {
      send({ type: 'open-failed', error: toErrorBody(err), latestBackup: null });
      return;
    }
    open(dbPath);
  };

  const call = async (id: number, channel: string, request: unknown) => {
    const envelope = api
      ? await dispatch(api.handlers, channel as Channel, request, { host: 'electron' })
      : { ok: false as const, error: errorBody('not_open', '数据库尚未打开', 'The database is not open') };
    send({ type: 'result', id, envelope });
  };

  port.on('message', (event) => {
    const msg = event.data as ToUtility;
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'open':
        open(msg.dbPath);
        return;
      case 'restore':
        restore(msg.dbPath, msg.backupFile);
        return;
      case 'call':
        void call(msg.id, msg.channel, msg.request);
        return;
      case 'pdf': {
        const waiting = pdfWaiting.get(msg.id);
        pdfWaiting.delete(msg.id);
        if (!waiting) return;
        if (msg.ok) waiting.resolve(msg.bytes);
        else waiting.reject(Object.assign(new Error(msg.error.message_en), msg.error));
        return;
      }
      case 'close':
        try {
          api?.close();
        } finally {
          api = null;
          send({ type: 'closed' });
          opts.onClosed?.();
        }
        return;
      default:
        exhaustive(msg);
    }
  });

  return {
    get api() {
      return api;
    },
  };
}

function exhaustive(msg: never): void {
  console.warn('[utility] unknown message', (msg as { type?: unknown })?.type);
}

// The real entry: inside Electron's utility process, `process.parentPort` exists.
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  process.setSourceMapsEnabled(true);
  serveApi(parentPort, { onClosed: () => setImmediate(() => process.exit(0)) });
}

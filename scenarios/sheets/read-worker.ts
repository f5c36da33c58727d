/**
 * The sheet reader's worker thread (started by scenarios/sheets/reader-pool.ts, one per large
 * upload, with a bounded heap): reads the file it was given in workerData with the one sheet
 * reader, posts the workbook back in its compact form (the typed arrays transferred, not
 * copied) or the reader's refusal, and ends. Its whole heap goes with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeWorkbook, transferList } from './compact';
import { readWorkbookHere, SheetReadError } from './read';
import type { FromReader, ToReader } from './reader-pool';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('scenarios/sheets/read-worker.ts runs only as a worker thread');
  const job = workerData as ToReader;
  let msg: FromReader;
  let transfer: ArrayBuffer[] = [];
  try {
    const compact = encodeWorkbook(await readWorkbookHere(job.bytes, job.file_name));
    msg = { ok: true, workbook: compact };
    transfer = transferList(compact);
  } catch (e) {
    msg =
      e instanceof SheetReadError
        ? { ok: false, refused: { code: e.code, message_zh: e.message_zh, message_en: e.message_en, path: e.path ?? 'file' } }
        : { ok: false, failed: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(msg, transfer);
}

void main();

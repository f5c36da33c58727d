/**
 * Large uploads are read in a worker thread of their own with a bounded heap (issue 19, item 6),
 * so the memory of one upload stays bounded whatever it holds, and a read that would pass the
 * bound is refused in the planner's words instead of taking the host down:
 *   - one worker per read (scenarios/sheets/read-worker.ts), its V8 old generation limited to
 *     MAX_READER_HEAP_MB: under that bound the collector keeps exceljs' garbage in check (the
 *     same read with an unbounded heap lets it pile up to a few hundred MB before collecting);
 *     when the read needs more, V8 stops the worker (ERR_WORKER_OUT_OF_MEMORY) and the import is
 *     refused with `readerOutOfMemory`, nothing imported;
 *   - the workbook comes back in its compact form (compact.ts: typed arrays transferred, each
 *     distinct text once) and the worker ends, its whole heap with it;
 *   - a read that has not ended after MAX_READ_SECONDS is stopped and refused (`readerTimedOut`);
 *   - at most MAX_CONCURRENT_READS at once; later uploads wait their turn (in order), so four
 *     large uploads at once cost what one does (small files, read on the calling thread, do
 *     not wait).
 * Where the worker's code cannot be loaded at all (not expected: the web host and CLI run the
 * TypeScript through tsx, the desktop app ships the bundle beside utility.cjs), the file is read
 * on the calling thread, as before this bound existed, and a warning is printed once.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  MAX_CONCURRENT_READS,
  MAX_READ_SECONDS,
  MAX_READER_HEAP_MB,
  READER_YOUNG_HEAP_MB,
  readerOutOfMemory,
  readerTimedOut,
  type SheetLimitProblem,
} from '../plan/sheet-limits';
import { fileLabel, SheetReadError, type Workbook } from './cells';
import { decodeWorkbook, type CompactWorkbook } from './compact';

/** The reader worker's bundle in the desktop app, beside the API's utility.cjs (scripts/build-electron.ts). */
export const SHEET_READER_BUNDLE = 'sheet-reader.cjs';

/** What the worker is started with (workerData). */
export interface ToReader {
  bytes: Uint8Array;
  file_name: string;
}

interface Job extends ToReader {
  heapLimitMb: number;
  timeLimitSeconds: number;
}

/** What it answers, once. */
export type FromReader =
  | { ok: true; workbook: CompactWorkbook }
  | { ok: false; refused: { code: string; message_zh: string; message_en: string; path: string } }
  | { ok: false; failed: string };

/** For tests and the bench: reads started, the most at once, and a heap bound of their own. */
export const readerStats = { started: 0, mostAtOnce: 0 };
let heapLimitMb = MAX_READER_HEAP_MB;
let timeLimitSeconds = MAX_READ_SECONDS;

/** Tests only: a smaller heap bound, to see the refusal without a 20 MB file (null: the default). */
export function setReaderHeapLimitForTests(mb: number | null): void {
  heapLimitMb = mb ?? MAX_READER_HEAP_MB;
}

/** Tests only: a shorter time bound (null: the default). */
export function setReaderTimeLimitForTests(seconds: number | null): void {
  timeLimitSeconds = seconds ?? MAX_READ_SECONDS;
}

function startWorker(job: Job): Worker {
  const here = import.meta.url;
  // the file's bytes alone, moved to the worker (a view's whole buffer would be cloned)
  const bytes = new Uint8Array(job.bytes.byteLength);
  bytes.set(job.bytes);
  const options = {
    workerData: { bytes, file_name: job.file_name } satisfies ToReader,
    transferList: [bytes.buffer],
    name: 'studio-sheet-reader',
    resourceLimits: { maxOldGenerationSizeMb: job.heapLimitMb, maxYoungGenerationSizeMb: READER_YOUNG_HEAP_MB },
  };
  if (here.endsWith('.ts')) {
    // the TypeScript source, through tsx's loader as the host itself runs (a worker thread does
    // not inherit the host's loader hooks)
    const file = new URL('./read-worker.ts', here).href;
    const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(path.join(path.dirname(fileURLToPath(here)), SHEET_READER_BUNDLE), options);
}

/** The worker could not be started or loaded: read on this thread (see the header). */
class WorkerUnavailable extends Error {}

function runWorker(job: Job): Promise<Workbook> {
  return new Promise<Workbook>((resolve, reject) => {
    let answered = false;
    let worker: Worker;
    try {
      worker = startWorker(job);
    } catch (e) {
      reject(new WorkerUnavailable(String(e)));
      return;
    }
    const refuse = (p: SheetLimitProblem) => {
      const f = fileLabel(job.file_name);
      reject(new SheetReadError(p.code, `${f.zh}：${p.message_zh}`, `${f.en}: ${p.message_en}`));
    };
    // a read that does not end (a file exceljs loops on) is stopped, and the import refused
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      void worker.terminate();
      refuse(readerTimedOut(job.timeLimitSeconds));
    }, job.timeLimitSeconds * 1000);
    worker.once('exit', () => clearTimeout(timer));
    worker.on('message', (msg: FromReader) => {
      if (answered) return;
      answered = true;
      if (msg.ok) resolve(decodeWorkbook(msg.workbook));
      else if ('refused' in msg)
        reject(new SheetReadError(msg.refused.code, msg.refused.message_zh, msg.refused.message_en, msg.refused.path));
      else reject(new Error(`sheet reader: ${msg.failed}`));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (answered) return;
      answered = true;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse(readerOutOfMemory(job.heapLimitMb));
      else if (err.code === 'ERR_WORKER_PATH' || err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') {
        reject(new WorkerUnavailable(err.message));
      } else reject(err);
    });
    worker.on('exit', (code) => {
      if (answered) return;
      answered = true;
      reject(new Error(`sheet reader: the worker stopped (exit code ${code}) without an answer`));
    });
  });
}

let running = 0;
const waiting: (() => void)[] = [];
let warned = false;

async function acquire(): Promise<void> {
  if (running < MAX_CONCURRENT_READS) running++;
  else await new Promise<void>((go) => waiting.push(go)); // the slot is handed over by release()
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * Reads `bytes` in a bounded worker (see the header); `here` reads on this thread when no worker
 * can be started. The refusals are the reader's own SheetReadErrors, and `readerOutOfMemory`.
 */
export async function readInWorker(
  bytes: Uint8Array,
  file_name: string,
  here: (bytes: Uint8Array, file_name: string) => Promise<Workbook>,
): Promise<Workbook> {
  await acquire();
  readerStats.started++;
  readerStats.mostAtOnce = Math.max(readerStats.mostAtOnce, running);
  try {
    return await runWorker({ bytes, file_name, heapLimitMb, timeLimitSeconds });
  } catch (e) {
    if (!(e instanceof WorkerUnavailable)) throw e;
    if (!warned) {
      warned = true;
      console.warn(`sheet reader: no worker thread (${e.message}); reading uploads on the calling thread`);
    }
    return await here(bytes, file_name);
  } finally {
    release();
  }
}

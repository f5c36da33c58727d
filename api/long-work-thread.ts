/**
 * The worker thread of api/offload.ts: its own Api (its own SQLite connection to the host's
 * file, the host's plan) answering the long channels one after another, each as an envelope.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorBody, type Envelope, type HandlerContext } from '../contract';
import { createApi, type Api } from './handlers';
import type { FromLongWork, LongWorkInit, ToLongWork } from './offload';

const init = workerData as LongWorkInit;

async function pdfRenderer(kind: LongWorkInit['pdf']) {
  if (kind === 'none') return undefined;
  const { chromiumPdf } = await import('./chromium-pdf');
  return chromiumPdf;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('api/long-work-thread.ts runs only as a worker thread');
  const renderPdf = await pdfRenderer(init.pdf);
  const open = (dbPath: string, plan: LongWorkInit['plan']): Api => createApi({ dbPath, plan, host: init.host, renderPdf });
  let api = open(init.dbPath, init.plan);
  const ctx: HandlerContext = { host: init.host };

  // One message at a time, in order: a reopen sent after a plan switch takes effect before the
  // calls sent after it.
  let queue = Promise.resolve();
  port.on('message', (msg: ToLongWork) => {
    queue = queue.then(async () => {
      if (msg.type === 'close') {
        api.close();
        port.close();
        return;
      }
      if (msg.type === 'reopen') {
        api.close();
        api = open(msg.dbPath, msg.plan);
        return;
      }
      let envelope: Envelope<unknown>;
      try {
        const handler = api.handlers[msg.channel] as (req: unknown, ctx: HandlerContext) => unknown;
        envelope = { ok: true, value: await handler(msg.request, ctx) };
      } catch (err) {
        envelope = { ok: false, error: toErrorBody(err) };
      }
      port.postMessage({ type: 'result', id: msg.id, envelope } satisfies FromLongWork);
    });
  });
}

void main();

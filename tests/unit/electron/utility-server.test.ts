/**
 * The desktop app's API server (electron/utility/server.ts) runs in an Electron utilityProcess,
 * which cannot start here. Its message loop is run in Node with a stand-in parentPort: open the
 * database, answer calls with dispatch's envelopes, ask the main process for the briefing PDF,
 * report a damaged database with its latest backup, restore it when told (so the main process
 * never loads SQLite itself), close.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../contract';
import type { FromUtility, ToUtility } from '../../../electron/common/utility-protocol';
import { serveApi, type ParentPortLike } from '../../../electron/utility/server';

/** Plays the main process: posts to the utility, collects what it sends back. */
class StandInPort extends EventEmitter implements ParentPortLike {
  readonly received: FromUtility[] = [];
  readonly waiters: Array<{ match: (m: FromUtility) => boolean; resolve: (m: FromUtility) => void }> = [];
  postMessage(message: unknown): void {
    // structured clone, as the real port does: nothing but data crosses
    const m = structuredClone(message) as FromUtility;
    this.received.push(m);
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }
  send(message: ToUtility): void {
    this.emit('message', { data: structuredClone(message) });
  }
  next<T extends FromUtility>(match: (m: FromUtility) => boolean): Promise<T> {
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (m: FromUtility) => void }));
  }
  async call(id: number, channel: string, request: unknown): Promise<Envelope<unknown>> {
    const reply = this.next<Extract<FromUtility, { type: 'result' }>>((m) => m.type === 'result' && m.id === id);
    this.send({ type: 'call', id, channel, request });
    return (await reply).envelope;
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-utility-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the utility process message loop', () => {
  it('opens the database it is told, answers with envelopes, refuses bad requests, closes', async () => {
    const port = new StandInPort();
    const onClosed = vi.fn();
    const server = serveApi(port, { onClosed });

    const notOpen = await port.call(1, 'scenarios:list', {});
    expect(notOpen.ok).toBe(false);

    const dbPath = path.join(dir, 'studio.sqlite');
    const opened = port.next((m) => m.type === 'opened' || m.type === 'open-failed');
    port.send({ type: 'open', dbPath });
    expect(await opened).toEqual({ type: 'opened', dbPath, warnings: [] });
    expect(server.api?.store.path).toBe(dbPath);

    const info = await port.call(2, 'app:info', {});
    expect(info.ok && (info.value as { host: string }).host).toBe('electron');
    const list = await port.call(3, 'scenarios:list', {});
    expect(list.ok && (list.value as unknown[]).length).toBeGreaterThan(0);

    const bad = await port.call(4, 'scenarios:get', { id: '../etc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid');
      expect(Object.keys(bad.error).slice(0, 4)).toEqual(['code', 'message_zh', 'message_en', 'path']);
    }
    const unknown = await port.call(5, 'no:such', {});
    expect(!unknown.ok && unknown.error.code).toBe('unknown_channel');

    const closed = port.next((m) => m.type === 'closed');
    port.send({ type: 'close' });
    await closed;
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(server.api).toBeNull();
  }, 60_000);

  it('asks the main process to render the briefing PDF and returns its bytes', async () => {
    const port = new StandInPort();
    serveApi(port);
    const opened = port.next((m) => m.type === 'opened');
    port.send({ type: 'open', dbPath: path.join(dir, 'pdf.sqlite') });
    await opened;
    const list = await port.call(1, 'scenarios:list', {});
    const id = (list.ok ? (list.value as { id: string }[]) : [])[0]!.id;

    const asked = port.next<Extract<FromUtility, { type: 'render-pdf' }>>((m) => m.type === 'render-pdf');
    const exported = port.call(2, 'briefing:export', { ids: [id], format: 'pdf' });
    const request = await asked;
    expect(request.html).toContain('<html');
    const bytes = new TextEncoder().encode('%PDF-1.7 stand-in');
    port.send({ type: 'pdf', id: request.id, ok: true, bytes });
    const env = await exported;
    expect(env.ok).toBe(true);
    if (env.ok) {
      const file = env.value as { file_name: string; content_base64: string; bytes: number };
      expect(file.file_name).toMatch(/\.pdf$/);
      expect(Buffer.from(file.content_base64, 'base64').toString('latin1')).toBe('%PDF-1.7 stand-in');
    }

    // a failed render comes back as the envelope's error, in both languages
    const asked2 = port.next<Extract<FromUtility, { type: 'render-pdf' }>>((m) => m.type === 'render-pdf');
    const exported2 = port.call(3, 'briefing:export', { ids: [id], format: 'pdf' });
    const request2 = await asked2;
    port.send({
      type: 'pdf',
      id: request2.id,
      ok: false,
      error: {
        code: 'pdf_failed',
        message_zh: '无法生成 PDF',
        message_en: 'Could not render the PDF',
        message: 'Could not render the PDF',
      },
    });
    const failed = await exported2;
    expect(!failed.ok && failed.error).toMatchObject({
      code: 'pdf_failed',
      message_zh: '无法生成 PDF',
      message_en: 'Could not render the PDF',
    });
    port.send({ type: 'close' });
  }, 120_000);

  it('reports a damaged database with the latest backup, so the main process can offer to restore it', async () => {
    const port = new StandInPort();
    serveApi(port, {
      createApi: () => {
        throw Object.assign(new Error('damaged'), {
          code: 'corrupt',
          message_zh: '数据库已损坏',
          message_en: 'The database is damaged',
          details: { latestBackup: '/backups/studio-1.sqlite' },
        });
      },
    });
    const failed = port.next<Extract<FromUtility, { type: 'open-failed' }>>((m) => m.type === 'open-failed');
    port.send({ type: 'open', dbPath: path.join(dir, 'damaged.sqlite') });
    const msg = await failed;
    expect(msg.latestBackup).toBe('/backups/studio-1.sqlite');
    expect(msg.error).toMatchObject({ code: 'corrupt', message_zh: '数据库已损坏', message_en: 'The database is damaged' });
  });

  it('restores the latest backup when told and opens the restored database (the main process loads no SQLite)', async () => {
    const port = new StandInPort();
    serveApi(port);
    const dbPath = path.join(dir, 'restore.sqlite');
    const opened = port.next((m) => m.type === 'opened');
    port.send({ type: 'open', dbPath });
    await opened;
    const created = await port.call(1, 'scenarios:create', { name: '备份前的情景' });
    expect(created.ok).toBe(true);
    const backup = await port.call(2, 'backups:create', {});
    expect(backup.ok).toBe(true);
    const backupFile = backup.ok ? (backup.value as { file: string }).file : '';
    const closed = port.next((m) => m.type === 'closed');
    port.send({ type: 'close' });
    await closed;
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });

    const reopened = port.next((m) => m.type === 'opened' || m.type === 'open-failed');
    port.send({ type: 'restore', dbPath, backupFile });
    expect(await reopened).toEqual({ type: 'opened', dbPath, warnings: [] });
    const list = await port.call(3, 'scenarios:list', {});
    expect(list.ok && (list.value as { name: string }[]).map((s) => s.name)).toContain('备份前的情景');

    // a backup that is not there: the open fails with the store's error, in both languages
    const failed = port.next<Extract<FromUtility, { type: 'open-failed' }>>((m) => m.type === 'open-failed');
    port.send({ type: 'restore', dbPath, backupFile: `${backupFile}.missing` });
    const msg = await failed;
    expect(msg.error).toMatchObject({ code: 'not_found' });
    expect(msg.error.message_zh).toContain('备份文件不存在');
    expect(msg.latestBackup).toBeNull();
    port.send({ type: 'close' });
  }, 60_000);
});

/**
 * A read-only data folder and database. Root ignores permission bits, so as root the immutable
 * flag (`chattr +i`) makes things unwritable (plus chmod, for non-root runs); every flag set is
 * cleared in afterAll, even when a test fails. A database that cannot be written opens as a
 * read-only view (issue 19 item 5): saving, backing up and exporting into the locked folder are
 * refused with 'read_only' naming the file or folder in both languages, and nothing is lost.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { dispatch } from '../../contract';
import { openStore, StoreError } from '../../scenarios/store/store';
import { loadDefaultPlan } from '../../scenarios/plan/load';
import { cleanupTmp, fingerprint, hasStackTrace, integrity, runTsx, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('read-only');
const locked: { p: string; mode: number }[] = [];
const isRoot = process.getuid?.() === 0;

function lock(...paths: string[]): void {
  for (const p of paths) {
    const mode = fs.statSync(p).mode & 0o777;
    locked.push({ p, mode });
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o555 : 0o444);
    if (isRoot) execFileSync('chattr', ['+i', p], { stdio: 'pipe' });
  }
}
function unlockAll(): void {
  for (const { p, mode } of locked.splice(0).reverse()) {
    try {
      if (isRoot) execFileSync('chattr', ['-i', p], { stdio: 'pipe' });
    } catch {
      /* gone already */
    }
    try {
      fs.chmodSync(p, mode);
    } catch {
      /* gone already */
    }
  }
}
afterEach(unlockAll);
afterAll(() => {
  unlockAll();
  cleanupTmp();
});

function storeError(fn: () => unknown): StoreError | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  return null;
}

/** A database of the real plan with some work in it, closed. */
function populated(): { dir: string; db: string } {
  const dir = tmpDir();
  const db = path.join(dir, 'studio.sqlite');
  const api = createApi({ dbPath: db, host: 'cli' });
  for (let i = 0; i < 5; i++) api.store.create({ name: `已保存${i}`, description: '说明' });
  api.close();
  return { dir, db };
}

const readOnlyMessage = (e: { code?: string; message_zh?: string; message_en?: string } | null, where: string) =>
  !!e &&
  e.code === 'read_only' &&
  /只读/.test(e.message_zh ?? '') &&
  /read-only/i.test(e.message_en ?? '') &&
  (e.message_en ?? '').includes(where);

describe('a read-only data folder', () => {
  it('before opening: store, API and CLI open a read-only view; every write refused with read_only naming the folder; the file unchanged', async () => {
    const mark = ledger.mark();
    const { dir, db } = populated();
    const before = fingerprint(db);
    const bytes = fs.readFileSync(db);
    lock(dir);
    ledger.fault();
    const s1 = openStore(db, { plan: loadDefaultPlan() });
    try {
      expect(s1.readOnly?.path).toBe(dir);
      ledger.input();
      const e1 = storeError(() => s1.create({ name: '只读时' }));
      if (!e1) ledger.letIn('a save in the read-only view was accepted');
      expect(readOnlyMessage(e1, dir), e1?.message).toBe(true);
    } finally {
      s1.close();
    }
    const api = createApi({ dbPath: db, host: 'cli' });
    try {
      ledger.input();
      const env = await dispatch(api.handlers, 'scenarios:create', { name: '只读时' }, { host: 'cli' });
      if (env.ok) ledger.letIn('scenarios:create answered ok in the read-only view');
      expect(!env.ok && readOnlyMessage(env.error, dir), JSON.stringify(env)).toBe(true);
    } finally {
      api.close();
    }
    // a new database in the read-only folder: nothing to view, refused
    const e3 = storeError(() => openStore(path.join(dir, 'new.sqlite'), { plan: loadDefaultPlan() }));
    expect(e3?.code).toBe('read_only');
    // the CLI lists (exit 0, with the read-only note) and refuses a save (exit 1)
    const list = await runTsx(['cli/main.ts', 'scenarios', 'list', '--db', db], { timeoutMs: 60_000 });
    if (list.code !== 0 || hasStackTrace(list.stdout + list.stderr))
      ledger.crash(`CLI list on a read-only folder: exit ${list.code} ${list.stderr.slice(-300)}`);
    expect(list.stdout).toMatch(/已保存0/);
    expect(list.stderr).toMatch(/只读/);
    ledger.input();
    const save = await runTsx(['cli/main.ts', 'call', 'scenarios:create', JSON.stringify({ name: '命令行' }), '--db', db], {
      timeoutMs: 60_000,
    });
    if (save.code === 0) ledger.letIn('CLI save in the read-only view exited 0');
    if (save.code !== 1 || hasStackTrace(save.stdout + save.stderr))
      ledger.crash(`CLI save on a read-only folder: exit ${save.code} ${save.stderr.slice(-300)}`);
    expect(save.stderr).toMatch(/只读/);
    expect(save.stderr).toMatch(/read-only/);
    unlockAll();
    if (!fs.readFileSync(db).equals(bytes)) ledger.partial('the database file changed while its folder was read-only');
    expect(fingerprint(db)).toEqual(before);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('a read-only database file: opened read-only, a save refused with read_only naming the file, unchanged', () => {
    const mark = ledger.mark();
    const { db } = populated();
    const bytes = fs.readFileSync(db);
    lock(db);
    ledger.fault();
    const s = openStore(db, { plan: loadDefaultPlan() });
    try {
      ledger.input();
      const e = storeError(() => s.create({ name: '只读时' }));
      if (!e) ledger.letIn('a save to a read-only database file was accepted');
      expect(readOnlyMessage(e, db), e?.message).toBe(true);
    } finally {
      s.close();
    }
    unlockAll();
    if (!fs.readFileSync(db).equals(bytes)) ledger.partial('a read-only database file changed');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the folder turns read-only while open: saves go on, backup and export refused cleanly', async () => {
    const mark = ledger.mark();
    const { dir, db } = populated();
    const store = openStore(db, { plan: loadDefaultPlan() });
    try {
      const a = store.create({ name: '打开后' });
      lock(dir);
      ledger.fault(3);
      // the database and its -wal are open already: a save still works
      const b = store.create({ name: '锁定文件夹后' });
      const eb = await store.backup('manual').then(
        () => null,
        (e: StoreError) => e,
      );
      expect(readOnlyMessage(eb, path.join(dir, 'backups')), eb?.message).toBe(true);
      const out = path.join(dir, 'export.xnps.json');
      const ex = storeError(() => store.writeExportFile(out, store.exportWorkspace()));
      expect(readOnlyMessage(ex, out), ex?.message).toBe(true);
      unlockAll();
      const left = fs.readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.partial') || f === 'export.xnps.json');
      if (left.length) ledger.partial(`left behind: ${left.join(', ')}`);
      for (const id of [a.id, b.id]) {
        try {
          store.get(id);
        } catch {
          ledger.lost(`save ${id} missing`);
        }
      }
    } finally {
      store.close();
    }
    expect(integrity(db)).toBe('ok');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the database and its -wal turn read-only while open: a save is refused with read_only, nothing half-written', (ctx) => {
    if (!isRoot) {
      // without chattr, an open file stays writable through its descriptor whatever chmod says
      ledger.notRun('a database turning read-only while open', 'needs root (chattr +i)');
      ctx.skip();
      return;
    }
    const mark = ledger.mark();
    const { dir, db } = populated();
    const store = openStore(db, { plan: loadDefaultPlan() });
    try {
      const kept = store.create({ name: '锁定前' });
      const before = fingerprint(store.db);
      // not the -shm: it is memory-mapped, and an immutable mapped file faults the process
      // (SIGBUS) whatever the program does; see docs/reliability.md
      lock(dir, db, `${db}-wal`);
      ledger.fault();
      const e = storeError(() => store.create({ name: '锁定后', description: '长'.repeat(3000) }));
      expect(e?.code, e?.message).toBe('read_only');
      expect(e?.message_zh).toMatch(/只读/);
      unlockAll();
      const after = fingerprint(store.db);
      if (after.hash !== before.hash) ledger.partial('a refused save changed the database');
      // writable again: the store goes on, with everything
      store.create({ name: '解锁后' });
      store.get(kept.id);
    } finally {
      store.close();
    }
    expect(integrity(db)).toBe('ok');
    expect(ledger.since(mark)).toEqual([]);
  });
});

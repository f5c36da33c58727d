/**
 * A read-only data folder and database. Root ignores permission bits, so as root the immutable
 * flag (`chattr +i`) makes things unwritable (plus chmod, for non-root runs); every flag set is
 * cleared in afterAll, even when a test fails. Opening, saving, backing up and exporting are
 * refused with 'read_only' naming the file or folder in both languages, and nothing is lost.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../api/handlers';
import { openStore, StoreError } from '../../scenarios/store/store';
import { loadDefaultPlan } from '../../scenarios/plan/load';
import { cleanupTmp, fingerprint, hasStackTrace, integrity, runTsx, tmpDir } from './helpers';
import { openLedger } from './ledger';

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
  !!e && e.code === 'read_only' && /只读/.test(e.message_zh ?? '') && /read-only/i.test(e.message_en ?? '') && (e.message_en ?? '').includes(where);

describe('a read-only data folder', () => {
  it('before opening: store, API and CLI refuse with read_only naming the folder; the file is unchanged', async () => {
    const mark = ledger.mark();
    const { dir, db } = populated();
    const before = fingerprint(db);
    const bytes = fs.readFileSync(db);
    lock(dir);
    ledger.fault();
    const e1 = storeError(() => openStore(db, { plan: loadDefaultPlan() }));
    expect(readOnlyMessage(e1, dir), e1?.message).toBe(true);
    const e2 = storeError(() => createApi({ dbPath: db, host: 'cli' }));
    expect(readOnlyMessage(e2, dir), e2?.message).toBe(true);
    // a new database in the read-only folder too
    const e3 = storeError(() => openStore(path.join(dir, 'new.sqlite'), { plan: loadDefaultPlan() }));
    expect(e3?.code).toBe('read_only');
    const cli = await runTsx(['cli/main.ts', 'scenarios', 'list', '--db', db], { timeoutMs: 60_000 });
    if (cli.code !== 1 || hasStackTrace(cli.stdout + cli.stderr)) ledger.crash(`CLI on a read-only folder: exit ${cli.code} ${cli.stderr.slice(-300)}`);
    expect(cli.stderr).toMatch(/只读/);
    expect(cli.stderr).toMatch(/read-only/);
    unlockAll();
    if (!fs.readFileSync(db).equals(bytes)) ledger.partial('the database file changed while its folder was read-only');
    expect(fingerprint(db)).toEqual(before);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('a read-only database file: read_only naming the file, unchanged', () => {
    const mark = ledger.mark();
    const { db } = populated();
    const bytes = fs.readFileSync(db);
    lock(db);
    ledger.fault();
    const e = storeError(() => openStore(db, { plan: loadDefaultPlan() }));
    expect(readOnlyMessage(e, db), e?.message).toBe(true);
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

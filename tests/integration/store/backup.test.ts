import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, restoreBackup, ScenarioStore, StoreError } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, fakeClock, makePlan, openTmp, tmpDir } from './fixtures';

afterEach(cleanupTmp);

async function rejects(p: Promise<unknown> | (() => unknown)): Promise<StoreError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('backups', () => {
  it('backup() writes a standalone, timestamped copy into <db dir>/backups; listBackups lists them newest first', async () => {
    const { store, dir } = openTmp({ now: fakeClock('2025-06-01T10:00:00.000Z') });
    store.create({ name: '备份前' });
    const b1 = await store.backup('manual');
    const b2 = await store.backup('before-briefing');
    expect(path.dirname(b1.file)).toBe(path.join(dir, 'backups'));
    expect(b1.name).toMatch(/^studio-\d{8}-\d{6}-\d{3}-manual\.sqlite$/);
    expect(b1.created_at).toMatch(/^2025-06-01T10:00:0\d\.000Z$/);
    expect(store.listBackups().map((b) => b.name)).toEqual([b2.name, b1.name]);
    expect(b2.reason).toBe('before-briefing');
    // standalone: rollback journal, no -wal beside it, sound, holds the data
    expect(fs.existsSync(b1.file + '-wal')).toBe(false);
    const copy = new Database(b1.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare("SELECT count(*) AS n FROM scenarios WHERE name = '备份前'").get() as { n: number }).n).toBe(1);
    copy.close();
    store.close();
  });

  it('honours backupDir', async () => {
    const elsewhere = tmpDir();
    const { store } = openTmp({ backupDir: elsewhere });
    const b = await store.backup();
    expect(path.dirname(b.file)).toBe(elsewhere);
    store.close();
  });

  it('restoreBackup puts a backup in place on a closed store and keeps the current file', async () => {
    const { store, dbPath, dir } = openTmp();
    const keep = store.create({ name: '在备份里', assumptions: [cagr('steel', 0.1)] });
    const b = await store.backup('manual');
    store.create({ name: '备份之后' });
    store.setAssumption(keep.id, cagr('steel', 0.5));

    // refused while the database is open
    expect((await rejects(() => restoreBackup(dbPath, b.file))).code).toBe('conflict');
    store.close();

    const res = ScenarioStore.restoreBackup(dbPath, b.file, { now: () => new Date('2025-07-01T00:00:00Z') });
    expect(res.restored).toBe(dbPath);
    expect(res.kept).toBe(`${dbPath}.before-restore-20250701-000000-000`);
    expect(fs.existsSync(res.kept!)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);

    const back = openStore(dbPath, { plan: makePlan() });
    expect(back.list().map((s) => s.name)).toContain('在备份里');
    expect(back.list().map((s) => s.name)).not.toContain('备份之后');
    expect(back.get(keep.id).assumptions[0]!.model).toEqual({ type: 'cagr', rate: 0.1 });
    back.close();

    // the file that was replaced is intact and still opens, with the later work
    const before = openStore(res.kept!, { plan: makePlan(), backupDir: path.join(dir, 'other-backups') });
    expect(before.list().map((s) => s.name)).toContain('备份之后');
    before.close();
  });

  it('restoreBackup refuses a damaged backup and leaves the database alone', async () => {
    const { store, dbPath } = openTmp();
    const b = await store.backup();
    store.close();
    const bytes = fs.readFileSync(b.file);
    bytes.fill(0x41, 0, 100);
    fs.writeFileSync(b.file, bytes);
    const dbBefore = fs.readFileSync(dbPath);
    const e = await rejects(() => restoreBackup(dbPath, b.file));
    expect(e.code).toBe('corrupt');
    expect(fs.readFileSync(dbPath)).toEqual(dbBefore);
    expect((await rejects(() => restoreBackup(dbPath, b.file + '.missing'))).code).toBe('not_found');
  });

  it('restores over a damaged database (the usual reason to restore)', async () => {
    const { store, dbPath } = openTmp();
    store.create({ name: '好数据' });
    const b = await store.backup();
    store.close();
    fs.writeFileSync(dbPath, Buffer.alloc(8192, 0x5a));
    const damaged = fs.readFileSync(dbPath);
    const err = await rejects(() => openStore(dbPath, { plan: makePlan() }));
    expect(err.code).toBe('corrupt');
    expect(err.details?.latestBackup).toBe(b.file);
    const res = restoreBackup(dbPath, err.details!.latestBackup!);
    expect(fs.readFileSync(res.kept!)).toEqual(damaged); // the damaged file is kept as it was
    const s = openStore(dbPath, { plan: makePlan() });
    expect(s.list().map((x) => x.name)).toContain('好数据');
    s.close();
  });
});

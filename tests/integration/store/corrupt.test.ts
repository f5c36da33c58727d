/**
 * Damaged, unreadable and full databases: detected at open or at write, reported with a typed
 * error, and the file never overwritten or deleted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, makePlan, revisionCount, tmpDir } from './fixtures';

const undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.splice(0)) u();
  cleanupTmp();
});

function err(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** A database with some data, closed. */
function populated(dir = tmpDir()): string {
  const dbPath = path.join(dir, 'studio.db');
  const s = openStore(dbPath, { plan: makePlan() });
  for (let i = 0; i < 40; i++) {
    const sc = s.create({ name: `情景${i}`, description: '说明'.repeat(200) });
    s.setAssumption(sc.id, cagr('steel', i / 100));
  }
  s.close();
  return dbPath;
}

/**
 * Makes a path unwritable. Root ignores permission bits, so as root use the immutable flag
 * (chattr +i); returns false when neither works here.
 */
function makeReadOnly(p: string, isDir: boolean): boolean {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['+i', p], { stdio: 'ignore' });
      undo.push(() => execFileSync('chattr', ['-i', p], { stdio: 'ignore' }));
      return true;
    } catch {
      return false;
    }
  }
  fs.chmodSync(p, isDir ? 0o555 : 0o444);
  undo.push(() => fs.chmodSync(p, isDir ? 0o755 : 0o644));
  return true;
}

describe('corrupt files', () => {
  it('a file that is not a SQLite database: corrupt, file unchanged, latestBackup null', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    fs.writeFileSync(dbPath, 'This is a briefing note, not a database.\n'.repeat(200));
    const bytes = fs.readFileSync(dbPath);
    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('corrupt');
    expect(e.details).toMatchObject({ path: dbPath, latestBackup: null });
    expect(e.message_zh).toMatch(/已损坏/);
    expect(e.message_en).toMatch(/No backup was found/);
    expect(fs.readFileSync(dbPath)).toEqual(bytes);
  });

  it('a garbage header: corrupt, with the newest backup named, file unchanged', async () => {
    const dir = tmpDir();
    const dbPath = populated(dir);
    const s = openStore(dbPath, { plan: makePlan() });
    await s.backup('manual');
    const newest = await s.backup('manual');
    s.close();
    const bytes = fs.readFileSync(dbPath);
    bytes.write('garbage garbage!', 0, 'latin1');
    fs.writeFileSync(dbPath, bytes);
    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('corrupt');
    expect(e.details?.latestBackup).toBe(newest.file);
    expect(e.message_zh).toContain(newest.file);
    expect(fs.readFileSync(dbPath)).toEqual(bytes);
  });

  it('a truncated file: corrupt, file unchanged', () => {
    const dbPath = populated();
    const full = fs.readFileSync(dbPath);
    expect(full.length).toBeGreaterThan(8 * 4096);
    const cut = full.subarray(0, Math.floor(full.length / 4096 / 2) * 4096);
    fs.writeFileSync(dbPath, cut);
    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('corrupt');
    expect(fs.readFileSync(dbPath)).toEqual(cut);
    expect(fs.readdirSync(path.dirname(dbPath)).filter((f) => f.startsWith('studio.db'))).not.toContain('studio.db-journal');
  });

  it('a damaged page inside (quick_check not ok): corrupt, file unchanged', () => {
    const dbPath = populated();
    const bytes = fs.readFileSync(dbPath);
    const pages = bytes.length / 4096;
    // scribble over the middle pages (b-tree pages of the scenario tables)
    for (let p = 2; p < pages - 1; p += 3) bytes.fill(0xff, p * 4096 + 8, p * 4096 + 4000);
    fs.writeFileSync(dbPath, bytes);
    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('corrupt');
    expect(fs.readFileSync(dbPath)).toEqual(bytes);
  });
});

describe('read-only and full', () => {
  it('a read-only database file: opened read-only; a write is refused with read_only, naming the file', (ctx) => {
    const dbPath = populated();
    if (!makeReadOnly(dbPath, false)) ctx.skip();
    const s = openStore(dbPath, { plan: makePlan() });
    try {
      expect(s.readOnly?.path).toBe(dbPath);
      const e = err(() => s.create({ name: '只读时' }));
      expect(e.code).toBe('read_only');
      expect(e.details?.path).toBe(dbPath);
      expect(e.message_zh).toMatch(/只读/);
    } finally {
      s.close();
    }
  });

  it('a read-only folder: opened read-only, naming the folder; a new database there is refused', (ctx) => {
    const dir = tmpDir();
    const dbPath = populated(dir);
    if (!makeReadOnly(dir, true)) ctx.skip();
    const s = openStore(dbPath, { plan: makePlan() });
    try {
      expect(s.readOnly?.path).toBe(dir);
      const e = err(() => s.create({ name: '只读时' }));
      expect(e.code).toBe('read_only');
      expect(e.details?.path).toBe(dir);
    } finally {
      s.close();
    }
    // a new database in a read-only folder: nothing to view
    expect(err(() => openStore(path.join(dir, 'new.db'), { plan: makePlan() })).code).toBe('read_only');
  });

  it('a full disk (SQLITE_FULL): disk_full with a clear message; nothing half-written', () => {
    const dir = tmpDir();
    const s = openStore(path.join(dir, 'studio.db'), { plan: makePlan() });
    const keep = s.create({ name: '已保存', assumptions: [cagr('steel', 0.1)] });
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    s.db.pragma(`max_page_count = ${pages + 2}`); // stands in for a full disk
    const revs = revisionCount(s);
    let e: StoreError | null = null;
    for (let i = 0; i < 50 && !e; i++) {
      try {
        s.create({ name: `大${i}`, description: '长'.repeat(3900) });
      } catch (x) {
        e = x as StoreError;
      }
    }
    expect(e).toBeInstanceOf(StoreError);
    expect(e!.code).toBe('disk_full');
    expect(e!.message_zh).toMatch(/磁盘空间已满/);
    expect(e!.message_en).toMatch(/disk is full/);
    // every scenario row has its revision: the failed one left nothing behind
    const scenarios = (s.db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;
    expect(revisionCount(s) - revs).toBe(scenarios - 4);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.get(keep.id).name).toBe('已保存');

    // a save that fails leaves no trace, not even in the store's cache of revisions
    const head = s.get(keep.id).head_rev;
    let failed: StoreError | null = null;
    for (let i = 0; i < 50 && !failed; i++) {
      try {
        s.setAssumption(keep.id, cagr('gdp', 0.01 * i, { rationale: '理'.repeat(3999) }));
      } catch (x) {
        failed = x as StoreError;
      }
    }
    expect(failed?.code).toBe('disk_full');
    const now = s.get(keep.id);
    expect(() => s.getRevision(keep.id, now.head_rev + 1)).toThrow(/no revision/);
    expect(now.head_rev).toBeGreaterThanOrEqual(head);
    expect(s.history(keep.id).map((h) => h.rev)[0]).toBe(now.head_rev);
    s.close();
  });
});

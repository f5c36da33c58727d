/**
 * One test per migration: a file at the previous version (with data where that version can hold
 * any) is upgraded on open, after a 'pre-upgrade' backup of the old file. Plus the machinery:
 * a later migration, a failing one, a file from the future, a foreign SQLite file.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, runMigrations, type Migration } from '../../../scenarios/store/migrations';
import { openStore, StoreError, type ScenarioStore } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, makePlan, tmpDir } from './fixtures';

afterEach(cleanupTmp);

function err(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** Data to put into a file at version N before upgrading it (keyed by N). */
const SEED_AT: Record<number, (db: Database.Database) => void> = {
  0: () => {
    /* version 0 is an empty database: nothing to keep */
  },
  1: (db) => {
    db.prepare(
      `INSERT INTO actuals (series, period, vintage, value, value_kind, source_json, note, entered_by, entered_at)
       VALUES ('steel', '2024', NULL, 510, 'actual', '{"title":"统计公报","url":null,"date":null,"reliability":"official"}', '', '张三', '2025-01-01T00:00:00.000Z')`,
    ).run();
  },
  2: (db) => {
    // two live records of one series and period from different sources, far apart: a conflict with no choice yet
    const ins = db.prepare(
      `INSERT INTO actuals (series, period, vintage, value, value_kind, source_json, note, entered_by, entered_at)
       VALUES ('steel', '2025', ?, ?, 'actual', ?, '', '张三', '2026-01-01T00:00:00.000Z')`,
    );
    ins.run('2026-01-10', 610, '{"title":"部门报送","url":null,"date":null,"reliability":"internal"}');
    ins.run('2026-01-25', 920, '{"title":"新闻发布会","url":null,"date":null,"reliability":"secondary"}');
    db.prepare(`INSERT INTO collect_reporters (series, unit, updated_at) VALUES ('steel', '市统计局', '2026-01-01T00:00:00.000Z')`).run();
  },
};
/** What must hold after upgrading a file seeded at version N. */
const CHECK_AFTER: Record<number, (store: ScenarioStore) => void> = {
  0: (store) => {
    expect(store.list().map((s) => s.preset_id)).toEqual(['baseline', 'stretch', 'cautious']);
  },
  1: (store) => {
    // the actual entered at version 1 survives; the collection tables exist and are empty
    expect(store.listActuals().map((a) => [a.series, a.period, a.value, a.entered_by])).toEqual([['steel', '2024', 510, '张三']]);
    for (const table of ['collect_reporters', 'collect_rounds', 'collect_requests', 'collect_imports', 'collect_conflicts'])
      expect(store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
  },
  2: (store) => {
    // the version-2 data survives; no choice is recorded; a choice can be made and sets the other aside
    expect(store.listActuals().map((a) => [a.series, a.period, a.value])).toEqual([
      ['steel', '2025', 610],
      ['steel', '2025', 920],
    ]);
    expect(store.db.prepare('SELECT count(*) AS n FROM collect_reporters').get()).toEqual({ n: 1 });
    expect(store.actualChoices()).toEqual([]);
    const [low] = store.listActuals();
    const choice = store.chooseActual('steel', '2025', low!.id, { author: '李四' });
    expect(choice).toMatchObject({ series: 'steel', period: '2025', chosen_id: low!.id, chosen_by: '李四' });
    expect(store.latestActuals().map((a) => a.value)).toEqual([610]);
  },
};

function fileAt(version: number): string {
  const dbPath = path.join(tmpDir(), 'studio.db');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  runMigrations(db, MIGRATIONS, version);
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  SEED_AT[version]?.(db);
  db.close();
  return dbPath;
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 ... and every one has a test seed', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    for (const m of MIGRATIONS) expect(SEED_AT[m.version - 1], `SEED_AT[${m.version - 1}]`).toBeTypeOf('function');
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) upgrades a file at version ${m.version - 1}, backing it up first`, () => {
      const dbPath = fileAt(m.version - 1);
      const store = openStore(dbPath, { plan: makePlan() });
      expect(store.version).toBe(LATEST_VERSION);
      expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      CHECK_AFTER[m.version - 1]?.(store);

      const backups = store.listBackups();
      expect(backups.map((b) => b.reason)).toEqual(['pre-upgrade']);
      const old = new Database(backups[0]!.file, { readonly: true });
      expect(old.pragma('user_version', { simple: true })).toBe(m.version - 1);
      old.close();
      store.close();
    });
  }

  it('a brand-new file needs no backup', () => {
    const dir = tmpDir();
    const store = openStore(path.join(dir, 'new.db'), { plan: makePlan() });
    expect(store.version).toBe(LATEST_VERSION);
    expect(store.listBackups()).toEqual([]);
    store.close();
  });

  it('runs a later migration on a file with data, keeping the data and a backup of the old file', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    const v = openStore(dbPath, { plan: makePlan() });
    const s = v.create({ name: '旧数据', assumptions: [cagr('steel', 0.1)] });
    v.close();

    const next: Migration = {
      version: LATEST_VERSION + 1,
      name: 'test: scenario colour',
      up: (db) => db.exec("ALTER TABLE scenarios ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'"),
    };
    const up = openStore(dbPath, { plan: makePlan(), migrations: [...MIGRATIONS, next] });
    expect(up.version).toBe(LATEST_VERSION + 1);
    expect(up.get(s.id).assumptions[0]!.model).toEqual({ type: 'cagr', rate: 0.1 });
    expect((up.db.prepare('SELECT colour FROM scenarios WHERE id = ?').get(s.id) as { colour: string }).colour).toBe('blue');
    const [backup] = up.listBackups();
    expect(backup!.reason).toBe('pre-upgrade');
    up.close();
    const old = new Database(backup!.file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect((old.prepare('SELECT name FROM scenarios WHERE id = ?').get(s.id) as { name: string }).name).toBe('旧数据');
    old.close();
  });

  it('a failing migration rolls back with its version bump: the file stays at the old version, intact', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    const v = openStore(dbPath, { plan: makePlan() });
    const s = v.create({ name: '旧数据' });
    v.close();
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'test: fails half way',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        db.exec("UPDATE scenarios SET name = 'changed'");
        throw new Error('boom');
      },
    };
    const e = err(() => openStore(dbPath, { plan: makePlan(), migrations: [...MIGRATIONS, broken] }));
    expect(e.code).toBe('io');
    expect(e.message_en).toContain('boom');

    const raw = new Database(dbPath, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    raw.close();
    const again = openStore(dbPath, { plan: makePlan() });
    expect(again.get(s.id).name).toBe('旧数据');
    expect(again.listBackups().map((b) => b.reason)).toEqual(['pre-upgrade']);
    again.close();
  });

  it('refuses a file from a newer program, naming both versions, and leaves it untouched', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    const v = openStore(dbPath, { plan: makePlan() });
    v.create({ name: '未来' });
    v.close();
    const raw = new Database(dbPath);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const bytes = fs.readFileSync(dbPath);

    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('future_version');
    expect(e.details).toMatchObject({ fileVersion: LATEST_VERSION + 5, supportedVersion: LATEST_VERSION, path: dbPath });
    expect(e.message_zh).toContain(String(LATEST_VERSION + 5));
    expect(e.message_zh).toContain(String(LATEST_VERSION));
    expect(e.message_en).toMatch(new RegExp(`version ${LATEST_VERSION + 5}.*up to ${LATEST_VERSION}`));
    expect(fs.readFileSync(dbPath)).toEqual(bytes);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a scenario document written by a newer program', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'studio.db');
    const v = openStore(dbPath, { plan: makePlan() });
    const s = v.create({ name: 'x' });
    v.db.prepare("UPDATE revisions SET doc_json = json_set(doc_json, '$.schema_version', 2) WHERE scenario_id = ?").run(s.id);
    v.close();
    const again = openStore(dbPath, { plan: makePlan() });
    expect(err(() => again.get(s.id)).code).toBe('future_version');
    again.close();
  });

  it('refuses a SQLite file that is not ours, untouched', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'other.db');
    const raw = new Database(dbPath);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    const bytes = fs.readFileSync(dbPath);
    const e = err(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('invalid');
    expect(e.message_en).toMatch(/not a scenario database/);
    expect(fs.readFileSync(dbPath)).toEqual(bytes);
  });
});

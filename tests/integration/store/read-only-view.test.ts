/**
 * The read-only view (issue 19 item 5): a database whose file or folder cannot be written is
 * opened read-only. Everything reads as before (list, resolve, projection, export to another
 * folder), AppInfo says read_only, and every write channel is refused with 'read_only' in both
 * languages naming the file or folder, with the database file byte for byte unchanged.
 *
 * Tests run as root, where permission bits stop nothing: the file or folder is made immutable
 * (`chattr +i`, which stops root too) as well as chmod'ed, and cleared after each test.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import { CHANNELS, WRITE_CHANNELS, dispatch, type AppInfo, type Channel, type ScenarioMeta } from '../../../contract';
import { openStore, StoreError } from '../../../scenarios/store/store';
import { loadDefaultPlan } from '../../../scenarios/plan/load';

const isRoot = process.getuid?.() === 0;
const undo: (() => void)[] = [];
const dirs: string[] = [];

function lock(p: string): void {
  const isDir = fs.statSync(p).isDirectory();
  const mode = fs.statSync(p).mode & 0o777;
  fs.chmodSync(p, isDir ? 0o555 : 0o444);
  undo.push(() => fs.chmodSync(p, mode));
  if (isRoot) {
    execFileSync('chattr', ['+i', p], { stdio: 'pipe' });
    undo.push(() => execFileSync('chattr', ['-i', p], { stdio: 'pipe' }));
  }
}
function unlockAll(): void {
  for (const f of undo.splice(0).reverse()) {
    try {
      f();
    } catch {
      /* gone */
    }
  }
}
afterEach(unlockAll);
afterAll(() => {
  unlockAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A closed database of the real plan with work in it; the folder holds only the database. */
function populated(): { dir: string; db: string; ids: string[]; series: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ro-view-'));
  dirs.push(dir);
  const db = path.join(dir, 'studio.sqlite');
  const api = createApi({ dbPath: db, host: 'cli' });
  const series = api.plan.series.find((s) => !s.derived)!.id;
  const ids = [0, 1, 2].map(
    (i) =>
      api.store.create({
        name: `已保存${i}`,
        parent_id: 'baseline',
        assumptions: [{ series, model: { type: 'cagr', rate: 0.05 + i / 100 } }],
      }).id,
  );
  api.close();
  expect(fs.readdirSync(dir)).toEqual(['studio.sqlite']); // a clean close: no -wal, no -shm
  return { dir, db, ids, series };
}

/** A request per write channel that passes the contract's schemas. */
function writeRequests(ids: string[], series: string, plan: Api['plan']): Record<string, Record<string, unknown>> {
  const csv = Buffer.from(`指标,期间,累计值\n${series},2026年1-3月,500\n`).toString('base64');
  const actual = { series, period: '2025', value: 1, source: { title: '测试', url: null, date: null, reliability: 'official' } };
  return {
    'plan:activate': { default: true },
    'settings:set': { tolerance: 0.04 },
    'scenarios:create': { name: '新情景', parent_id: 'baseline' },
    'scenarios:update': { id: ids[0], name: '改名' },
    'scenarios:setAssumptions': { id: ids[0], assumptions: [{ series, model: { type: 'cagr', rate: 0.09 } }] },
    'scenarios:resetToParent': { id: ids[0], series },
    'scenarios:setGroupLoading': { id: ids[0], group: 'green_decay', loading: 0.5 },
    'scenarios:clone': { id: ids[0], name: '副本' },
    'scenarios:freeze': { id: ids[1], label: '报送版' },
    'scenarios:delete': { id: ids[2] },
    'scenarios:restore': { id: ids[2] },
    'scenarios:emptyTrash': { confirm: true },
    'scenarios:restoreRevision': { id: ids[0], rev: 1 },
    'scenarios:undo': { id: ids[0] },
    'scenarios:redo': { id: ids[0] },
    'scenarios:import': { content: { format: 'x' } },
    'scenarios:reforecast': { id: ids[0] },
    'nowcast:import': { content_base64: csv, kind: 'csv' },
    'actuals:add': { actuals: [actual] },
    'actuals:delete': { id: 1 },
    'actuals:import': {
      content_base64: csv,
      file_name: 'a.csv',
      data_from_line: 2,
      mapping: {
        series: 0,
        period: 1,
        value: 2,
        value_kind: -1,
        source_title: -1,
        source_url: -1,
        source_date: -1,
        reliability: -1,
        vintage: -1,
        note: -1,
      },
      source_title: '统计月报',
      reliability: 'official',
      dry_run: false,
    },
    'milestones:set': { id: plan.milestones[0]!.id, done: true },
    'collect:setReporters': { reporters: [{ series, unit: '市统计局' }] },
    'collect:createRound': { name: '第一轮', return_date: '2026-11-10', ytd_month: 10, units: ['市统计局'] },
    'collect:import': { round_id: 'r1', files: [{ name: '回收.xlsx', content_base64: csv }] },
    'collect:resolve': { id: 1, choice: 'keep' },
    'backups:create': {},
    'backups:restore': { name: 'studio.sqlite.manual.sqlite' },
  };
}

const readOnlyError = (e: { code?: string; message_zh?: string; message_en?: string } | null | undefined, where: string) =>
  !!e &&
  e.code === 'read_only' &&
  /只读/.test(e.message_zh ?? '') &&
  /read-only/i.test(e.message_en ?? '') &&
  (e.message_en ?? '').includes(where) &&
  (e.message_zh ?? '').includes(where);

describe.each([
  ['folder', (p: { dir: string; db: string }) => p.dir],
  ['file', (p: { dir: string; db: string }) => p.db],
] as const)('a read-only database %s', (_what, target) => {
  it('opens read-only: reads work, AppInfo says read_only, every write channel is refused, the file unchanged', async () => {
    const p = populated();
    const where = target(p);
    const before = sha(p.db);
    lock(where);

    const api = createApi({ dbPath: p.db, host: 'web' });
    try {
      expect(api.store.readOnly?.path).toBe(where);
      expect(api.store.warnings.map((w) => w.code)).toContain('read_only');
      const info = await dispatch(api.handlers, 'app:info', {}, { host: 'web' });
      expect(info.ok).toBe(true);
      if (!info.ok) return;
      const value = info.value as AppInfo;
      expect(value).toMatchObject({ read_only: true, read_only_reason: { path: where } });
      expect(value.read_only_reason!.message_zh).toMatch(/只读方式打开/);
      expect(value.read_only_reason!.message_en).toMatch(/open read-only/);

      // reads: the saved work is all there and computes
      const list = await dispatch(api.handlers, 'scenarios:list', {}, { host: 'web' });
      expect(list.ok && (list.value as ScenarioMeta[]).map((s) => s.name)).toEqual(
        expect.arrayContaining(['已保存0', '已保存1', '已保存2']),
      );
      const run = await dispatch(api.handlers, 'projection:run', { id: p.ids[1]! }, { host: 'web' });
      expect(run.ok, JSON.stringify(run).slice(0, 300)).toBe(true);
      const actuals = await dispatch(api.handlers, 'actuals:list', {}, { host: 'web' });
      expect(actuals.ok).toBe(true);
      const exported = await dispatch(api.handlers, 'scenarios:export', { workspace: true }, { host: 'web' });
      expect(exported.ok).toBe(true);
      // a dry run only checks, so it still answers
      const csv = Buffer.from(`指标,期间,累计值\n${p.series},2026年1-3月,500\n`).toString('base64');
      const dry = await dispatch(api.handlers, 'nowcast:import', { content_base64: csv, kind: 'csv', dry_run: true }, { host: 'web' });
      expect(dry.ok, JSON.stringify(dry).slice(0, 300)).toBe(true);

      // writes: every write channel, refused before its handler runs
      const requests = writeRequests(p.ids, p.series, api.plan);
      expect(Object.keys(requests).sort()).toEqual([...WRITE_CHANNELS].sort());
      for (const channel of WRITE_CHANNELS) {
        const env = await dispatch(api.handlers, channel, requests[channel], { host: 'web' });
        expect(env.ok, `${channel} answered ok in the read-only view`).toBe(false);
        if (env.ok) continue;
        expect(readOnlyError(env.error, where), `${channel}: ${JSON.stringify(env.error)}`).toBe(true);
      }
      // the store refuses its own writes too, whoever calls it
      let direct: unknown = null;
      try {
        api.store.create({ name: '绕过接口' });
      } catch (e) {
        direct = e;
      }
      expect(direct).toBeInstanceOf(StoreError);
      expect(readOnlyError(direct as StoreError, where)).toBe(true);
      expect(CHANNELS.filter((c) => !WRITE_CHANNELS.has(c as Channel)).length).toBeGreaterThan(20);
    } finally {
      api.close();
    }
    unlockAll();
    expect(sha(p.db)).toBe(before);
    // nothing written beside it (no -wal, -shm, backup folder) when the folder was the read-only part
    if (where === p.dir) expect(fs.readdirSync(p.dir)).toEqual(['studio.sqlite']);
    // writable again: opens for writing, with everything
    const store = openStore(p.db, { plan: loadDefaultPlan() });
    try {
      expect(store.readOnly).toBeNull();
      store.create({ name: '解锁后' });
    } finally {
      store.close();
    }
  });
});

describe('read-only cases that cannot be viewed', () => {
  it('a new database in a read-only folder is refused (nothing to view)', () => {
    const p = populated();
    lock(p.dir);
    let e: StoreError | null = null;
    try {
      openStore(path.join(p.dir, 'new.sqlite'), { plan: loadDefaultPlan() });
    } catch (x) {
      e = x as StoreError;
    }
    expect(e?.code).toBe('read_only');
  });

  it('a database that needs an upgrade: refused read_only naming both versions, unchanged', () => {
    const p = populated();
    const raw = new Database(p.db);
    const version = raw.pragma('user_version', { simple: true }) as number;
    raw.pragma(`user_version = ${version - 1}`);
    raw.close();
    const before = sha(p.db);
    lock(p.db);
    let e: StoreError | null = null;
    try {
      openStore(p.db, { plan: loadDefaultPlan() });
    } catch (x) {
      e = x as StoreError;
    }
    expect(e?.code).toBe('read_only');
    expect(e?.message_zh).toMatch(new RegExp(`版本 ${version - 1} → ${version}`));
    expect(e?.message_en).toMatch(/needs an upgrade/);
    unlockAll();
    expect(sha(p.db)).toBe(before);
  });
});

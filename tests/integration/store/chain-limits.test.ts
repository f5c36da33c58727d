/**
 * Bounded structures (issue 19, item 4): chains of parents hold at most MAX_CHAIN_DEPTH (50)
 * scenarios, checked at create, re-parent, undo and import, refused naming the scenario; a database
 * that already holds a 10,000-deep chain (written straight into SQLite) still opens, lists and
 * resolves, and its export is refused as the import would be; export and import agree on the number
 * of scenarios per file, so a workspace of more than 10,000 scenarios round-trips.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CHAIN_DEPTH } from '../../../scenarios/store/depth';
import { checkFileLimits, MAX_FILE_SCENARIOS } from '../../../scenarios/store/files';
import { openStore, StoreError, type ScenarioStore } from '../../../scenarios/store/store';
import { cleanupTmp, fakeClock, makePlan, openTmp } from './fixtures';

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

/** A chain of `n` new scenarios, the first a root; returns their ids top down. */
function chain(store: ScenarioStore, n: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(store.create({ name: `${prefix}${i + 1}`, parent_id: ids[i - 1] ?? null }).id);
  return ids;
}

const count = (store: ScenarioStore) => (store.db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;

describe('chain depth', () => {
  it('create: 50 levels are accepted, the 51st is refused naming it, in both languages', () => {
    const { store } = openTmp();
    expect(MAX_CHAIN_DEPTH).toBe(50);
    const ids = chain(store, 50, '层');
    const before = count(store);
    const e = err(() => store.create({ name: '第五十一层', parent_id: ids[49]! }));
    expect(e.code).toBe('invalid');
    expect(e.message_zh).toContain('第五十一层');
    expect(e.message_zh).toContain('50');
    expect(e.message_en).toContain('第五十一层');
    expect(e.message_en).toMatch(/limit of 50/);
    expect(e.details).toMatchObject({ field: 'parent_id' });
    expect(count(store)).toBe(before);
    // a sibling higher up is fine
    expect(store.create({ name: '旁支', parent_id: ids[48]! }).parent_id).toBe(ids[48]);
  });

  it('update: a re-parent that would make any chain (the moved subtree included) deeper than 50 is refused', () => {
    const { store } = openTmp();
    const a = chain(store, 30, 'A');
    const b = chain(store, 21, 'B');
    // B1..B21 under A30: B21 would sit at 30 + 21 = 51
    const e = err(() => store.update(b[0]!, { parent_id: a[29]! }));
    expect(e.message_zh).toContain('B1');
    expect(e.message_en).toContain('"B1"');
    expect(store.get(b[0]!).parent_id).toBeNull();
    // under A29 the deepest is 29 + 21 = 50: accepted
    expect(store.update(b[0]!, { parent_id: a[28]! }).parent_id).toBe(a[28]);
    // undo back to a root, make B one deeper, then the redo of the move is checked again
    store.undo(b[0]!);
    expect(store.get(b[0]!).parent_id).toBeNull();
    store.create({ name: 'B22', parent_id: b[20]! });
    const redo = err(() => store.redo(b[0]!));
    expect(redo.message_zh).toMatch(/^无法重做：.*B1/);
    expect(redo.message_en).toMatch(/^Cannot redo: .*limit of 50/);
    expect(store.get(b[0]!).parent_id).toBeNull();
  });

  it('import: a file whose chain is 51 deep, or 10,000 deep, is refused naming the scenario; 50 deep imports', () => {
    const { store } = openTmp();
    const file = (n: number) => ({
      format: 'xianning-plan-studio/scenario',
      format_version: 1,
      plan_id: 'test_plan',
      exported_at: '2025-03-01T08:00:00.000Z',
      scenarios: Array.from({ length: n }, (_, i) => ({ id: `f${i}`, name: `文件${i}`, parent_id: i ? `f${i - 1}` : null })),
    });
    const before = count(store);
    const e = err(() => store.importFile(file(51)));
    expect(e.message_zh).toContain('文件50');
    expect(e.message_zh).toContain('导入文件 scenarios[50]');
    expect(e.message_en).toContain('Import file scenarios[50]');
    expect(e.details).toMatchObject({ field: 'scenarios[50].parent_id' });
    const deep = err(() => store.importFile(file(10_000)));
    expect(deep.message_en).toMatch(/more than 50 levels/);
    expect(count(store)).toBe(before);
    expect(store.importFile(file(50)).created).toHaveLength(50);
    // a file chain hung under a local preset counts the preset's levels too
    const underPreset = file(50);
    underPreset.scenarios[0] = {
      ...underPreset.scenarios[0]!,
      parent_id: 'baseline',
      parent_preset_id: 'baseline',
    } as (typeof underPreset.scenarios)[0];
    expect(err(() => store.importFile(underPreset)).message_zh).toContain('文件49');
  });

  it('a database already holding a 10,000-deep chain opens, lists, resolves the deepest, and refuses to export it as import would', () => {
    const { store, dbPath } = openTmp();
    const root = store.create({ name: '根' });
    const rev = store.db.prepare('SELECT doc_json FROM revisions WHERE scenario_id = ?').get(root.id) as { doc_json: string };
    const insert = store.db.transaction(() => {
      const s = store.db.prepare(
        `INSERT INTO scenarios (id, name, description, tags_json, parent_id, preset_id, seed, frozen, frozen_label, deleted_at, created_at, updated_at, head_rev)
         SELECT ?, ?, description, tags_json, ?, NULL, seed, 0, NULL, NULL, created_at, updated_at, 1 FROM scenarios WHERE id = ?`,
      );
      const r = store.db.prepare(
        'INSERT INTO revisions (scenario_id, rev, parent_rev, op, author, created_at, doc_json) SELECT ?, 1, NULL, op, author, created_at, ? FROM revisions WHERE scenario_id = ?',
      );
      let parent = root.id;
      for (let i = 1; i < 10_000; i++) {
        const id = `deep_${i}`;
        s.run(id, `深${i}`, parent, root.id);
        r.run(id, JSON.stringify({ ...JSON.parse(rev.doc_json), name: `深${i}`, parent_id: parent }), root.id);
        parent = id;
      }
    });
    insert();
    store.close();
    const reopened = openStore(dbPath, { plan: makePlan(), now: fakeClock() });
    expect(reopened.list().length).toBeGreaterThanOrEqual(10_000);
    const deepest = reopened.resolve('deep_9999');
    expect(deepest).toBeTruthy();
    // exporting the deepest one, or the workspace, is refused as its import would be
    const e = err(() => reopened.exportScenario('deep_9999'));
    expect(e.message_zh).toContain('无法导出');
    expect(e.message_en).toMatch(/Cannot export scenarios\[50\]: scenario "深50"/);
    expect(err(() => reopened.exportWorkspace()).message_en).toMatch(/Cannot export/);
    expect(err(() => reopened.create({ name: '更深', parent_id: 'deep_9999' })).message_zh).toContain('更深');
    reopened.close();
  });
});

describe('scenarios per file', () => {
  it('a workspace of more than 10,000 scenarios exports and imports again: both sides hold the same limit', () => {
    const a = openTmp().store;
    const n = 10_050;
    a.importFile({
      format: 'xianning-plan-studio/workspace',
      format_version: 1,
      plan_id: 'test_plan',
      exported_at: '2025-03-01T08:00:00.000Z',
      scenarios: Array.from({ length: n }, (_, i) => ({ id: `w${i}`, name: `批量${i}`, parent_id: i % 40 ? `w${i - 1}` : null })),
    });
    const ws = a.exportWorkspace();
    expect(ws.scenarios.length).toBeGreaterThan(10_000);
    expect(ws.scenarios.length).toBeLessThanOrEqual(MAX_FILE_SCENARIOS);
    const b = openTmp().store;
    const before = count(b);
    const r = b.importFile(JSON.parse(JSON.stringify(ws)));
    expect(r.created.length + r.mapped_presets.length).toBe(ws.scenarios.length);
    expect(count(b) - before).toBe(r.created.length);
  });

  it('over the per-file limit, export refuses as the import does, naming the count and the limit', () => {
    const big = { scenarios: new Array(MAX_FILE_SCENARIOS + 1).fill(null) };
    const e = err(() => checkFileLimits(big));
    expect(e.message_zh).toContain('100,001');
    expect(e.message_en).toContain('limit of 100,000');
  });
});

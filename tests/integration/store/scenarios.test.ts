import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, fakeClock, makePlan, openTmp, revisionCount } from './fixtures';

afterEach(cleanupTmp);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('presets', () => {
  it('seeds one scenario per plan preset on first open, the root storing no overrides', () => {
    const { store, dbPath } = openTmp();
    const list = store.list();
    expect(list.map((s) => [s.name, s.preset_id])).toEqual([
      ['基准情景', 'baseline'],
      ['乐观情景', 'stretch'],
      ['保守情景', 'cautious'],
    ]);
    const baseline = store.get('baseline');
    expect(baseline.assumptions).toEqual([]);
    expect(baseline.parent_id).toBeNull();
    expect(baseline.description).toBe('按当前趋势');
    const stretch = store.get(list[1]!.id);
    expect(stretch.parent_id).toBe(baseline.id);
    expect(stretch.assumptions.map((a) => a.series)).toEqual(['gdp']);
    expect(stretch.head_rev).toBe(1);
    expect(store.history(stretch.id)[0]!.op).toBe('seed');

    // reopening does not seed again
    store.close();
    const again = openStore(dbPath, { plan: makePlan() });
    expect(again.list()).toHaveLength(3);
    expect(revisionCount(again)).toBe(3);
    again.close();
  });

  it('seeds the same preset seeds on every laptop', () => {
    const a = openTmp().store;
    const b = openTmp().store;
    expect(a.list().map((s) => s.seed)).toEqual(b.list().map((s) => s.seed));
    a.close();
    b.close();
  });

  it('refuses a database of another plan', () => {
    const { store, dbPath } = openTmp();
    store.close();
    const other = { ...makePlan(), id: 'other_plan' };
    try {
      openStore(dbPath, { plan: other });
      expect.unreachable();
    } catch (e) {
      expect((e as StoreError).code).toBe('invalid');
      expect((e as StoreError).message_en).toContain('test_plan');
      expect((e as StoreError).message_en).toContain('other_plan');
    }
  });

  it('presets cannot be deleted', () => {
    const { store } = openTmp();
    expect(code(() => store.delete('baseline'))).toBe('invalid');
    store.close();
  });
});

describe('inheritance', () => {
  it('resolves scenario -> parent -> ... -> plan defaults, naming where each value comes from', () => {
    const { store } = openTmp();
    const stretch = store.list().find((s) => s.preset_id === 'stretch')!;
    const child = store.create({ name: '钢铁加快', parent_id: stretch.id, assumptions: [cagr('steel', 0.12)] });
    const grandchild = store.create({ name: '钢铁加快+出口', parent_id: child.id, assumptions: [cagr('exports', 0.15)] });

    const r = store.resolve(grandchild.id);
    expect(r.chain.map((c) => c.id)).toEqual([grandchild.id, child.id, stretch.id, 'baseline']);
    expect(r.assumptions.exports!.from).toBe(grandchild.id);
    expect(r.assumptions.steel!.from).toBe(child.id);
    expect(r.assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.12 });
    expect(r.assumptions.gdp!.from).toBe(stretch.id);
    expect(r.assumptions.gdp!.model).toEqual({ type: 'cagr', rate: 0.075 });
    expect(r.assumptions.mfg!.from).toBe('plan:baseline');
    expect(r.assumptions.energy!.model.type).toBe('intensity_decay');
    expect(Object.keys(r.assumptions).sort()).toEqual(['energy', 'exports', 'gdp', 'mfg', 'projects', 'steel']);

    // the baseline is the plan defaults
    const rb = store.resolve('baseline');
    expect(Object.values(rb.assumptions).every((a) => a.from === 'plan:baseline')).toBe(true);
    store.close();
  });

  it('a child stores only its overrides; reset to parent removes one', () => {
    const { store } = openTmp();
    const child = store.create({ name: '子情景', parent_id: 'baseline' });
    store.setAssumption(child.id, cagr('steel', 0.1));
    store.setAssumption(child.id, cagr('gdp', 0.05));
    expect(store.get(child.id).assumptions.map((a) => a.series)).toEqual(['steel', 'gdp']);

    const after = store.resetToParent(child.id, 'steel');
    expect(after.assumptions.map((a) => a.series)).toEqual(['gdp']);
    expect(store.resolve(child.id).assumptions.steel!.from).toBe('plan:baseline');
    expect(store.resolve(child.id).assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.08 });
    expect(store.history(child.id).map((h) => h.op)).toEqual(['reset_to_parent', 'set_assumption', 'set_assumption', 'create']);

    // resetting a series that is not overridden changes nothing and writes nothing
    const n = revisionCount(store, child.id);
    store.resetToParent(child.id, 'steel');
    expect(revisionCount(store, child.id)).toBe(n);
    store.close();
  });

  it('editing a parent shows in its children', () => {
    const { store } = openTmp();
    const parent = store.create({ name: 'P', assumptions: [cagr('steel', 0.1)] });
    const child = store.create({ name: 'C', parent_id: parent.id });
    expect(child.seed).toBe(parent.seed);
    store.setAssumption(parent.id, cagr('steel', 0.2));
    expect(store.resolve(child.id).assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.2 });
    store.close();
  });

  it('setAssumptions writes one revision and stamps author and time', () => {
    const { store } = openTmp({ now: () => new Date('2025-05-05T00:00:00Z') });
    const s = store.create({ name: 'S' });
    const out = store.setAssumptions(s.id, [cagr('steel', 0.1), cagr('gdp', 0.05)], { author: '张三' });
    expect(out.head_rev).toBe(2);
    expect(revisionCount(store, s.id)).toBe(2);
    expect(out.assumptions.every((a) => a.author === '张三' && a.updated_at === '2025-05-05T00:00:00.000Z')).toBe(true);
    expect(store.history(s.id)[0]).toMatchObject({ op: 'set_assumptions', author: '张三', is_head: true });
    store.close();
  });

  it('uses the user_name setting as the default author', () => {
    const { store } = openTmp();
    store.setSetting('user_name', '李四');
    const s = store.create({ name: 'S' });
    store.setAssumption(s.id, cagr('steel', 0.1));
    expect(store.history(s.id).map((h) => h.author)).toEqual(['李四', '李四']);
    expect(store.get(s.id).assumptions[0]!.author).toBe('李四');
    store.close();
  });
});

describe('update, clone', () => {
  it('renames, re-describes, re-tags and re-parents', () => {
    const { store } = openTmp();
    const a = store.create({ name: 'A', tags: ['钢铁'] });
    const b = store.create({ name: 'B' });
    const u = store.update(a.id, { name: 'A2', description: '说明', tags: ['钢铁', '出口', '钢铁'], parent_id: b.id });
    expect(u).toMatchObject({ name: 'A2', description: '说明', tags: ['钢铁', '出口'], parent_id: b.id, head_rev: 2 });
    expect(store.list().find((s) => s.id === a.id)!.name).toBe('A2');
    store.close();
  });

  it('clone copies own assumptions, parent and seed under a new name and id', () => {
    const { store } = openTmp();
    const src = store.create({ name: '源', parent_id: 'baseline', assumptions: [cagr('steel', 0.11)], tags: ['t'] });
    const c = store.clone(src.id, '副本');
    expect(c.id).not.toBe(src.id);
    expect(c).toMatchObject({ name: '副本', parent_id: 'baseline', seed: src.seed, tags: ['t'], frozen: false, head_rev: 1 });
    expect(c.assumptions).toEqual(src.assumptions);
    expect(store.history(c.id)[0]!.op).toBe('clone');
    store.close();
  });
});

describe('freeze', () => {
  it('refuses every mutation of a frozen scenario with "frozen"; clone still works', () => {
    const { store } = openTmp();
    const s = store.create({ name: '评估版', assumptions: [cagr('steel', 0.1)] });
    const f = store.freeze(s.id, '2025年中期评估');
    expect(f).toMatchObject({ frozen: true, frozen_label: '2025年中期评估' });
    const n = revisionCount(store, s.id);
    expect(code(() => store.setAssumption(s.id, cagr('steel', 0.2)))).toBe('frozen');
    expect(code(() => store.setAssumptions(s.id, [cagr('steel', 0.2)]))).toBe('frozen');
    expect(code(() => store.update(s.id, { name: 'x' }))).toBe('frozen');
    expect(code(() => store.resetToParent(s.id, 'steel'))).toBe('frozen');
    expect(code(() => store.freeze(s.id, 'again'))).toBe('frozen');
    expect(code(() => store.delete(s.id))).toBe('frozen');
    expect(code(() => store.undo(s.id))).toBe('frozen');
    expect(code(() => store.restoreRevision(s.id, 1))).toBe('frozen');
    expect(revisionCount(store, s.id)).toBe(n);
    expect(store.undoState(s.id)).toMatchObject({ can_undo: false, can_redo: false });

    const c = store.clone(s.id, '评估版副本');
    expect(c.frozen).toBe(false);
    expect(store.setAssumption(c.id, cagr('steel', 0.3)).assumptions[0]!.model).toEqual({ type: 'cagr', rate: 0.3 });
    store.close();
  });

  it('pins the ancestors: editing a parent later does not move a frozen scenario', () => {
    const { store } = openTmp();
    const parent = store.create({ name: 'P', parent_id: 'baseline', assumptions: [cagr('steel', 0.1)] });
    const child = store.create({ name: 'C', parent_id: parent.id });
    store.freeze(child.id, '冻结');
    store.setAssumption(parent.id, cagr('steel', 0.3));
    store.setAssumption('baseline', cagr('gdp', 0.01));
    const r = store.resolve(child.id);
    expect(r.assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.1 });
    expect(r.assumptions.gdp!.model).toEqual({ type: 'cagr', rate: 0.06 });
    expect(r.chain.map((c) => c.id)).toEqual([child.id, parent.id, 'baseline']);
    // an unfrozen sibling follows the parent
    const sib = store.create({ name: 'S', parent_id: parent.id });
    expect(store.resolve(sib.id).assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.3 });
    store.close();
  });
});

describe('trash', () => {
  it('delete moves to the trash, children keep working, restore brings it back', () => {
    const { store } = openTmp();
    const p = store.create({ name: 'P', assumptions: [cagr('steel', 0.1)] });
    const c = store.create({ name: 'C', parent_id: p.id });
    const d = store.delete(p.id);
    expect(d.deleted_at).not.toBeNull();
    expect(store.list().map((s) => s.id)).not.toContain(p.id);
    expect(store.trash().map((s) => s.id)).toEqual([p.id]);
    expect(store.list({ state: 'all' }).map((s) => s.id)).toContain(p.id);
    // the child still resolves through its trashed parent
    expect(store.resolve(c.id).assumptions.steel!.from).toBe(p.id);
    expect(store.setAssumption(c.id, cagr('gdp', 0.02)).head_rev).toBe(2);
    // a trashed scenario cannot be edited, nor be a new parent
    expect(code(() => store.setAssumption(p.id, cagr('gdp', 0.02)))).toBe('invalid');
    expect(code(() => store.create({ name: 'X', parent_id: p.id }))).toBe('invalid');
    // undo of the delete restores it, as does restore
    store.undo(p.id);
    expect(store.get(p.id).deleted_at).toBeNull();
    store.delete(p.id);
    const r = store.restore(p.id);
    expect(r.deleted_at).toBeNull();
    expect(
      store
        .history(p.id)
        .map((h) => h.op)
        .slice(0, 3),
    ).toEqual(['restore', 'delete', 'delete']);
    store.close();
  });

  it('emptyTrash needs confirm, refuses while a live scenario has a trashed parent, and names it', () => {
    const { store } = openTmp();
    const p = store.create({ name: '父情景甲' });
    const c = store.create({ name: '子情景乙', parent_id: p.id });
    const lone = store.create({ name: '孤立丙' });
    store.setAssumption(lone.id, cagr('steel', 0.2));
    store.delete(p.id);
    store.delete(lone.id);

    try {
      store.emptyTrash({} as { confirm: true });
      expect.unreachable();
    } catch (e) {
      expect((e as StoreError).code).toBe('invalid');
      expect((e as StoreError).message_en).toMatch(/confirm/);
      expect((e as StoreError).message_zh).toMatch(/确认/);
    }
    try {
      store.emptyTrash({ confirm: true });
      expect.unreachable();
    } catch (e) {
      const se = e as StoreError;
      expect(se.code).toBe('invalid');
      expect(se.message_zh).toContain('子情景乙');
      expect(se.message_zh).toContain('父情景甲');
      expect(se.message_en).toContain('子情景乙');
      expect(se.details?.ids).toEqual([c.id]);
    }
    expect(store.trash()).toHaveLength(2); // nothing removed

    store.update(c.id, { parent_id: null });
    const out = store.emptyTrash({ confirm: true });
    expect(out.removed).toBe(2);
    expect(out.deleted.map((d) => d.name).sort()).toEqual(['孤立丙', '父情景甲'].sort());
    expect(out.backup).toMatch(/pre-empty-trash\.sqlite$/);
    expect(store.trash()).toEqual([]);
    expect(revisionCount(store, p.id)).toBe(0);
    expect(revisionCount(store, lone.id)).toBe(0);
    expect(code(() => store.get(p.id))).toBe('not_found');
    expect(store.get(c.id).name).toBe('子情景乙');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    store.close();
  });

  it('emptyTrash purges a trashed chain (child and parent both in the trash)', () => {
    const { store } = openTmp();
    const p = store.create({ name: 'P' });
    const c = store.create({ name: 'C', parent_id: p.id });
    store.delete(c.id);
    store.delete(p.id);
    expect(store.emptyTrash({ confirm: true }).removed).toBe(2);
    expect(store.list({ state: 'all' })).toHaveLength(3);
    store.close();
  });

  it('an empty trash empties to nothing', () => {
    const { store } = openTmp();
    expect(store.emptyTrash({ confirm: true })).toEqual({ removed: 0, deleted: [], backup: null });
    store.close();
  });
});

describe('two connections', () => {
  it("two stores on the same file see each other's writes (WAL, busy timeout)", () => {
    const { store, dbPath } = openTmp();
    const other = openStore(dbPath, { plan: makePlan(), now: fakeClock() });
    const a = store.create({ name: '甲' });
    const b = other.create({ name: '乙', parent_id: a.id });
    other.setAssumption(a.id, cagr('steel', 0.2));
    expect(store.resolve(b.id).assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.2 });
    expect(store.get(a.id).head_rev).toBe(2);
    // optimistic concurrency: a stale expected_rev is refused with 'conflict'
    expect(code(() => store.setAssumption(a.id, cagr('steel', 0.3), { expected_rev: 1 }))).toBe('conflict');
    expect(store.setAssumption(a.id, cagr('steel', 0.3), { expected_rev: 2 }).head_rev).toBe(3);
    other.close();
    store.close();
  });
});

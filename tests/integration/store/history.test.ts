import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type StoreError } from '../../../scenarios/store/store';
import { cagr, cleanupTmp, fakeClock, makePlan, openTmp, revisionCount } from './fixtures';

afterEach(cleanupTmp);

const rate = (s: { assumptions: { series: string; model: unknown }[] }, series: string) =>
  (s.assumptions.find((a) => a.series === series)?.model as { rate?: number } | undefined)?.rate ?? null;

describe('revisions', () => {
  it('every mutation appends one revision holding the full document', () => {
    const { store } = openTmp();
    const s = store.create({ name: 'S', description: 'd', tags: ['a'] });
    store.setAssumption(s.id, cagr('steel', 0.1));
    store.update(s.id, { name: 'S2' });
    const h = store.history(s.id);
    expect(h.map((r) => [r.rev, r.parent_rev, r.op, r.is_head])).toEqual([
      [3, 2, 'update', true],
      [2, 1, 'set_assumption', false],
      [1, null, 'create', false],
    ]);
    const r2 = store.getRevision(s.id, 2);
    expect(r2.revision).toMatchObject({ rev: 2, op: 'set_assumption' });
    expect(r2.name).toBe('S');
    expect(r2.doc).toMatchObject({ schema_version: 1, name: 'S', description: 'd', tags: ['a'] });
    expect(rate(r2, 'steel')).toBe(0.1);
    expect(store.getRevision(s.id, 3).name).toBe('S2');
    // the stored JSON carries its own schema version
    const raw = store.db.prepare('SELECT doc_json FROM revisions WHERE scenario_id = ? AND rev = 1').get(s.id) as { doc_json: string };
    expect(JSON.parse(raw.doc_json).schema_version).toBe(1);
    try {
      store.getRevision(s.id, 99);
      expect.unreachable();
    } catch (e) {
      expect((e as StoreError).code).toBe('not_found');
    }
    store.close();
  });

  it('undo and redo move the head without deleting anything, and survive reopening', () => {
    const { store, dbPath } = openTmp();
    const s = store.create({ name: 'S' });
    store.setAssumption(s.id, cagr('steel', 0.1)); // rev 2
    store.setAssumption(s.id, cagr('steel', 0.2)); // rev 3
    store.setAssumption(s.id, cagr('steel', 0.3)); // rev 4
    expect(store.undoState(s.id)).toEqual({ head_rev: 4, can_undo: true, can_redo: false });

    expect(rate(store.undo(s.id), 'steel')).toBe(0.2);
    expect(rate(store.undo(s.id), 'steel')).toBe(0.1);
    expect(store.undoState(s.id)).toEqual({ head_rev: 2, can_undo: true, can_redo: true });
    expect(revisionCount(store, s.id)).toBe(4);
    store.close();

    const again = openStore(dbPath, { plan: makePlan(), now: fakeClock('2025-04-01T00:00:00Z') });
    expect(again.get(s.id).head_rev).toBe(2);
    expect(rate(again.get(s.id), 'steel')).toBe(0.1);
    expect(again.resolve(s.id).assumptions.steel!.model).toEqual({ type: 'cagr', rate: 0.1 });
    expect(rate(again.redo(s.id), 'steel')).toBe(0.2);
    again.close();

    const third = openStore(dbPath, { plan: makePlan() });
    expect(third.undoState(s.id)).toEqual({ head_rev: 3, can_undo: true, can_redo: true });
    expect(rate(third.redo(s.id), 'steel')).toBe(0.3);
    expect(third.undoState(s.id).can_redo).toBe(false);
    third.undo(s.id);
    third.undo(s.id);
    third.undo(s.id);
    expect(third.get(s.id).assumptions).toEqual([]);
    expect(third.undoState(s.id)).toEqual({ head_rev: 1, can_undo: false, can_redo: true });
    try {
      third.undo(s.id);
      expect.unreachable();
    } catch (e) {
      expect((e as StoreError).code).toBe('invalid');
      expect((e as StoreError).message_en).toMatch(/Nothing to undo/);
    }
    third.close();
  });

  it('an edit after undo branches; redo follows the newest branch', () => {
    const { store } = openTmp();
    const s = store.create({ name: 'S' });
    store.setAssumption(s.id, cagr('steel', 0.1)); // 2
    store.setAssumption(s.id, cagr('steel', 0.2)); // 3
    store.undo(s.id); // head 2
    const b = store.setAssumption(s.id, cagr('steel', 0.5)); // 4, parent 2
    expect(b.head_rev).toBe(4);
    expect(store.getRevision(s.id, 4).revision.parent_rev).toBe(2);
    expect(store.undoState(s.id).can_redo).toBe(false);
    store.undo(s.id); // head 2
    expect(rate(store.redo(s.id), 'steel')).toBe(0.5); // newest child of 2 is 4, not 3
    expect(revisionCount(store, s.id)).toBe(4);
    store.close();
  });

  it('undo also reverts names, parents and tags', () => {
    const { store } = openTmp();
    const p = store.create({ name: 'P' });
    const s = store.create({ name: 'S', tags: ['x'] });
    store.update(s.id, { name: 'S-new', parent_id: p.id, tags: [] });
    const u = store.undo(s.id);
    expect(u).toMatchObject({ name: 'S', parent_id: null, tags: ['x'] });
    expect(store.list().find((m) => m.id === s.id)!.name).toBe('S');
    store.close();
  });

  it('restoreRevision writes a new revision equal to the old one', () => {
    const { store } = openTmp();
    const s = store.create({ name: 'S', assumptions: [cagr('steel', 0.1)] });
    store.update(s.id, { name: 'renamed', description: 'later' });
    store.setAssumption(s.id, cagr('gdp', 0.02));
    const r = store.restoreRevision(s.id, 1, { author: '王五' });
    expect(r.head_rev).toBe(4);
    expect(r).toMatchObject({ name: 'S', description: '' });
    expect(r.assumptions).toEqual(store.getRevision(s.id, 1).assumptions);
    const h = store.history(s.id)[0]!;
    expect(h).toMatchObject({ rev: 4, parent_rev: 3, op: 'restore_revision', author: '王五' });
    // undo of a restore goes back to what was there before it
    expect(store.undo(s.id).name).toBe('renamed');
    store.close();
  });

  it('undo to a parent that no longer exists is refused', () => {
    const { store } = openTmp();
    const p = store.create({ name: 'P' });
    const s = store.create({ name: 'S', parent_id: p.id });
    store.update(s.id, { parent_id: null });
    store.delete(p.id);
    store.emptyTrash({ confirm: true });
    const before = store.get(s.id);
    try {
      store.undo(s.id);
      expect.unreachable();
    } catch (e) {
      expect((e as StoreError).code).toBe('invalid');
      expect((e as StoreError).message_en).toMatch(/Cannot undo/);
    }
    expect(store.get(s.id)).toEqual(before);
    store.close();
  });
});

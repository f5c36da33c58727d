/** History entries name the series, the field and old -> new (issue 16 item 5). */
import { afterEach, describe, expect, it } from 'vitest';
import { cagr, cleanupTmp, openTmp } from './fixtures';

afterEach(cleanupTmp);

describe('store.history: what each assumption edit changed', () => {
  it('an edit lists series, field, old and new value in force; other ops list nothing', () => {
    const { store } = openTmp();
    const s = store.create({ name: 'S' });
    store.setAssumption(s.id, cagr('steel', 0.1));
    store.setAssumption(s.id, cagr('steel', 0.2));
    store.update(s.id, { name: 'S2' });
    store.resetToParent(s.id, 'steel');
    const h = store.history(s.id);
    const byRev = new Map(h.map((r) => [r.rev, r]));
    expect(byRev.get(3)!.changes).toEqual([{ series: 'steel', field: 'model.rate', old: 0.1, new: 0.2, model: 'cagr' }]);
    // the first override: from the value inherited, to 10%
    const first = byRev.get(2)!.changes!;
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((c) => c.series === 'steel')).toBe(true);
    expect(first.at(-1)!.new === 0.1 || first.some((c) => c.field === 'model.rate' && c.new === 0.1)).toBe(true);
    expect(byRev.get(4)!.changes).toBeUndefined(); // a rename
    expect(byRev.get(1)!.changes).toBeUndefined(); // the creation
    // reset to the parent: from 20% back to what is inherited
    const reset = byRev.get(5)!;
    expect(reset.op).toBe('reset_to_parent');
    expect(reset.changes?.some((c) => c.series === 'steel' && c.old !== c.new)).toBe(true);
    store.close();
  });
});

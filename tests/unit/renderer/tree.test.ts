import { describe, expect, it } from 'vitest';
import { depths, descendants, treeOrder } from '../../../renderer/src/lib/tree';

const list = [
  { id: 'c', parent_id: 'a' },
  { id: 'a', parent_id: null },
  { id: 'd', parent_id: 'c' },
  { id: 'b', parent_id: null },
  { id: 'orphan', parent_id: 'gone' },
];

describe('scenario tree', () => {
  it('orders parents before children, orphans as roots', () => {
    expect(treeOrder(list).map((s) => s.id)).toEqual(['a', 'c', 'd', 'b', 'orphan']);
  });
  it('computes depths and descendants', () => {
    expect(Object.fromEntries(depths(list))).toEqual({ c: 1, a: 0, d: 2, b: 0, orphan: 0 });
    expect([...descendants(list, 'a')].sort()).toEqual(['c', 'd']);
  });
  it('survives a cycle', () => {
    const cyc = [{ id: 'x', parent_id: 'y' }, { id: 'y', parent_id: 'x' }];
    expect(treeOrder(cyc)).toHaveLength(2);
    expect(depths(cyc).get('x')).toBe(1);
  });
});

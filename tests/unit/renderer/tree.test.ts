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
    const cyc = [
      { id: 'x', parent_id: 'y' },
      { id: 'y', parent_id: 'x' },
    ];
    expect(treeOrder(cyc)).toHaveLength(2);
    expect(depths(cyc).get('x')).toBe(1);
  });
});

describe('scenario tree, deep and wide (issue 19: a 10,000-deep chain overflowed the stack)', () => {
  // the chain in a shuffled order, so nothing relies on parents coming first
  const n = 10_000;
  const chain = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, parent_id: i === 0 ? null : `s${i - 1}` }));
  const shuffled = chain.map((s, i) => chain[(i * 7919) % n]!);

  it('orders, measures and walks a 10,000-deep chain without recursion', () => {
    expect(new Set(shuffled.map((s) => s.id)).size).toBe(n);
    expect(treeOrder(shuffled).map((s) => s.id)).toEqual(chain.map((s) => s.id));
    const d = depths(shuffled);
    expect(d.get('s0')).toBe(0);
    expect(d.get(`s${n - 1}`)).toBe(n - 1);
    expect(descendants(shuffled, 's0').size).toBe(n - 1);
    expect(descendants(shuffled, `s${n - 2}`)).toEqual(new Set([`s${n - 1}`]));
  });

  it('a 10,000-node cycle and 100,000 siblings: every node kept once', () => {
    const cycle = chain.map((s, i) => (i === 0 ? { ...s, parent_id: `s${n - 1}` } : s));
    expect(treeOrder(cycle)).toHaveLength(n);
    expect(depths(cycle).size).toBe(n);
    expect(descendants(cycle, 's0').size).toBe(n - 1);
    const wide = [{ id: 'root', parent_id: null }, ...Array.from({ length: 100_000 }, (_, i) => ({ id: `c${i}`, parent_id: 'root' }))];
    const order = treeOrder(wide);
    expect(order[0]!.id).toBe('root');
    expect(order[1]!.id).toBe('c0');
    expect(order[100_000]!.id).toBe('c99999');
    expect(descendants(wide, 'root').size).toBe(100_000);
  });

  it('matches the recursive definition on random forests', () => {
    // reference: the recursive versions the iterative ones replaced, on small inputs
    const refOrder = (list: { id: string; parent_id: string | null }[]) => {
      const ids = new Set(list.map((s) => s.id));
      const out: string[] = [];
      const visit = (p: string | null) => {
        for (const c of list.filter((s) => (s.parent_id && ids.has(s.parent_id) ? s.parent_id : null) === p)) {
          out.push(c.id);
          visit(c.id);
        }
      };
      visit(null);
      return out;
    };
    for (let seed = 1; seed <= 200; seed++) {
      let x = seed;
      const rand = (m: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % m);
      const size = 1 + rand(30);
      const list = Array.from({ length: size }, (_, i) => ({
        id: `n${i}`,
        parent_id: i > 0 && rand(4) > 0 ? `n${rand(i)}` : rand(5) === 0 ? 'missing' : null,
      }));
      const shuffledList = [...list].sort(() => 0).reverse();
      expect(
        treeOrder(shuffledList).map((s) => s.id),
        `seed ${seed}`,
      ).toEqual(refOrder(shuffledList));
      const d = depths(shuffledList);
      for (const s of list) {
        let k = 0;
        let p = list.find((q) => q.id === s.parent_id);
        while (p) {
          k++;
          p = list.find((q) => q.id === p!.parent_id);
        }
        expect(d.get(s.id), `seed ${seed} ${s.id}`).toBe(k);
      }
    }
  });
});

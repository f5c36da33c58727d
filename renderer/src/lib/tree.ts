/** The scenario inheritance tree: ordering, depth and descendants. Pure: unit-tested in Node. */

export interface TreeNode {
  id: string;
  parent_id: string | null;
}

/** Scenarios in tree order: each parent followed by its children (orphans become roots). */
export function treeOrder<S extends TreeNode>(list: readonly S[]): S[] {
  const ids = new Set(list.map((s) => s.id));
  const children = new Map<string | null, S[]>();
  for (const s of list) {
    const p = s.parent_id && ids.has(s.parent_id) ? s.parent_id : null;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  const out: S[] = [];
  const seen = new Set<string>();
  const visit = (p: string | null) => {
    for (const c of children.get(p) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      visit(c.id);
    }
  };
  visit(null);
  // a cycle (should not happen) would leave nodes out: append them rather than lose them
  for (const s of list) if (!seen.has(s.id)) out.push(s);
  return out;
}

/** Depth of each scenario in the tree (roots: 0). */
export function depths<S extends TreeNode>(list: readonly S[]): Map<string, number> {
  const byId = new Map(list.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  for (const s of list) {
    let n = 0;
    let p = s.parent_id ? byId.get(s.parent_id) : undefined;
    const seen = new Set<string>([s.id]);
    while (p && !seen.has(p.id)) {
      seen.add(p.id);
      n += 1;
      p = p.parent_id ? byId.get(p.parent_id) : undefined;
    }
    out.set(s.id, n);
  }
  return out;
}

/** The ids of a scenario's descendants (children, grandchildren ...). */
export function descendants<S extends TreeNode>(list: readonly S[], id: string): Set<string> {
  const out = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next: string[] = [];
    for (const s of list) if (s.parent_id && frontier.includes(s.parent_id) && !out.has(s.id) && s.id !== id) {
      out.add(s.id);
      next.push(s.id);
    }
    frontier = next;
  }
  return out;
}

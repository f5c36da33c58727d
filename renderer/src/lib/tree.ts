/**
 * The scenario inheritance tree: ordering, depth and descendants. Pure: unit-tested in Node.
 * Every function is a loop over explicit stacks and maps, linear in the number of scenarios, so a
 * database that holds a very deep chain (10,000 levels, written before chains were limited to
 * 50) still renders instead of overflowing the stack.
 */

export interface TreeNode {
  id: string;
  parent_id: string | null;
}

function childrenMap<S extends TreeNode>(list: readonly S[]): Map<string | null, S[]> {
  const ids = new Set(list.map((s) => s.id));
  const children = new Map<string | null, S[]>();
  for (const s of list) {
    const p = s.parent_id && ids.has(s.parent_id) ? s.parent_id : null;
    const siblings = children.get(p);
    if (siblings) siblings.push(s);
    else children.set(p, [s]);
  }
  return children;
}

/** Scenarios in tree order: each parent followed by its children (orphans become roots). */
export function treeOrder<S extends TreeNode>(list: readonly S[]): S[] {
  const children = childrenMap(list);
  const out: S[] = [];
  const seen = new Set<string>();
  // depth first, children in list order: push them reversed so the first comes off first
  const stack: S[] = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
    const kids = children.get(c.id);
    if (kids) for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  // a cycle (should not happen) would leave nodes out: append them rather than lose them
  for (const s of list) if (!seen.has(s.id)) out.push(s);
  return out;
}

/** Depth of each scenario in the tree (roots: 0); a scenario on a cycle counts from where the cycle closes. */
export function depths<S extends TreeNode>(list: readonly S[]): Map<string, number> {
  const byId = new Map(list.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  for (const s of list) {
    if (out.has(s.id)) continue;
    // walk up to a known depth, a root or a cycle, then fill the walked path downwards
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: S | undefined = s;
    let base = -1;
    while (cur) {
      const known = out.get(cur.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onPath.has(cur.id)) break;
      path.push(cur.id);
      onPath.add(cur.id);
      cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
    }
    for (let k = path.length - 1; k >= 0; k--) out.set(path[k]!, ++base);
  }
  return out;
}

/** The ids of a scenario's descendants (children, grandchildren ...). */
export function descendants<S extends TreeNode>(list: readonly S[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const s of list) {
    if (!s.parent_id) continue;
    const siblings = children.get(s.parent_id);
    if (siblings) siblings.push(s.id);
    else children.set(s.parent_id, [s.id]);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (c === id || out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/**
 * How deep a chain of parents may be (docs/reliability.md): at most `MAX_CHAIN_DEPTH` scenarios
 * from a root down to the last child, the root included. Checked when a scenario is created, when
 * one is re-parented (its whole subtree moves with it) and for every scenario of an import file.
 * Every walk here is a loop with a bound, never a recursion, so a database that already holds a far
 * deeper chain (written before this limit, or by hand) is still read without overflowing the stack.
 */
import type Database from 'better-sqlite3';
import { invalid, type StoreError } from './errors';

export const MAX_CHAIN_DEPTH = 50;

function tooDeep(name: string, levels: number, field: string, where?: { zh: string; en: string }): StoreError {
  const shown = levels > MAX_CHAIN_DEPTH ? `${MAX_CHAIN_DEPTH} 层以上` : `${levels} 层`;
  const shownEn = levels > MAX_CHAIN_DEPTH ? `more than ${MAX_CHAIN_DEPTH} levels` : `${levels} levels`;
  return invalid(
    `${where ? `${where.zh}：` : ''}情景“${name}”的父情景链会有 ${shown}，超过 ${MAX_CHAIN_DEPTH} 层的上限；请把它挂到层级更浅的父情景下`,
    `${where ? `${where.en}: ` : ''}scenario "${name}" would sit in a parent chain of ${shownEn}, over the limit of ${MAX_CHAIN_DEPTH}; give it a parent higher up`,
    field,
  );
}

/**
 * Levels of the chain that ends at `id` (a root alone is 1), walking up through `parentOf`;
 * stops counting at `MAX_CHAIN_DEPTH + 1` and at a cycle.
 */
function chainLevels(id: string, parentOf: (id: string) => string | null | undefined): number {
  const seen = new Set<string>();
  let levels = 0;
  let cur: string | null | undefined = id;
  while (cur && !seen.has(cur) && levels <= MAX_CHAIN_DEPTH) {
    seen.add(cur);
    levels++;
    cur = parentOf(cur);
  }
  return levels;
}

/** Levels below `id` (0 for a scenario without children), breadth first, bounded like `chainLevels`. */
function levelsBelow(id: string, childrenOf: (id: string) => string[]): number {
  const seen = new Set<string>([id]);
  let frontier = [id];
  let below = 0;
  while (below <= MAX_CHAIN_DEPTH) {
    const next: string[] = [];
    for (const p of frontier)
      for (const c of childrenOf(p))
        if (!seen.has(c)) {
          seen.add(c);
          next.push(c);
        }
    if (next.length === 0) break;
    below++;
    frontier = next;
  }
  return below;
}

/**
 * Refuses to put scenario `id` (null: a new one, named `name`) under `parentId` when the chain
 * from a root to its deepest descendant would then be longer than `MAX_CHAIN_DEPTH`.
 */
export function checkChainDepth(db: Database.Database, id: string | null, parentId: string, name: string, field = 'parent_id'): void {
  const parentStmt = db.prepare<[string], { parent_id: string | null }>('SELECT parent_id FROM scenarios WHERE id = ?');
  const above = chainLevels(parentId, (p) => parentStmt.get(p)?.parent_id);
  let below = 0;
  if (id !== null) {
    const childStmt = db.prepare<[string], { id: string }>('SELECT id FROM scenarios WHERE parent_id = ?');
    below = levelsBelow(id, (p) => childStmt.all(p).map((r) => r.id));
  }
  const levels = above + 1 + below;
  if (levels > MAX_CHAIN_DEPTH) throw tooDeep(name, levels, field);
}

/**
 * The same limit for an import file: `parentOf(i)` is the file index of scenario i's parent, or
 * `{ local }` for a scenario already in the database (a preset), or null. Refuses, naming the first
 * scenario too deep, before anything is written or ordered.
 */
export function checkImportChainDepth(
  count: number,
  parentOf: (i: number) => { file: number } | { local: string } | null | undefined,
  localLevels: (id: string) => number,
  nameOf: (i: number) => string,
  where: { zh: string; en: string } = { zh: '导入文件', en: 'Import file' },
): void {
  const tooDeepInFile = (i: number, levels: number) =>
    tooDeep(nameOf(i), levels, `scenarios[${i}].parent_id`, { zh: `${where.zh} scenarios[${i}]`, en: `${where.en} scenarios[${i}]` });
  const known = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    // walk up to the first scenario whose levels are known (or a root, or the database)
    const trail: number[] = [];
    const onTrail = new Set<number>();
    let base = 0;
    let cur: number | null = i;
    while (cur !== null) {
      const k = known.get(cur);
      if (k !== undefined) {
        base = k;
        break;
      }
      if (trail.length > MAX_CHAIN_DEPTH) throw tooDeepInFile(i, MAX_CHAIN_DEPTH + 1);
      // a cycle: the caller's ordering reports it as such
      if (onTrail.has(cur)) break;
      trail.push(cur);
      onTrail.add(cur);
      const p: { file: number } | { local: string } | null | undefined = parentOf(cur);
      if (p && 'file' in p) cur = p.file;
      else {
        base = p && 'local' in p ? localLevels(p.local) : 0;
        cur = null;
      }
    }
    for (let t = trail.length - 1; t >= 0; t--) {
      base = Math.min(base + 1, MAX_CHAIN_DEPTH + 1);
      known.set(trail[t]!, base);
    }
    const levels = known.get(i) ?? base;
    if (levels > MAX_CHAIN_DEPTH) throw tooDeepInFile(i, levels);
  }
}

/** Local levels for `checkImportChainDepth`: the chain above (and including) a database row. */
export function storedChainLevels(db: Database.Database): (id: string) => number {
  const parentStmt = db.prepare<[string], { parent_id: string | null }>('SELECT parent_id FROM scenarios WHERE id = ?');
  return (id) => chainLevels(id, (p) => parentStmt.get(p)?.parent_id);
}

/**
 * An export is held to the import's limit (the app always reads its own files): a database that
 * already holds a deeper chain exports only once it is re-parented.
 */
export function checkExportChainDepth(
  db: Database.Database,
  scenarios: readonly { id: string; parent_id: string | null; name: string }[],
): void {
  const index = new Map(scenarios.map((s, i) => [s.id, i]));
  checkImportChainDepth(
    scenarios.length,
    (i) => {
      const p = scenarios[i]!.parent_id;
      if (!p) return null;
      const f = index.get(p);
      return f !== undefined ? { file: f } : { local: p };
    },
    storedChainLevels(db),
    (i) => scenarios[i]!.name,
    { zh: '无法导出', en: 'Cannot export' },
  );
}

/** Items ordered parents first (a loop, not a recursion: any depth, and it stops at a cycle). */
export function parentsFirst<T>(items: readonly T[], id: (t: T) => string, parent: (t: T) => string | null): T[] {
  const byId = new Map(items.map((t) => [id(t), t]));
  const seen = new Set<string>();
  const out: T[] = [];
  for (const start of items) {
    const up: T[] = [];
    let cur: T | undefined = start;
    while (cur && !seen.has(id(cur))) {
      seen.add(id(cur));
      up.push(cur);
      const p = parent(cur);
      cur = p ? byId.get(p) : undefined;
    }
    for (let k = up.length - 1; k >= 0; k--) out.push(up[k]!);
  }
  return out;
}

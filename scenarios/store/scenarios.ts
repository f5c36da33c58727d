/**
 * The scenarios repository: the scenarios table and the revision documents behind it. Reading a
 * scenario and resolving its chain (scenario -> parent -> ... -> plan defaults, a frozen one at
 * its pinned revisions), creating, editing, cloning, freezing, trashing and emptying the trash,
 * and the one path every change to an existing scenario takes (`mutate`: one transaction, one
 * revision). The history of a scenario (undo, redo, restore) is history.ts.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { withRationaleState } from '../../models/rationale';
import type { Assumption, Preset } from '../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../models/types';
import { backupPath, vacuumInto } from './backup';
import type { StoreContext } from './context';
import { checkChainDepth } from './depth';
import { diffAssumptions, diffWithEffect as diffWithEffectPure } from './diff';
import { StoreError, invalid, notFound } from './errors';
import { SCENARIO_COLUMNS as ROW_COLUMNS, type CountRow, type RevisionRow, type ScenarioRow as Row } from './rows';
import type {
  AssumptionInput,
  ChainPin,
  CreateScenarioInput,
  DiffEntry,
  DiffWithEffect,
  ListOptions,
  MutationOptions,
  Resolution,
  RevisionOp,
  Scenario,
  ScenarioDoc,
  ScenarioMeta,
  ScenarioPatch,
  ScenarioRef,
} from './types';
import {
  DOC_SCHEMA_VERSION,
  canonical,
  checkAssumption,
  checkAssumptions,
  checkDescription,
  checkLabel,
  checkName,
  checkSeed,
  checkTags,
  parseDoc,
} from './validate';

export const clone = <T>(v: T): T => structuredClone(v);

export function frozenError(row: Row): StoreError {
  return new StoreError(
    'frozen',
    `情景“${row.name}”已冻结（${row.frozen_label ?? ''}），不能修改；可复制后再改`,
    `Scenario "${row.name}" is frozen (${row.frozen_label ?? ''}) and cannot be changed; clone it to edit`,
    { ids: [row.id] },
  );
}

function trashedError(row: Row): StoreError {
  return new StoreError('invalid', `情景“${row.name}”在回收站中，请先恢复`, `Scenario "${row.name}" is in the trash; restore it first`, {
    ids: [row.id],
  });
}

/** name, description, tags_json, parent_id, preset_id, seed, frozen, frozen_label, deleted_at: a document's columns of `scenarios`. */
type DocColumns = [string, string, string, string | null, string | null, number, number, string | null, string | null];

export class ScenarioRepository {
  /** the plan's series in the plan's order (diffs list them so). */
  readonly seriesOrder: string[];
  /** the root preset (基准), whose assumptions are the plan defaults. */
  readonly rootPreset: Preset | null;
  readonly planDefaults: Record<string, ResolvedAssumption>;

  constructor(private readonly ctx: StoreContext) {
    const plan = ctx.plan;
    this.seriesOrder = plan.series.map((s) => s.id);
    const roots = plan.presets.filter((p) => p.parent === null);
    this.rootPreset = roots.find((p) => p.id === 'baseline') ?? roots[0] ?? null;
    this.planDefaults = {};
    if (this.rootPreset) {
      for (const a of this.rootPreset.assumptions) {
        this.planDefaults[a.series] = { ...clone(a), from: `plan:${this.rootPreset.id}` };
      }
    }
  }

  getRow(id: string): Row | undefined {
    return this.ctx.stmt<[string], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE id = ?`).get(id);
  }

  mustRow(id: string): Row {
    if (typeof id !== 'string') throw notFound(String(id));
    const row = this.getRow(id);
    if (!row) throw notFound(id);
    return row;
  }

  doc(id: string, rev: number): ScenarioDoc {
    const key = `${id}\u0000${rev}`;
    const hit = this.ctx.pending?.get(key) ?? this.ctx.docCache.get(key);
    if (hit) return hit;
    const r = this.ctx
      .stmt<[string, number], Pick<RevisionRow, 'doc_json'>>('SELECT doc_json FROM revisions WHERE scenario_id = ? AND rev = ?')
      .get(id, rev);
    if (!r) throw new StoreError('not_found', `情景 ${id} 没有第 ${rev} 版`, `Scenario ${id} has no revision ${rev}`, { ids: [id] });
    const doc = parseDoc(r.doc_json, `${id}@${rev}`);
    // revisions are immutable once committed; rows written by the current transaction are in
    // `pending`, so what is read here is committed
    this.ctx.cacheDoc(key, doc);
    return doc;
  }

  meta(row: Row): ScenarioMeta {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      tags: JSON.parse(row.tags_json) as string[],
      parent_id: row.parent_id,
      preset_id: row.preset_id,
      frozen: row.frozen === 1,
      frozen_label: row.frozen_label,
      deleted_at: row.deleted_at,
      created_at: row.created_at,
      updated_at: row.updated_at,
      head_rev: row.head_rev,
      seed: row.seed,
    };
  }

  /** The meta a revision's document describes (for chains resolved at older revisions). */
  metaAt(row: Row, doc: ScenarioDoc): ScenarioMeta {
    return {
      ...this.meta(row),
      name: doc.name,
      description: doc.description,
      tags: [...doc.tags],
      parent_id: doc.parent_id,
      frozen: doc.frozen,
      frozen_label: doc.frozen_label,
      deleted_at: doc.deleted_at,
      seed: doc.seed,
    };
  }

  scenario(row: Row, doc: ScenarioDoc): Scenario {
    return { ...this.meta(row), assumptions: clone(doc.assumptions) };
  }

  insertRevision(id: string, rev: number, parentRev: number | null, op: RevisionOp, author: string, doc: ScenarioDoc, at: string): void {
    this.ctx
      .stmt<[string, number, number | null, RevisionOp, string, string, string]>(
        'INSERT INTO revisions (scenario_id, rev, parent_rev, op, author, created_at, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, rev, parentRev, op, author, at, JSON.stringify(doc));
    this.ctx.pending?.set(`${id}\u0000${rev}`, doc);
  }

  insertScenario(id: string, doc: ScenarioDoc, op: RevisionOp, author: string, at: string): void {
    this.ctx
      .stmt<[string, ...DocColumns, string, string]>(
        `INSERT INTO scenarios (${ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      )
      .run(
        id,
        doc.name,
        doc.description,
        JSON.stringify(doc.tags),
        doc.parent_id,
        doc.preset_id,
        doc.seed,
        doc.frozen ? 1 : 0,
        doc.frozen_label,
        doc.deleted_at,
        at,
        at,
      );
    this.insertRevision(id, 1, null, op, author, doc, at);
  }

  /** Makes `doc` the scenario's state at `headRev`. */
  applyDoc(id: string, doc: ScenarioDoc, headRev: number, at: string): void {
    this.ctx
      .stmt<[...DocColumns, string, number, string]>(
        `UPDATE scenarios SET name = ?, description = ?, tags_json = ?, parent_id = ?, preset_id = ?, seed = ?, frozen = ?,
         frozen_label = ?, deleted_at = ?, updated_at = ?, head_rev = ? WHERE id = ?`,
      )
      .run(
        doc.name,
        doc.description,
        JSON.stringify(doc.tags),
        doc.parent_id,
        doc.preset_id,
        doc.seed,
        doc.frozen ? 1 : 0,
        doc.frozen_label,
        doc.deleted_at,
        at,
        headRev,
        id,
      );
  }

  newId(): string {
    for (;;) {
      const id = `sc_${randomBytes(6).toString('hex')}`;
      if (!this.getRow(id)) return id;
    }
  }

  /**
   * Checks that `parentId` can be the parent of `id` (null for a new scenario): it exists, is
   * not in the trash (unless allowed) and would not make a cycle.
   */
  checkParent(id: string | null, parentId: string | null, allowTrashed = false, field = 'parent_id', newName = ''): Row | null {
    if (parentId === null) return null;
    if (typeof parentId !== 'string') throw invalid('父情景应为情景编号或空', 'Parent must be a scenario id or null', field);
    if (id !== null && parentId === id) throw invalid('情景不能以自身为父情景', 'A scenario cannot be its own parent', field);
    const parent = this.getRow(parentId);
    if (!parent) throw invalid(`父情景 ${parentId} 不存在`, `Parent scenario ${parentId} does not exist`, field);
    if (parent.deleted_at && !allowTrashed)
      throw invalid(
        `父情景“${parent.name}”在回收站中，请先恢复它`,
        `Parent scenario "${parent.name}" is in the trash; restore it first`,
        field,
      );
    if (id !== null) {
      const seen = new Set<string>([id]);
      const names: string[] = [];
      let cur: Row | undefined = parent;
      while (cur) {
        names.push(cur.name);
        if (seen.has(cur.id)) {
          const self = this.getRow(id);
          const pathText = [self?.name ?? id, ...names].join(' → ');
          throw invalid(`父情景设置会形成循环：${pathText}`, `That parent would make a cycle: ${pathText}`, field);
        }
        seen.add(cur.id);
        cur = cur.parent_id ? this.getRow(cur.parent_id) : undefined;
      }
    }
    checkChainDepth(this.ctx.db, id, parentId, id === null ? newName : (this.getRow(id)?.name ?? id), field);
    return parent;
  }

  /** Stamps assumptions the store writes: when, and who (unless the input names someone). */
  stamp(list: Assumption[], author: string, at: string, explicit: boolean): Assumption[] {
    return list.map((a) => ({ ...a, author: explicit ? author : a.author || author, updated_at: at }));
  }

  /**
   * The one path for changes to an existing scenario: in one transaction, read the head, check
   * frozen / trash / expected revision, compute the new document, and write one revision.
   * A change that changes nothing writes nothing.
   */
  mutate(
    id: string,
    op: RevisionOp,
    opts: MutationOptions | undefined,
    fn: (cur: ScenarioDoc, row: Row, author: string, at: string) => ScenarioDoc,
    allow: { trashed?: boolean } = {},
  ): Scenario {
    return this.ctx.write(() => {
      const author = this.ctx.defaultAuthor(opts);
      const row = this.mustRow(id);
      if (row.frozen) throw frozenError(row);
      if (row.deleted_at && !allow.trashed) throw trashedError(row);
      this.checkExpected(row, opts);
      const cur = this.doc(id, row.head_rev);
      const at = this.ctx.iso();
      const next = fn(cur, row, author, at);
      if (next === cur || canonical(next) === canonical(cur)) return this.scenario(row, cur);
      if (next.parent_id !== cur.parent_id) this.checkParent(id, next.parent_id);
      const rev = this.nextRev(id);
      this.insertRevision(id, rev, row.head_rev, op, author, next, at);
      this.applyDoc(id, next, rev, at);
      return this.scenario(this.mustRow(id), next);
    });
  }

  checkExpected(row: Row, opts?: MutationOptions): void {
    if (opts?.expected_rev !== undefined && opts.expected_rev !== row.head_rev)
      throw new StoreError(
        'conflict',
        `情景“${row.name}”已被他人或其他窗口修改（现为第 ${row.head_rev} 版，而不是第 ${opts.expected_rev} 版），请刷新后重试`,
        `Scenario "${row.name}" was changed elsewhere (now at revision ${row.head_rev}, not ${opts.expected_rev}); reload and try again`,
        { ids: [row.id] },
      );
  }

  nextRev(id: string): number {
    const r = this.ctx.stmt<[string], CountRow>('SELECT COALESCE(MAX(rev), 0) + 1 AS n FROM revisions WHERE scenario_id = ?').get(id);
    return r?.n ?? 1;
  }

  // -------------------------------------------------------------------------------------------
  // reading scenarios
  // -------------------------------------------------------------------------------------------

  /** Scenarios (default: live ones): presets first, then by creation. */
  list(opts: ListOptions = {}): ScenarioMeta[] {
    const where = opts.state === 'trash' ? 'WHERE deleted_at IS NOT NULL' : opts.state === 'all' ? '' : 'WHERE deleted_at IS NULL';
    return this.ctx.guard(() =>
      this.ctx
        .stmt<[], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios ${where} ORDER BY preset_id IS NULL, created_at, rowid`)
        .all()
        .map((r) => this.meta(r)),
    );
  }

  /** The trashed scenarios. */
  trash(): ScenarioMeta[] {
    return this.list({ state: 'trash' });
  }

  /** A scenario with its own assumptions (live or trashed). */
  get(id: string): Scenario {
    return this.ctx.read(() => {
      const row = this.mustRow(id);
      return this.scenario(row, this.doc(id, row.head_rev));
    });
  }

  /** The scenario's chain and the assumption in force for each series. */
  resolve(id: string): Resolution {
    return this.resolveRef({ id });
  }

  /**
   * Resolves a scenario at a revision (default: its head). Its ancestors are taken at their
   * heads, except for a frozen revision, whose ancestors are pinned at the revisions they had
   * when it was frozen (so a frozen scenario's numbers do not move when a parent is edited).
   */
  resolveRef(ref: ScenarioRef): Resolution {
    return this.ctx.read(() => {
      const row = this.mustRow(ref.id);
      const rev = ref.rev ?? row.head_rev;
      const doc = this.doc(ref.id, rev);
      const chain: ScenarioMeta[] = [this.metaAt(row, doc)];
      const layers: { from: string; assumptions: Assumption[] }[] = [{ from: row.id, assumptions: doc.assumptions }];
      if (doc.frozen && doc.frozen_chain) {
        for (const pin of doc.frozen_chain) {
          const prow = this.getRow(pin.id);
          if (!prow) break;
          const pdoc = this.doc(pin.id, pin.rev);
          chain.push(this.metaAt(prow, pdoc));
          layers.push({ from: prow.id, assumptions: pdoc.assumptions });
        }
      } else {
        const seen = new Set<string>([row.id]);
        let pid = doc.parent_id;
        while (pid && !seen.has(pid)) {
          seen.add(pid);
          const prow = this.getRow(pid);
          if (!prow) break;
          const pdoc = this.doc(pid, prow.head_rev);
          chain.push(this.meta(prow));
          layers.push({ from: prow.id, assumptions: pdoc.assumptions });
          pid = pdoc.parent_id;
        }
      }
      const assumptions: Record<string, ResolvedAssumption> = {};
      for (const layer of layers) {
        for (const a of layer.assumptions) {
          if (!(a.series in assumptions)) assumptions[a.series] = { ...clone(a), from: layer.from };
        }
      }
      for (const [series, a] of Object.entries(this.planDefaults)) {
        if (!(series in assumptions)) assumptions[series] = clone(a);
      }
      return { scenario_id: row.id, rev, chain, assumptions };
    });
  }

  // -------------------------------------------------------------------------------------------
  // mutations
  // -------------------------------------------------------------------------------------------

  create(input: CreateScenarioInput, opts?: MutationOptions): Scenario {
    if (!input || typeof input !== 'object') throw invalid('缺少情景内容', 'Scenario input is missing');
    const name = checkName(input.name);
    const description = checkDescription(input.description);
    const tags = checkTags(input.tags);
    const assumptions = checkAssumptions(input.assumptions, this.ctx.catalog);
    const seed = input.seed === undefined ? undefined : checkSeed(input.seed);
    const parentId = input.parent_id ?? null;
    return this.ctx.write(() => {
      const author = this.ctx.defaultAuthor(opts);
      const parent = this.checkParent(null, parentId, false, 'parent_id', name);
      const at = this.ctx.iso();
      const id = this.newId();
      const doc: ScenarioDoc = {
        schema_version: DOC_SCHEMA_VERSION,
        name,
        description,
        tags,
        parent_id: parentId,
        preset_id: null,
        seed: seed ?? parent?.seed ?? randomInt(0, 2 ** 31 - 1),
        frozen: false,
        frozen_label: null,
        frozen_chain: null,
        deleted_at: null,
        assumptions: this.stamp(assumptions, author, at, opts?.author !== undefined),
      };
      this.insertScenario(id, doc, 'create', author, at);
      return this.scenario(this.mustRow(id), doc);
    });
  }

  /** Renames, re-describes, re-tags, re-parents (or re-seeds) a scenario. */
  update(id: string, patch: ScenarioPatch, opts?: MutationOptions): Scenario {
    if (!patch || typeof patch !== 'object') throw invalid('缺少修改内容', 'Patch is missing');
    const next: Partial<ScenarioDoc> = {};
    if (patch.name !== undefined) next.name = checkName(patch.name);
    if (patch.description !== undefined) next.description = checkDescription(patch.description);
    if (patch.tags !== undefined) next.tags = checkTags(patch.tags);
    if (patch.seed !== undefined) next.seed = checkSeed(patch.seed);
    if (patch.parent_id !== undefined) {
      if (patch.parent_id !== null && typeof patch.parent_id !== 'string')
        throw invalid('父情景应为情景编号或空', 'Parent must be a scenario id or null', 'parent_id');
      next.parent_id = patch.parent_id;
    }
    return this.mutate(id, 'update', opts, (cur) => ({ ...cur, ...next }));
  }

  /** Sets (adds or replaces) the scenario's own assumption for one series. */
  setAssumption(id: string, assumption: AssumptionInput, opts?: MutationOptions): Scenario {
    return this.setAssumptions(id, [assumption], opts, 'set_assumption');
  }

  /** Sets several assumptions at once: one revision. A kept rationale over changed values is marked stale. */
  setAssumptions(id: string, assumptions: AssumptionInput[], opts?: MutationOptions, op: RevisionOp = 'set_assumptions'): Scenario {
    const list =
      op === 'set_assumption'
        ? [checkAssumption(assumptions[0], this.ctx.catalog, 'assumption')]
        : checkAssumptions(assumptions, this.ctx.catalog);
    const before = this.resolve(id).assumptions;
    const judged = list.map((a) => withRationaleState(a, before[a.series]));
    return this.mutate(id, op, opts, (cur, _row, author, at) => ({
      ...cur,
      assumptions: upsert(cur.assumptions, this.stamp(judged, author, at, opts?.author !== undefined)),
    }));
  }

  /** Removes the scenario's own assumption for a series, so it inherits again. */
  resetToParent(id: string, seriesId: string, opts?: MutationOptions): Scenario {
    if (typeof seriesId !== 'string' || !this.ctx.catalog.all.has(seriesId))
      throw invalid(`未知指标序列“${String(seriesId)}”`, `Unknown series "${String(seriesId)}"`, 'series');
    return this.mutate(id, 'reset_to_parent', opts, (cur) =>
      cur.assumptions.some((a) => a.series === seriesId)
        ? { ...cur, assumptions: cur.assumptions.filter((a) => a.series !== seriesId) }
        : cur,
    );
  }

  /**
   * A copy with its own assumptions, parent, description, tags and seed, not frozen. Works on
   * frozen scenarios (that is how they are edited), not on trashed ones.
   */
  clone(id: string, newName: string, opts?: MutationOptions): Scenario {
    const name = checkName(newName);
    return this.ctx.write(() => {
      const author = this.ctx.defaultAuthor(opts);
      const src = this.mustRow(id);
      if (src.deleted_at) throw trashedError(src);
      const cur = this.doc(id, src.head_rev);
      const at = this.ctx.iso();
      const newId = this.newId();
      const doc: ScenarioDoc = {
        ...clone(cur),
        name,
        preset_id: null,
        frozen: false,
        frozen_label: null,
        frozen_chain: null,
        deleted_at: null,
      };
      this.insertScenario(newId, doc, 'clone', author, at);
      return this.scenario(this.mustRow(newId), doc);
    });
  }

  /**
   * Freezes a scenario under a label ("2025年中期评估"): from then on every change is refused
   * with 'frozen', and its ancestors are pinned at their current revisions.
   */
  freeze(id: string, label: string, opts?: MutationOptions): Scenario {
    const l = checkLabel(label);
    return this.mutate(id, 'freeze', opts, (cur) => ({
      ...cur,
      frozen: true,
      frozen_label: l,
      frozen_chain: this.pinChain(cur.parent_id, id),
    }));
  }

  pinChain(parentId: string | null, selfId: string): ChainPin[] {
    const pins: ChainPin[] = [];
    const seen = new Set<string>([selfId]);
    let pid = parentId;
    while (pid && !seen.has(pid)) {
      seen.add(pid);
      const row = this.getRow(pid);
      if (!row) break;
      pins.push({ id: row.id, rev: row.head_rev });
      const d = this.doc(row.id, row.head_rev);
      if (d.frozen && d.frozen_chain) {
        pins.push(...d.frozen_chain);
        break;
      }
      pid = d.parent_id;
    }
    return pins;
  }

  /** Moves a scenario to the trash. Its children keep working. Presets cannot be deleted. */
  delete(id: string, opts?: MutationOptions): Scenario {
    return this.mutate(
      id,
      'delete',
      opts,
      (cur, row, _author, at) => {
        if (row.preset_id)
          throw invalid(
            `预置情景“${row.name}”不能删除；可复制后修改副本`,
            `The preset scenario "${row.name}" cannot be deleted; clone it instead`,
          );
        return cur.deleted_at ? cur : { ...cur, deleted_at: at };
      },
      { trashed: true },
    );
  }

  /** Takes a scenario out of the trash. */
  restore(id: string, opts?: MutationOptions): Scenario {
    return this.mutate(id, 'restore', opts, (cur) => (cur.deleted_at ? { ...cur, deleted_at: null } : cur), { trashed: true });
  }

  /**
   * Deletes the trashed scenarios and their revisions for good. Needs `{confirm: true}`. Refused
   * while a live scenario has a trashed parent (or a frozen one pins a trashed ancestor).
   * A backup (reason 'pre-empty-trash') is taken first.
   */
  emptyTrash(opts: { confirm?: boolean } = {}): { removed: number; deleted: { id: string; name: string }[]; backup: string | null } {
    if (opts?.confirm !== true)
      throw invalid(
        '清空回收站将永久删除其中的情景及其历史，必须确认（confirm: true）',
        'Emptying the trash deletes its scenarios and their history for good, and must be confirmed (confirm: true)',
        'confirm',
      );
    const blockers = () => {
      const trashed = this.ctx.stmt<[], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE deleted_at IS NOT NULL`).all();
      const trashedIds = new Map(trashed.map((r) => [r.id, r]));
      const live = this.ctx.stmt<[], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE deleted_at IS NULL`).all();
      const blocked: { child: Row; parent: Row }[] = [];
      for (const r of live) {
        if (r.parent_id && trashedIds.has(r.parent_id)) blocked.push({ child: r, parent: trashedIds.get(r.parent_id)! });
        else if (r.frozen) {
          const d = this.doc(r.id, r.head_rev);
          const pin = d.frozen_chain?.find((p) => trashedIds.has(p.id));
          if (pin) blocked.push({ child: r, parent: trashedIds.get(pin.id)! });
        }
      }
      return { trashed, blocked };
    };
    const refuse = (blocked: { child: Row; parent: Row }[]) => {
      const zh = blocked.map((b) => `“${b.child.name}”的上级情景“${b.parent.name}”在回收站中`).join('；');
      const en = blocked.map((b) => `"${b.child.name}" inherits from "${b.parent.name}", which is in the trash`).join('; ');
      return new StoreError(
        'invalid',
        `无法清空回收站：${zh}。请先恢复这些上级情景，或给这些情景换一个父情景。`,
        `Cannot empty the trash: ${en}. Restore those parents first, or give these scenarios another parent.`,
        { ids: blocked.map((b) => b.child.id) },
      );
    };
    const first = this.ctx.read(blockers);
    if (first.blocked.length) throw refuse(first.blocked);
    if (first.trashed.length === 0) return { removed: 0, deleted: [], backup: null };
    const backup = this.ctx.guard(() => {
      const dest = backupPath(this.ctx.backupDir, this.ctx.path, 'pre-empty-trash', this.ctx.now());
      vacuumInto(this.ctx.db, dest);
      return dest;
    });
    const deleted = this.ctx.write(() => {
      const { trashed, blocked } = blockers(); // again, inside the write lock
      if (blocked.length) throw refuse(blocked);
      this.ctx.db.pragma('defer_foreign_keys = ON');
      for (const r of trashed) {
        this.ctx.stmt<[string]>('DELETE FROM revisions WHERE scenario_id = ?').run(r.id);
        this.ctx.stmt<[string]>('DELETE FROM scenarios WHERE id = ?').run(r.id);
      }
      return trashed.map((r) => ({ id: r.id, name: r.name }));
    });
    for (const key of [...this.ctx.docCache.keys()]) {
      if (deleted.some((d) => key.startsWith(`${d.id}\u0000`))) this.ctx.docCache.delete(key);
    }
    return { removed: deleted.length, deleted, backup };
  }

  // -------------------------------------------------------------------------------------------
  // comparison
  // -------------------------------------------------------------------------------------------

  /** Every assumption in force that differs between A and B (each at a revision if given). */
  diff(a: ScenarioRef, b: ScenarioRef): DiffEntry[] {
    const ra = this.resolveRef(a);
    const rb = this.resolveRef(b);
    return diffAssumptions(ra.assumptions, rb.assumptions, this.seriesOrder);
  }

  /** `diff` plus each target's value in A and B, using the given projector. */
  diffWithEffect(
    a: ScenarioRef,
    b: ScenarioRef,
    project: (assumptions: Record<string, ResolvedAssumption>) => ProjectionResult,
  ): DiffWithEffect {
    return diffWithEffectPure(this.ctx.plan, this.resolveRef(a), this.resolveRef(b), project);
  }
}

// ---------------------------------------------------------------------------------------------

function upsert(list: Assumption[], changes: Assumption[]): Assumption[] {
  const out = [...list];
  for (const a of changes) {
    const i = out.findIndex((x) => x.series === a.series);
    if (i >= 0) out[i] = a;
    else out.push(a);
  }
  return out;
}

/**
 * The history repository: the append-only revisions of a scenario read as its history (what each
 * edit changed), one revision read back, a revision restored as a new one, and undo / redo, which
 * move the head along the revisions without deleting any.
 */
import type { StoreContext } from './context';
import { assumptionChanges, diffAssumptions } from './diff';
import { StoreError, invalid } from './errors';
import type { RevisionMetaRow, RevisionRow } from './rows';
import { clone, frozenError, type ScenarioRepository } from './scenarios';
import type { MutationOptions, Revision, RevisionChange, RevisionMeta, RevisionOp, Scenario, UndoState } from './types';
import { checkAssumptions } from './validate';

/** Revision ops whose history line names the assumption changes. */
const CHANGE_OPS = new Set(['set_assumption', 'set_assumptions', 'reset_to_parent', 'restore_revision']);

export class HistoryRepository {
  constructor(
    private readonly ctx: StoreContext,
    private readonly scenarios: ScenarioRepository,
  ) {}

  /** The revisions of a scenario, newest first. */
  history(id: string): RevisionMeta[] {
    return this.ctx.read(() => {
      const row = this.scenarios.mustRow(id);
      const rows = this.ctx
        .stmt<[string], RevisionMetaRow>(
          'SELECT scenario_id, rev, parent_rev, op, author, created_at FROM revisions WHERE scenario_id = ? ORDER BY rev DESC',
        )
        .all(id);
      return rows.map((r, i) => {
        const meta = revisionMeta(r, row.head_rev);
        // the newest 200 assumption edits name what changed (series, field, old -> new)
        if (i < 200 && r.parent_rev !== null && CHANGE_OPS.has(r.op)) {
          const changes = this.revisionChanges(id, r.parent_rev, r.rev);
          if (changes) meta.changes = changes;
        }
        return meta;
      });
    });
  }

  /** What an edit changed in the assumptions in force, or null when it cannot be told. */
  revisionChanges(id: string, before: number, after: number): RevisionChange[] | null {
    try {
      const a = this.scenarios.resolveRef({ id, rev: before }).assumptions;
      const b = this.scenarios.resolveRef({ id, rev: after }).assumptions;
      return diffAssumptions(a, b, this.scenarios.seriesOrder)
        .flatMap((d) => assumptionChanges(d.series, d.a, d.b))
        .slice(0, 20);
    } catch {
      return null; // an old revision the plan no longer resolves: the op name alone
    }
  }

  getRevision(id: string, rev: number): Revision {
    return this.ctx.read(() => {
      const row = this.scenarios.mustRow(id);
      const r = this.ctx
        .stmt<[string, number], RevisionMetaRow>(
          'SELECT scenario_id, rev, parent_rev, op, author, created_at FROM revisions WHERE scenario_id = ? AND rev = ?',
        )
        .get(id, rev);
      if (!r)
        throw new StoreError('not_found', `情景“${row.name}”没有第 ${rev} 版`, `Scenario "${row.name}" has no revision ${rev}`, {
          ids: [id],
        });
      const doc = this.scenarios.doc(id, rev);
      return {
        ...this.scenarios.metaAt(row, doc),
        assumptions: clone(doc.assumptions),
        revision: revisionMeta(r, row.head_rev),
        doc: clone(doc),
      };
    });
  }

  /**
   * Writes a new revision whose content (name, description, tags, parent, seed, assumptions)
   * equals revision `rev`. Trash and freeze state stay as they are.
   */
  restoreRevision(id: string, rev: number, opts?: MutationOptions): Scenario {
    return this.scenarios.mutate(id, 'restore_revision', opts, (cur) => {
      const old = this.scenarios.doc(id, rev);
      checkAssumptions(old.assumptions, this.ctx.catalog); // the plan may have changed since
      return {
        ...clone(old),
        preset_id: cur.preset_id,
        frozen: cur.frozen,
        frozen_label: cur.frozen_label,
        frozen_chain: cur.frozen_chain,
        deleted_at: cur.deleted_at,
      };
    });
  }

  /** Whether undo / redo are possible now. */
  undoState(id: string): UndoState {
    return this.ctx.read(() => {
      const row = this.scenarios.mustRow(id);
      const head = this.ctx
        .stmt<[string, number], Pick<RevisionRow, 'parent_rev'>>('SELECT parent_rev FROM revisions WHERE scenario_id = ? AND rev = ?')
        .get(id, row.head_rev);
      const child = this.ctx
        .stmt<[string, number], unknown>('SELECT 1 FROM revisions WHERE scenario_id = ? AND parent_rev = ? LIMIT 1')
        .get(id, row.head_rev);
      return {
        head_rev: row.head_rev,
        can_undo: !row.frozen && head?.parent_rev != null,
        can_redo: !row.frozen && child !== undefined,
      };
    });
  }

  /**
   * Moves the head to its parent revision: the scenario becomes that revision's document
   * (an undone delete brings the scenario back from the trash). Nothing is deleted.
   */
  undo(id: string, opts?: MutationOptions): Scenario {
    return this.moveHead(id, 'undo', opts);
  }

  /** Moves the head to the newest revision made from the current head. */
  redo(id: string, opts?: MutationOptions): Scenario {
    return this.moveHead(id, 'redo', opts);
  }

  moveHead(id: string, dir: 'undo' | 'redo', opts?: MutationOptions): Scenario {
    return this.ctx.write(() => {
      const row = this.scenarios.mustRow(id);
      if (row.frozen) throw frozenError(row);
      this.scenarios.checkExpected(row, opts);
      let target: number | null | undefined;
      if (dir === 'undo') {
        const head = this.ctx
          .stmt<[string, number], Pick<RevisionRow, 'parent_rev'>>('SELECT parent_rev FROM revisions WHERE scenario_id = ? AND rev = ?')
          .get(id, row.head_rev);
        target = head?.parent_rev;
      } else {
        const child = this.ctx
          .stmt<[string, number], Pick<RevisionRow, 'rev'>>(
            'SELECT rev FROM revisions WHERE scenario_id = ? AND parent_rev = ? ORDER BY rev DESC LIMIT 1',
          )
          .get(id, row.head_rev);
        target = child?.rev;
      }
      if (target == null)
        throw invalid(
          dir === 'undo' ? `情景“${row.name}”没有可撤销的操作` : `情景“${row.name}”没有可重做的操作`,
          dir === 'undo' ? `Nothing to undo in scenario "${row.name}"` : `Nothing to redo in scenario "${row.name}"`,
        );
      const doc = this.scenarios.doc(id, target);
      if (doc.parent_id !== row.parent_id) {
        try {
          this.scenarios.checkParent(id, doc.parent_id, true);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
          throw invalid(`无法${dir === 'undo' ? '撤销' : '重做'}：${e.message_zh}`, `Cannot ${dir}: ${e.message_en}`, 'parent_id');
        }
      }
      this.scenarios.applyDoc(id, doc, target, this.ctx.iso());
      return this.scenarios.scenario(this.scenarios.mustRow(id), doc);
    });
  }
}

function revisionMeta(r: RevisionMetaRow, head: number): RevisionMeta {
  return {
    scenario_id: r.scenario_id,
    rev: r.rev,
    parent_rev: r.parent_rev,
    op: r.op as RevisionOp,
    author: r.author,
    created_at: r.created_at,
    is_head: r.rev === head,
  };
}

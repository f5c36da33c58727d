/**
 * The milestones repository: the ticks (done, note, who, when) of the plan's milestones.
 */
import type { StoreContext } from './context';
import { invalid } from './errors';
import type { MilestoneRow } from './rows';
import type { MilestoneState } from './types';
import { checkText } from './validate';

export class MilestonesRepository {
  /** the plan's milestone ids: only these can be ticked. */
  readonly milestoneIds: Set<string>;

  constructor(private readonly ctx: StoreContext) {
    this.milestoneIds = new Set(ctx.plan.milestones.map((m) => m.id));
  }

  /** Ticks (or unticks) a milestone of the plan. */
  setMilestone(id: string, state: { done: boolean; note?: string }, opts?: { author?: string }): MilestoneState {
    if (typeof id !== 'string' || !this.milestoneIds.has(id))
      throw invalid(`未知里程碑“${String(id)}”（规划中没有）`, `Unknown milestone "${String(id)}" (not in the plan)`, 'id');
    if (!state || typeof state.done !== 'boolean') throw invalid('done 应为真或假', 'done must be true or false', 'done');
    const note = state.note ?? '';
    if (typeof note !== 'string' || [...note].length > 2000)
      throw invalid('备注不能超过2000个字符', 'The note must be text of at most 2000 characters', 'note');
    checkText(note, 'note', { zh: '备注', en: 'Note' }, true);
    return this.ctx.write(() => {
      const m: MilestoneState = { id, done: state.done, note, updated_at: this.ctx.iso(), author: this.ctx.defaultAuthor(opts) };
      this.upsertMilestone(m);
      return m;
    });
  }

  upsertMilestone(m: MilestoneState): void {
    this.ctx
      .stmt<[string, number, string, string, string]>(
        `INSERT INTO milestones (id, done, note, updated_at, author) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET done = excluded.done, note = excluded.note, updated_at = excluded.updated_at, author = excluded.author`,
      )
      .run(m.id, m.done ? 1 : 0, m.note, m.updated_at, m.author);
  }

  listMilestones(): MilestoneState[] {
    return this.ctx.guard(() =>
      this.ctx
        .stmt<[], MilestoneRow>('SELECT id, done, note, updated_at, author FROM milestones ORDER BY id')
        .all()
        .map((r) => ({ ...r, done: r.done === 1 })),
    );
  }
}

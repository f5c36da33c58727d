/**
 * The actuals repository: actuals entered or imported by planners (every vintage kept, deletion
 * soft), the record in force per series and period (models/records.ts, the one rule), and the
 * planner's choice among conflicting records (actual_choices).
 */
import { Actual as ActualSchema } from '../../models/schema';
import { isNowcast, recordInForce } from '../../models/records';
import type { StoreContext } from './context';
import { StoreError, fromZod, invalid } from './errors';
import type { ActualChoiceRow, ActualRow } from './rows';
import type { ActualChoice, ActualInput, MutationOptions, StoredActual } from './types';
import { LIMITS, checkText } from './validate';

const VINTAGE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** An actual as checked, before it is stored. */
export type ActualToStore = Omit<StoredActual, 'id' | 'entered_at' | 'deleted_at'>;

export class ActualsRepository {
  constructor(private readonly ctx: StoreContext) {}

  checkActual(raw: unknown, field: string, author: string): ActualToStore {
    const parsed = ActualSchema.safeParse(raw);
    if (!parsed.success) throw fromZod(parsed.error, { zh: '实际值', en: 'Actual' }, field);
    const a = parsed.data;
    if (!this.ctx.catalog.all.has(a.series))
      throw invalid(
        `实际值 ${field}.series: 未知指标序列“${a.series}”`,
        `Actual ${field}.series: unknown series "${a.series}"`,
        `${field}.series`,
      );
    if (a.vintage !== null && !VINTAGE.test(a.vintage))
      throw invalid(
        `实际值 ${field}.vintage: 发布日期应为 YYYY-MM-DD 或 YYYY-MM`,
        `Actual ${field}.vintage: release date must be YYYY-MM-DD or YYYY-MM`,
        `${field}.vintage`,
      );
    const givenBy = (raw as { entered_by?: unknown })?.entered_by;
    checkText(a.note, `${field}.note`, { zh: '实际值', en: 'Actual' }, true);
    checkText(a.source.title, `${field}.source.title`, { zh: '实际值', en: 'Actual' });
    if (typeof givenBy === 'string') {
      if ([...givenBy].length > LIMITS.author)
        throw invalid(
          `实际值 ${field}.entered_by: 不能超过${LIMITS.author}个字符`,
          `Actual ${field}.entered_by: at most ${LIMITS.author} characters`,
          `${field}.entered_by`,
        );
      checkText(givenBy, `${field}.entered_by`, { zh: '实际值', en: 'Actual' });
    }
    return {
      series: a.series,
      period: a.period,
      value: a.value,
      value_kind: a.value_kind,
      source: a.source,
      vintage: a.vintage,
      note: a.note,
      entered_by: typeof givenBy === 'string' ? givenBy : author,
    };
  }

  insertActual(a: ActualToStore, at: string): number {
    const r = this.ctx
      .stmt<[string, string, string | null, number, string, string, string, string, string]>(
        `INSERT INTO actuals (series, period, vintage, value, value_kind, source_json, note, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.series, a.period, a.vintage, a.value, a.value_kind, JSON.stringify(a.source), a.note, a.entered_by, at);
    return Number(r.lastInsertRowid);
  }

  /** Adds actuals, all or none (one transaction). A later vintage never erases an earlier one. */
  addActuals(actuals: ActualInput[], opts?: { author?: string }): StoredActual[] {
    if (!Array.isArray(actuals)) throw invalid('实际值应为列表', 'Actuals must be a list', 'actuals');
    const author = this.ctx.guard(() => this.ctx.defaultAuthor(opts));
    const checked = actuals.map((a, i) => this.checkActual(a, `actuals[${i}]`, author));
    return this.ctx.write(() => {
      const at = this.ctx.iso();
      const ids = checked.map((a) => this.insertActual(a, at));
      return ids.map((id) => this.actualRow(id)!);
    });
  }

  actualRow(id: number): StoredActual | null {
    const r = this.ctx.stmt<[number], ActualRow>('SELECT * FROM actuals WHERE id = ?').get(id);
    return r ? toActual(r) : null;
  }

  /** All entries (every vintage), oldest first per series and period. */
  listActuals(opts: { series?: string; includeDeleted?: boolean } = {}): StoredActual[] {
    const where: string[] = [];
    const args: string[] = [];
    if (!opts.includeDeleted) where.push('deleted_at IS NULL');
    if (opts.series !== undefined) {
      where.push('series = ?');
      args.push(opts.series);
    }
    const sql = `SELECT * FROM actuals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY series, period, vintage IS NOT NULL, vintage, id`;
    return this.ctx.guard(() =>
      this.ctx
        .stmt<string[], ActualRow>(sql)
        .all(...args)
        .map(toActual),
    );
  }

  /**
   * The entry in force per series and period, by the one rule of models/records.ts (recordInForce:
   * the latest vintage, none counting as the oldest; among equal vintages the latest entered). The
   * SQL only leaves out deleted entries and orders by series, period and id.
   */
  latestActuals(opts: { series?: string } = {}): StoredActual[] {
    const filter = opts.series !== undefined ? 'AND series = ?' : '';
    const sql = `SELECT * FROM actuals WHERE deleted_at IS NULL ${filter} ORDER BY series, period, id`;
    const args = opts.series !== undefined ? [opts.series] : [];
    return this.ctx.guard(() =>
      recordInForce(
        this.ctx
          .stmt<string[], ActualRow>(sql)
          .all(...args)
          .map(toActual),
      ),
    );
  }

  /** Soft-deletes an actual (kept, marked deleted). */
  deleteActual(id: number, opts?: { author?: string }): StoredActual {
    return this.ctx.write(() => {
      const row = this.actualRow(id);
      if (!row) throw new StoreError('not_found', `实际值 #${id} 不存在`, `Actual #${id} does not exist`);
      if (row.deleted_at) return row;
      this.ctx
        .stmt<[string, string, number]>('UPDATE actuals SET deleted_at = ?, deleted_by = ? WHERE id = ?')
        .run(this.ctx.iso(), this.ctx.defaultAuthor(opts), id);
      return this.actualRow(id)!;
    });
  }

  /**
   * The planner chooses which record of a series and period is in force among conflicting ones
   * (models/actual-conflicts.ts): `chosenId` an entered record, or null for the plan file's. The
   * other live entered records of that series and period are set aside (kept, marked deleted at
   * the moment of the choice), so every reader of the actuals (projections, nowcasts, the page)
   * sees the chosen one in force; what an earlier choice set aside is restored first. Nowcasts
   * are left alone. One transaction.
   */
  chooseActual(series: string, period: string, chosenId: number | null, opts?: MutationOptions): ActualChoice {
    if (typeof series !== 'string' || !this.ctx.catalog.all.has(series))
      throw invalid(`未知指标序列“${String(series)}”`, `Unknown series "${String(series)}"`, 'series');
    if (typeof period !== 'string' || period.length === 0 || period.length > 16)
      throw invalid('期间应为 2025、2025H1 或 2025-09', 'The period must be like 2025, 2025H1 or 2025-09', 'period');
    if (chosenId !== null && !(Number.isInteger(chosenId) && chosenId > 0))
      throw invalid('所选记录编号应为正整数', 'The chosen record id must be a positive whole number', 'record');
    const author = this.ctx.guard(() => this.ctx.defaultAuthor(opts));
    return this.ctx.write(() => {
      const prev = this.actualChoice(series, period);
      if (prev) {
        const restore = this.ctx.stmt<[number, string]>(
          'UPDATE actuals SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at = ?',
        );
        for (const id of prev.set_aside) restore.run(id, prev.chosen_at);
      }
      const live = this.ctx
        .stmt<[string, string], ActualRow>('SELECT * FROM actuals WHERE series = ? AND period = ? AND deleted_at IS NULL ORDER BY id')
        .all(series, period)
        .map(toActual);
      if (chosenId !== null && !live.some((a) => a.id === chosenId))
        throw new StoreError(
          'not_found',
          `实际值 #${chosenId} 不是 ${series} ${period} 的在用记录`,
          `Actual #${chosenId} is no live record of ${series} ${period}`,
          'record',
        );
      const at = this.ctx.iso();
      const aside = live.filter((a) => a.id !== chosenId && !isNowcast(a)).map((a) => a.id);
      const setAside = this.ctx.stmt<[string, string, number]>('UPDATE actuals SET deleted_at = ?, deleted_by = ? WHERE id = ?');
      for (const id of aside) setAside.run(at, author, id);
      this.ctx
        .stmt<[string, string, number | null, string, string, string]>(
          `INSERT INTO actual_choices (series, period, chosen_id, set_aside_json, chosen_by, chosen_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(series, period) DO UPDATE SET chosen_id = excluded.chosen_id, set_aside_json = excluded.set_aside_json,
           chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at`,
        )
        .run(series, period, chosenId, JSON.stringify(aside), author, at);
      return this.actualChoice(series, period)!;
    });
  }

  actualChoice(series: string, period: string): ActualChoice | null {
    const r = this.ctx
      .stmt<[string, string], ActualChoiceRow>('SELECT * FROM actual_choices WHERE series = ? AND period = ?')
      .get(series, period);
    return r ? toChoice(r) : null;
  }

  /** Every choice of the record in force (see chooseActual), by series and period. */
  actualChoices(): ActualChoice[] {
    return this.ctx.guard(() =>
      this.ctx.stmt<[], ActualChoiceRow>('SELECT * FROM actual_choices ORDER BY series, period').all().map(toChoice),
    );
  }
}

function toChoice(r: ActualChoiceRow): ActualChoice {
  const ids = JSON.parse(r.set_aside_json) as unknown;
  return {
    series: r.series,
    period: r.period,
    chosen_id: r.chosen_id,
    set_aside: Array.isArray(ids) ? ids.filter((x): x is number => Number.isInteger(x)) : [],
    chosen_by: r.chosen_by,
    chosen_at: r.chosen_at,
  };
}

function toActual(r: ActualRow): StoredActual {
  return {
    id: r.id,
    series: r.series,
    period: r.period,
    value: r.value,
    value_kind: r.value_kind as StoredActual['value_kind'],
    source: JSON.parse(r.source_json) as StoredActual['source'],
    vintage: r.vintage,
    note: r.note,
    entered_by: r.entered_by,
    entered_at: r.entered_at,
    deleted_at: r.deleted_at,
  };
}

/**
 * Conflicting actuals through the API (issue 16 item 6): the rule and the record in force under
 * the planner's choice live in models/actual-conflicts.ts; this file reads the plan and the store
 * and shapes the answer the Data screen shows.
 */
import { ApiError } from '../contract';
import type { ActualChoice, ActualConflict, ActualConflictRecord, StoredActual } from '../contract';
import { conflictStates, rankChosen, type ConflictMember } from '../models/actual-conflicts';
import type { Actual, Plan } from '../models/schema';
import type { ScenarioStore } from '../scenarios/store/store';

type Member = ConflictMember<Actual, StoredActual>;

function toRecord(m: Member): ActualConflictRecord {
  const r = m.record;
  const entered = m.origin === 'entered' ? (r as StoredActual) : null;
  return {
    key: `${m.origin}:${m.ref}`,
    origin: m.origin,
    id: entered ? entered.id : null,
    value: r.value,
    value_kind: r.value_kind,
    source: { title: r.source.title, url: r.source.url ?? null, date: r.source.date ?? null, reliability: r.source.reliability },
    vintage: r.vintage ?? null,
    note: r.note ?? '',
    entered_by: r.entered_by ?? '',
    entered_at: entered ? entered.entered_at : null,
    in_force: m.in_force,
    set_aside: m.set_aside,
  };
}

function decidedBy(choices: readonly ActualChoice[], series: string, period: string): { by: string; at: string } | null {
  const x = choices.find((ch) => ch.series === series && ch.period === period);
  return x ? { by: x.chosen_by, at: x.chosen_at } : null;
}

/** Every conflict between the plan's records and the entered ones, open and decided. */
export function listConflicts(store: ScenarioStore, plan: Plan): ActualConflict[] {
  const choices = store.actualChoices();
  return conflictStates(plan.actuals, store.listActuals({ includeDeleted: true }), choices).map((c) => ({
    series: c.series,
    period: c.period,
    records: c.members.map(toRecord),
    decided: c.decided && c.choice ? decidedBy(choices, c.series, c.period) : null,
  }));
}

/** Enters one actual; answers the conflict it opens (null when it contradicts nothing). */
export function enterActual(
  store: ScenarioStore,
  plan: Plan,
  actual: Actual,
  author: string,
): { stored: StoredActual; conflict: ActualConflict | null } {
  const [stored] = store.addActuals([actual], { author });
  const conflict = listConflicts(store, plan).find((c) => !c.decided && c.records.some((r) => r.id === stored!.id)) ?? null;
  return { stored: stored!, conflict };
}

/** The planner's choice of the record in force: 'plan:<n>' (the plan's n-th actual) or 'entered:<id>'. */
export function chooseInForce(
  store: ScenarioStore,
  plan: Plan,
  req: { series: string; period: string; record: string },
  author: string,
): ActualConflict[] {
  const m = /^(plan|entered):(\d{1,9})$/.exec(req.record);
  if (!m)
    throw new ApiError('invalid', '所选记录应为 plan:<序号> 或 entered:<编号>', 'The record must be plan:<n> or entered:<id>', 'record');
  const n = Number(m[2]);
  if (m[1] === 'plan') {
    const p = plan.actuals[n];
    if (!p || p.series !== req.series || p.period !== req.period)
      throw new ApiError(
        'not_found',
        `规划文件中没有 ${req.series} ${req.period} 的第 ${n} 条实际值`,
        `The plan has no actual #${n} of ${req.series} ${req.period}`,
        'record',
      );
    store.chooseActual(req.series, req.period, null, { author });
  } else {
    store.chooseActual(req.series, req.period, n, { author });
  }
  return listConflicts(store, plan);
}

/** The entered records in force, the planner's choices ranked above the plan's records they override. */
export function enteredInForce(store: ScenarioStore, plan: Plan): StoredActual[] {
  return rankChosen(plan.actuals, store.latestActuals(), store.actualChoices());
}

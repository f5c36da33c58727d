/**
 * Conflicting actuals (issue 16 item 6): two records of the same series and period whose values
 * are far apart and that come from different sources — 610家 entered against the plan's "≥920家"
 * for 2025. The one rule the store, the API and the renderer apply; the planner then chooses which
 * of them is in force (the store keeps and shows the choice).
 *
 * "Far apart" reads the value kinds: a lower bound (≥ L) is contradicted by a figure more than
 * CONFLICT_GAP below L, an upper bound (< U) by one more than CONFLICT_GAP above U; two figures
 * (actual or estimate) contradict when they differ by more than CONFLICT_GAP of the larger one;
 * two bounds of the same side never contradict. Nowcasts (estimates made from year-to-date
 * figures) are never in conflict with a reported figure: they are kept apart by design.
 *
 * Pure: no Node, no SQLite, no DOM.
 */
import { isNowcast, recordInForce, type RecordLike } from './records';
import type { Actual } from './schema';

/** Values further apart than this share (10%) of the larger magnitude contradict each other. */
const CONFLICT_GAP = 0.1;

/** What the conflict test reads of a record (an Actual, a StoredActual, a plan record). */
export interface ConflictLike {
  series: string;
  period: string;
  value: number;
  value_kind?: Actual['value_kind'];
  source?: { title?: string | null } | null;
  note?: string | null;
  vintage?: string | null;
  deleted_at?: string | null;
}

const kindOf = (a: ConflictLike): Actual['value_kind'] => a.value_kind ?? 'actual';

/** Is `b` more than `gap` (a share of |ref|) beyond `a` in the direction `sign` (+1 above, -1 below)? */
function beyond(v: number, bound: number, sign: 1 | -1, gap: number): boolean {
  const d = (v - bound) * sign;
  return d > gap * Math.max(Math.abs(bound), Math.abs(v), Number.MIN_VALUE);
}

/** Do the two values contradict each other, reading their kinds (see the file comment)? */
export function valuesContradict(a: ConflictLike, b: ConflictLike, gap: number = CONFLICT_GAP): boolean {
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value)) return false;
  const ka = kindOf(a);
  const kb = kindOf(b);
  const point = (k: Actual['value_kind']) => k === 'actual' || k === 'estimate';
  if (point(ka) && point(kb)) return beyond(Math.max(a.value, b.value), Math.min(a.value, b.value), 1, gap);
  if (ka === 'lower_bound' && point(kb)) return beyond(b.value, a.value, -1, gap);
  if (kb === 'lower_bound' && point(ka)) return beyond(a.value, b.value, -1, gap);
  if (ka === 'approx_below' && point(kb)) return beyond(b.value, a.value, 1, gap);
  if (kb === 'approx_below' && point(ka)) return beyond(a.value, b.value, 1, gap);
  // ≥ L against < U: contradict when L lies above U by more than the gap
  if (ka === 'lower_bound' && kb === 'approx_below') return beyond(a.value, b.value, 1, gap);
  if (kb === 'lower_bound' && ka === 'approx_below') return beyond(b.value, a.value, 1, gap);
  return false;
}

const normTitle = (a: ConflictLike): string => (a.source?.title ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Same source: the same source title (ignoring spaces, full-width forms and case). */
function sameSource(a: ConflictLike, b: ConflictLike): boolean {
  return normTitle(a) === normTitle(b);
}

/** Do two records conflict: same series and period, values far apart, different sources? */
export function actualsConflict(a: ConflictLike, b: ConflictLike, gap: number = CONFLICT_GAP): boolean {
  if (a.series !== b.series || a.period !== b.period) return false;
  if (a.deleted_at || b.deleted_at) return false;
  if (isNowcast(a) || isNowcast(b)) return false;
  // a growth rate (value kind 'yoy') and a level are not comparable figures
  if ((a.value_kind === 'yoy') !== (b.value_kind === 'yoy')) return false;
  return !sameSource(a, b) && valuesContradict(a, b, gap);
}

/** The key records of one series and period share. */
const conflictKey = (a: { series: string; period: string }): string => `${a.series}\u0000${a.period}`;

/**
 * The groups of live records (same series and period) in which at least one pair conflicts,
 * each with every live record of its series and period, in list order; groups in the order they
 * first appear.
 */
export function conflictGroups<T extends ConflictLike>(
  records: readonly T[],
  gap: number = CONFLICT_GAP,
): { series: string; period: string; records: T[] }[] {
  const by = new Map<string, T[]>();
  for (const r of records) {
    if (r.deleted_at || isNowcast(r) || !Number.isFinite(r.value)) continue;
    const k = `${conflictKey(r)}${r.value_kind === 'yoy' ? '\u0000yoy' : ''}`;
    const list = by.get(k);
    if (list) list.push(r);
    else by.set(k, [r]);
  }
  const out: { series: string; period: string; records: T[] }[] = [];
  for (const list of by.values()) {
    if (list.length < 2) continue;
    const hit = list.some((a, i) => list.some((b, j) => j > i && actualsConflict(a, b, gap)));
    if (hit) out.push({ series: list[0]!.series, period: list[0]!.period, records: list });
  }
  return out;
}

/** The records of `existing` a new record would conflict with. */
export function conflictsWith<T extends ConflictLike>(candidate: ConflictLike, existing: readonly T[], gap: number = CONFLICT_GAP): T[] {
  return existing.filter((e) => actualsConflict(candidate, e, gap));
}

// ---------------------------------------------------------------------------------------------
// the planner's choice of the record in force
// ---------------------------------------------------------------------------------------------

/** The planner's choice among conflicting records of one series and period (the store keeps it). */
export interface ChoiceLike {
  series: string;
  period: string;
  /** the entered record chosen; null: the plan file's record. */
  chosen_id: number | null;
  /** the entered records the choice set aside (kept, marked deleted). */
  set_aside: readonly number[];
}

/** An entered (stored) record as the conflict rules read it. */
export type EnteredLike = ConflictLike & RecordLike & { id: number };

/** One record of a conflict group: the plan file's (its index in plan.actuals) or an entered one. */
export interface ConflictMember<P, E> {
  origin: 'plan' | 'entered';
  /** the index in the plan's actuals (plan) or the store id (entered). */
  ref: number;
  record: P | E;
  in_force: boolean;
  /** an entered record the current choice set aside. */
  set_aside: boolean;
}

export interface ConflictState<P, E> {
  series: string;
  period: string;
  members: ConflictMember<P, E>[];
  choice: ChoiceLike | null;
  /** the planner chose and the choice still holds: the chosen record is in force and no entered record came after it. */
  decided: boolean;
}

/**
 * The conflicts between the plan's records and the entered ones, with the record in force and the
 * planner's choice. A conflict stays listed once decided: the records its choice set aside take
 * part as if live (shown as set aside), so the choice is kept and shown. Without a choice the
 * record in force is recordInForce's (plan records first, then the entered in order of entry);
 * with one, the chosen record (or, for the plan's, the plan record in force) while it is live.
 * A choice is decided while every live entered record of its series and period other than the
 * chosen one was set aside by it: a figure entered later opens the conflict again.
 */
export function conflictStates<P extends ConflictLike & RecordLike, E extends EnteredLike>(
  plan: readonly P[],
  entered: readonly E[],
  choices: readonly ChoiceLike[],
  gap: number = CONFLICT_GAP,
): ConflictState<P, E>[] {
  const choiceBy = new Map(choices.map((c) => [conflictKey(c), c]));
  type M = ConflictMember<P, E>;
  const members: M[] = [];
  plan.forEach((p, i) => members.push({ origin: 'plan', ref: i, record: p, in_force: false, set_aside: false }));
  for (const e of entered) {
    const c = choiceBy.get(conflictKey(e));
    const aside = !!e.deleted_at && !!c && c.set_aside.includes(e.id);
    if (e.deleted_at && !aside) continue;
    members.push({ origin: 'entered', ref: e.id, record: e, in_force: false, set_aside: aside });
  }
  const live = (m: M): ConflictLike => (m.set_aside ? { ...m.record, deleted_at: null } : m.record);
  const groups = conflictGroups(
    members.map((m) => ({ ...live(m), member: m })),
    gap,
  );
  return groups.map((g) => {
    const ms = g.records.map((r) => r.member);
    const choice = choiceBy.get(conflictKey(g)) ?? null;
    const isLive = (m: M) => !m.set_aside && !m.record.deleted_at;
    const byRule = (list: M[]): M | undefined => {
      const recs = list.filter(isLive);
      const win = recordInForce(recs.map((m) => m.record as RecordLike))[0];
      return recs.find((m) => m.record === win);
    };
    let force: M | undefined;
    if (choice && choice.chosen_id === null) force = byRule(ms.filter((m) => m.origin === 'plan'));
    else if (choice) force = ms.find((m) => m.origin === 'entered' && m.ref === choice.chosen_id && isLive(m));
    if (!force) force = byRule(ms);
    const out = ms.map((m) => ({ ...m, in_force: m === force }));
    const decided =
      !!choice &&
      !!force &&
      (choice.chosen_id === null ? force.origin === 'plan' : force.origin === 'entered' && force.ref === choice.chosen_id) &&
      ms.every((m) => m.origin === 'plan' || m === force || m.set_aside);
    return { series: g.series, period: g.period, members: out, choice, decided };
  });
}

/**
 * The entered records as the projections should read them under the planner's choices: a chosen
 * entered record that the plan file's record of its series and period would otherwise outrank
 * (a later vintage) is ranked with that vintage, so it is the one in force everywhere the plan's
 * and the entered records meet (the engine, the nowcast, the reforecast). Nothing else changes;
 * records are copied, never changed in place.
 */
export function rankChosen<E extends EnteredLike>(
  plan: readonly (RecordLike & { series: string; period: string })[],
  entered: readonly E[],
  choices: readonly ChoiceLike[],
): E[] {
  const chosen = new Map<number, ChoiceLike>();
  for (const c of choices) if (c.chosen_id !== null) chosen.set(c.chosen_id, c);
  if (chosen.size === 0) return [...entered];
  return entered.map((e) => {
    const c = chosen.get(e.id);
    if (!c || c.series !== e.series || c.period !== e.period || e.deleted_at) return e;
    let top: string | null = e.vintage ?? null;
    for (const p of plan) {
      if (p.series !== e.series || p.period !== e.period || p.deleted_at) continue;
      const v = p.vintage ?? null;
      if (v !== null && (top === null || v > top)) top = v;
    }
    return top === (e.vintage ?? null) ? e : { ...e, vintage: top };
  });
}

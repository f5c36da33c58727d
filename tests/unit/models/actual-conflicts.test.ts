import { describe, expect, it } from 'vitest';
import {
  actualsConflict,
  conflictGroups,
  conflictStates,
  conflictsWith,
  rankChosen,
  valuesContradict,
} from '../../../models/actual-conflicts';
import type { ConflictLike } from '../../../models/actual-conflicts';

const rec = (
  value: number,
  value_kind: ConflictLike['value_kind'] = 'actual',
  title = '咸宁统计公报',
  extra: Partial<ConflictLike> = {},
): ConflictLike => ({
  series: 'hightech_enterprises',
  period: '2025',
  value,
  value_kind,
  source: { title },
  ...extra,
});

describe('conflicting actuals: same series and period, values far apart, different sources', () => {
  it('the issue example: 610家 entered against the plan\'s "≥920家" for 2025', () => {
    expect(actualsConflict(rec(610, 'actual', '部门报送'), rec(920, 'lower_bound', '新闻发布会'))).toBe(true);
  });
  it('a figure above a lower bound agrees with it; one a little below (within 10%) is not flagged', () => {
    expect(actualsConflict(rec(950, 'actual', 'A'), rec(920, 'lower_bound', 'B'))).toBe(false);
    expect(actualsConflict(rec(900, 'actual', 'A'), rec(920, 'lower_bound', 'B'))).toBe(false);
  });
  it('two figures more than 10% of the larger apart contradict; a revision within 10% does not', () => {
    expect(valuesContradict(rec(100), rec(89))).toBe(true);
    expect(valuesContradict(rec(100), rec(91))).toBe(false);
    expect(valuesContradict(rec(-5), rec(5))).toBe(true);
  });
  it('an upper bound (< U) is contradicted by a figure well above it; bounds of one side never contradict', () => {
    expect(valuesContradict(rec(50, 'approx_below'), rec(60))).toBe(true);
    expect(valuesContradict(rec(50, 'approx_below'), rec(40))).toBe(false);
    expect(valuesContradict(rec(50, 'lower_bound'), rec(900, 'lower_bound'))).toBe(false);
    expect(valuesContradict(rec(900, 'lower_bound'), rec(50, 'approx_below'))).toBe(true);
  });
  it('the same source (ignoring spaces and full-width forms) is a revision, not a conflict', () => {
    expect(actualsConflict(rec(610, 'actual', '咸宁 统计公报'), rec(920, 'actual', '咸宁统计公报'))).toBe(false);
    expect(actualsConflict(rec(610, 'actual', 'ＡＢＣ'), rec(920, 'actual', 'abc'))).toBe(false);
  });
  it('other periods, deleted records and nowcasts never conflict', () => {
    expect(actualsConflict(rec(610, 'actual', 'A', { period: '2024' }), rec(920, 'actual', 'B'))).toBe(false);
    expect(actualsConflict(rec(610, 'actual', 'A', { deleted_at: '2026-01-01' }), rec(920, 'actual', 'B'))).toBe(false);
    expect(actualsConflict(rec(610, 'estimate', 'A', { note: '{"nowcast":{"method":"ratio"}}' }), rec(920, 'actual', 'B'))).toBe(false);
  });
  it('groups hold every live record of a conflicting series and period; candidates are checked against the stored', () => {
    const list = [
      rec(920, 'lower_bound', 'B'),
      rec(610, 'actual', 'A'),
      rec(930, 'actual', 'B'),
      rec(1, 'actual', 'X', { period: '2024' }),
    ];
    const groups = conflictGroups(list);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.records.map((r) => r.value)).toEqual([920, 610, 930]);
    expect(conflictsWith(rec(600, 'actual', 'C'), list).map((r) => r.value)).toEqual([920, 610, 930].filter((v) => v !== 610));
  });
});

describe("the record in force among conflicting actuals, and the planner's choice", () => {
  const plan = [rec(920, 'lower_bound', '新闻发布会', { vintage: '2026-01-25' }), rec(1, 'actual', 'X', { period: '2024' })];
  const entered = (extra: Partial<ConflictLike> = {}) => ({
    ...rec(610, 'actual', '部门报送', { vintage: '2025-12-31' }),
    id: 7,
    ...extra,
  });

  it('without a choice the later vintage is in force and the conflict is open', () => {
    const [c, ...rest] = conflictStates(plan, [entered()], []);
    expect(rest).toEqual([]);
    expect(c!.members.map((m) => [m.origin, m.ref, m.in_force])).toEqual([
      ['plan', 0, true],
      ['entered', 7, false],
    ]);
    expect(c!.decided).toBe(false);
  });
  it("choosing the entered record puts it in force, and the projection input ranks it above the plan's", () => {
    const choice = { series: 'hightech_enterprises', period: '2025', chosen_id: 7, set_aside: [] };
    const [c] = conflictStates(plan, [entered()], [choice]);
    expect(c!.members.find((m) => m.in_force)!.ref).toBe(7);
    expect(c!.decided).toBe(true);
    const ranked = rankChosen(plan, [entered()], [choice]);
    expect(ranked[0]!.vintage).toBe('2026-01-25');
    expect(rankChosen(plan, [entered()], [])[0]!.vintage).toBe('2025-12-31');
  });
  it("choosing the plan's record: the entered one set aside stays listed as set aside; a later entry reopens it", () => {
    const choice = { series: 'hightech_enterprises', period: '2025', chosen_id: null, set_aside: [7] };
    const aside = entered({ deleted_at: '2026-12-01T00:00:00.000Z' });
    const [c] = conflictStates(plan, [aside], [choice]);
    expect(c!.members.map((m) => [m.ref, m.in_force, m.set_aside])).toEqual([
      [0, true, false],
      [7, false, true],
    ]);
    expect(c!.decided).toBe(true);
    const later = { ...rec(600, 'actual', '另一来源', { vintage: '2026-12-02' }), id: 9 };
    const [again] = conflictStates(plan, [aside, later], [choice]);
    expect(again!.decided).toBe(false);
    expect(again!.members.map((m) => m.ref)).toEqual([0, 7, 9]);
  });
  it('a record deleted by hand (not by a choice) takes no part', () => {
    expect(conflictStates(plan, [entered({ deleted_at: '2026-12-01T00:00:00.000Z' })], [])).toEqual([]);
  });
});

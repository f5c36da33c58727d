/** The plan import's column mapping, preview cells, ids, years and the scoreboard's plan sentence. */
import { describe, expect, it } from 'vitest';
import { MAPPING_FIELDS } from '../../../scenarios/plan/indicator-import';
import {
  cellText,
  columnLetter,
  commonYear,
  fieldsByColumn,
  isBundledPlan,
  mappingOk,
  mappingProblems,
  normalizeMapping,
  parseYear,
  PLAN_FIELDS,
  planFileName,
  planIdProblem,
  showSourceLine,
  suggestPlanId,
  yearInText,
} from '../../../renderer/src/lib/planImport';
import { plan } from './fixtures';

describe('the column mapping', () => {
  it("has the backend's fields", () => {
    expect([...PLAN_FIELDS]).toEqual([...MAPPING_FIELDS]);
  });
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
  it('fills a partial mapping and drops nonsense', () => {
    expect(normalizeMapping({ name: 2, target: 1, unit: -1, base_value: 1.5 })).toEqual({
      name: 2,
      unit: null,
      base_value: null,
      target: 1,
      target_year: null,
      responsible: null,
    });
    expect(normalizeMapping(null)).toEqual({
      name: null,
      unit: null,
      base_value: null,
      target: null,
      target_year: null,
      responsible: null,
    });
  });
  it('finds missing required columns and columns used twice', () => {
    const m = normalizeMapping({ name: 2, unit: 2, target: null });
    expect(mappingProblems(m)).toEqual({ missing: ['target'], duplicates: [{ column: 2, fields: ['name', 'unit'] }] });
    expect(mappingOk(m)).toBe(false);
    expect(mappingOk(normalizeMapping({ name: 2, target: 1, unit: 3 }))).toBe(true);
    expect([...fieldsByColumn(normalizeMapping({ name: 2, target: 1 }))]).toEqual([
      [2, 'name'],
      [1, 'target'],
    ]);
  });
});

describe('cells, ids and years', () => {
  it('shows preview cells as text, marking a formula without a value', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(5000)).toBe('5000');
    expect(cellText('30%以上')).toBe('30%以上');
    expect(cellText({ cell_problem: 'formula_without_result', detail: '=B2*2', address: 'C3' })).toBe('⚠ =B2*2');
  });
  it('checks plan ids like the schema does', () => {
    expect(planIdProblem('')).toBe('empty');
    expect(planIdProblem('Other City')).toBe('format');
    expect(planIdProblem('2026plan')).toBe('format');
    expect(planIdProblem('other_city_2026_2028')).toBeNull();
    expect(suggestPlanId(2025, 2028)).toBe('plan_2026_2028');
    expect(suggestPlanId(null, 2028)).toBe('plan_2028');
    expect(suggestPlanId(null, null)).toBe('imported_plan');
    expect(planFileName({ id: 'plan_2026_2028' })).toBe('plan_2026_2028.plan.json');
  });
  it('reads years typed in and found in headers and columns', () => {
    expect(parseYear('2025')).toBe(2025);
    expect(parseYear(' ２０２８年 ')).toBe(2028);
    expect(parseYear('25')).toBeNull();
    expect(parseYear('3000')).toBeNull();
    expect(yearInText('2023年基数')).toBe(2023);
    expect(yearInText('基期值')).toBeNull();
    expect(
      commonYear(
        [
          [1, 2028],
          [2, '2028'],
          [3, 2027],
          [4, null],
        ],
        1,
      ),
    ).toBe(2028);
    expect(commonYear([[1, 2028]], null)).toBeNull();
  });
  it('tells the bundled plan from an imported one', () => {
    expect(isBundledPlan({ plan_id: plan.id, db_path: '/d/studio.sqlite' })).toBe(true);
    expect(isBundledPlan({ plan_id: 'other_city', db_path: '/d/other_city.sqlite' })).toBe(false);
    expect(isBundledPlan({ plan_id: 'other_city', db_path: 'C:\\d\\other_city.sqlite' })).toBe(false);
  });
});

describe('the plan sentence in the scoreboard', () => {
  const t = plan.targets.find((x) => x.id === 'fine_steel_output')!;
  it('shows when asked, or when the search matched only the sentence', () => {
    expect(showSourceLine(true, '', t.source_text, t.name_zh)).toBe(true);
    expect(showSourceLine(false, '', t.source_text, t.name_zh)).toBe(false);
    expect(showSourceLine(false, '数字智能工厂', t.source_text, t.name_zh)).toBe(true);
    expect(showSourceLine(false, '金盛兰', t.source_text, t.name_zh)).toBe(false);
    expect(showSourceLine(false, '金盛兰 工厂', t.source_text, t.name_zh)).toBe(true);
  });
});

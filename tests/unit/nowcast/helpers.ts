/**
 * Helpers for the nowcast tests: synthetic monthly data, small plans, actuals.
 * No vitest imports here.
 */
import { Plan, type Actual, type Assumption, type GrowthModel, type PlanInput } from '../../../models/schema';
import type { AnnualPoint, NowcastInput, YtdPoint } from '../../../models/nowcast';
import { formatYtdNote, ytdPeriod } from '../../../models/records';

export type SeriesIn = PlanInput['series'][number];

export function ser(id: string, extra: Partial<SeriesIn> = {}): SeriesIn {
  return { id, name_zh: `${id}中文`, name_en: `${id} en`, unit: '亿元', nature: 'flow', ...extra };
}

export function makePlan(series: SeriesIn[], actuals: PlanInput['actuals'] = []): Plan {
  return Plan.parse({
    schema_version: 1,
    id: 'nowcast_test',
    title_zh: '测试规划',
    title_en: 'Test plan',
    issuer_zh: '测试',
    issued_date: '2024-01-01',
    source_document: 'test',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series,
    targets: [
      {
        id: 't1',
        name_zh: 't1',
        name_en: 't1',
        section: 's1',
        item: null,
        source_text: 't1',
        unit: '亿元',
        kind: 'level',
        comparator: '>=',
        comparator_zh: '以上',
        target: 1,
        target_year: 2026,
        series: series[0].id,
        responsible: ['测试局'],
      },
    ],
    actuals,
  });
}

export function asm(series: string, model: GrowthModel): Assumption {
  return { series, base_value: null, model, uncertainty: null, rationale: '', source: '', author: '', updated_at: '' };
}

export function annualActual(series: string, year: number, value: number, extra: Partial<Actual> = {}): Actual {
  return {
    series,
    period: String(year),
    value,
    value_kind: 'actual',
    source: { title: 'test', url: null, date: null, reliability: 'official' },
    vintage: null,
    note: '',
    entered_by: 'test',
    ...extra,
  };
}

export function ytdActual(series: string, year: number, month: number, value: number, growth?: number): Actual {
  return {
    series,
    period: ytdPeriod(year, month),
    value,
    value_kind: 'actual',
    source: { title: 'test', url: null, date: null, reliability: 'official' },
    vintage: null,
    note: formatYtdNote({ growth }),
    entered_by: 'test',
  };
}

/**
 * A flow with annual totals `annual[y]` and year-to-date values `share[y] * annual[y]` at `month`
 * (for every year in `share`, including the nowcast year when given).
 */
export function shareSeries(
  annual: Record<number, number>,
  share: Record<number, number>,
  month: number,
  year: number,
  growth: Record<number, number> = {},
): NowcastInput {
  const ytd: YtdPoint[] = [];
  for (const [y, s] of Object.entries(share)) {
    const Y = Number(y);
    const p: YtdPoint = { year: Y, month };
    if (annual[Y] !== undefined) p.cumulative = s * annual[Y];
    if (growth[Y] !== undefined) p.growth = growth[Y];
    ytd.push(p);
  }
  const ann: AnnualPoint[] = Object.entries(annual)
    .filter(([y]) => Number(y) < year)
    .map(([y, v]) => ({ year: Number(y), value: v }));
  return { series: 'x', year, ytd, annual: ann, flow: true };
}

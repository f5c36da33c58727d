import { describe, expect, it } from 'vitest';
import type { Target } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { draftSentence, scenarioPhrase, targetPhrase } from '../../../models/sentences';
import { formatGrowth, formatValue } from '../../../models/units';
import { presetInput } from './fixtures';

const input = presetInput('zh-CN');
const plan = input.plan;
const [baseline, stretch] = input.scenarios;
const target = (id: string): Target => plan.targets.find((t) => t.id === id)!;
const evalOf = (s = baseline, id: string): TargetEvaluation => s.projection.targets.find((e) => e.id === id)!;

function synthetic(t: Target, patch: Partial<TargetEvaluation>): TargetEvaluation {
  return {
    id: t.id,
    series: t.series,
    unit: t.unit,
    kind: t.kind,
    comparator: t.comparator,
    target: t.target,
    target_year: t.target_year,
    base_year: 2023,
    projected: null,
    gap: null,
    gap_rel: null,
    met: null,
    yearly: [],
    required_growth: null,
    assumed_growth: null,
    progress: null,
    time_elapsed: null,
    status: 'lagging',
    status_year: 2025,
    assumed: false,
    growth_from_year: 2023,
    ...patch,
  };
}

describe('draftSentence (zh-CN)', () => {
  it('drafts the level sentence of the brief for 金盛兰精品钢产值', () => {
    const t = target('fine_steel_output');
    const e = evalOf(baseline, t.id);
    expect(e.met).toBe(false);
    const s = draftSentence(t, e, '基准情景', 'zh-CN');
    const expected =
      `按基准情景测算，2026年金盛兰精品钢产值预计达到${formatValue(e.projected!, '亿元')}，` +
      `距目标差${formatValue(e.gap!, '亿元')}，` +
      (e.growth_from_year === 2025 ? `2026年需增长${formatGrowth(e.required_growth)}` : `需年均增长${formatGrowth(e.required_growth)}`) +
      `${e.assumed ? '（含假设数据）' : ''}。`;
    expect(s).toBe(expected);
    expect(s).toMatch(/^按基准情景测算，2026年金盛兰精品钢产值预计达到[\d.]+亿元，距目标差[\d.]+亿元，(需年均增长|2026年需增长)[\d.]+%/);
  });

  it('says 已提前实现目标 for a target already met', () => {
    const t = target('high_tech_enterprises');
    const e = evalOf(baseline, t.id);
    expect(e.status).toBe('achieved_early');
    const s = draftSentence(t, e, '基准情景', 'zh-CN');
    expect(s).toContain('已提前实现目标');
    expect(s).toContain('达680家');
    expect(s.startsWith('按基准情景测算，高新技术企业已提前实现目标')).toBe(true);
  });

  it('marks assumed inputs with （含假设数据） and only then', () => {
    for (const s of input.scenarios) {
      for (const t of plan.targets) {
        const e = evalOf(s, t.id);
        const sentence = draftSentence(t, e, s.name, 'zh-CN');
        expect(sentence.includes('（含假设数据）')).toBe(e.assumed);
      }
    }
    const e = synthetic(target('fine_steel_output'), { projected: 650, gap: 50, met: false, assumed: true });
    expect(draftSentence(target('fine_steel_output'), e, '基准情景', 'zh-CN')).toMatch(/（含假设数据）。$/);
  });

  it('drafts a reduction as 累计下降 with the gap in 个百分点', () => {
    const t = target('energy_intensity_reduction');
    const e = synthetic(t, { projected: 9.6, gap: 0.4, met: false, required_growth: -0.035, growth_from_year: 2023 });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2026年单位地区生产总值能耗较2023年累计下降9.6%，距目标差0.4个百分点，需年均下降3.5%。',
    );
  });

  it('drafts a share as a level in % with the gap in 个百分点, never in %', () => {
    const t = target('mfg_va_share_gdp');
    const e = synthetic(t, { projected: 26.5, gap: 1.5, met: false });
    const s = draftSentence(t, e, '乐观情景', 'zh-CN');
    expect(s).toBe('按乐观情景测算，2026年制造业增加值占地区生产总值比重预计为26.5%，距目标差1.5个百分点。');
    for (const sc of input.scenarios) {
      for (const tt of plan.targets.filter((x) => x.kind === 'share')) {
        expect(draftSentence(tt, evalOf(sc, tt.id), sc.name, 'zh-CN')).not.toMatch(/差[\d.]+%/);
      }
    }
  });

  it('drafts average growth as 年均增长', () => {
    const t = target('trade_growth');
    const e = synthetic(t, { projected: 8, gap: 2, met: false });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe('按基准情景测算，2024—2026年进出口总额年均增长8.0%，距目标差2.0个百分点。');
    const ahead = synthetic(t, { projected: 12, gap: -2, met: true, status: 'ahead' });
    expect(draftSentence(t, ahead, '基准情景', 'zh-CN')).toContain('年均增长12.0%，可实现目标（年均增速达10%），超出2.0个百分点');
  });

  it('judges an annual flow year by year', () => {
    const t = target('tech_renovation_projects');
    const e = synthetic(t, {
      projected: 107,
      yearly: [
        { year: 2024, value: 112, met: true, actual: true },
        { year: 2025, value: 98, met: false, actual: false },
        { year: 2026, value: 107, met: true, actual: false },
      ],
      met: false,
    });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2024—2026年每年实施重点技术改造项目预计分别为112项、98项、107项（2024年为实际值），2025年低于目标（每年100项以上）。',
    );
    const ok = synthetic(t, { projected: 107, yearly: e.yearly.map((y) => ({ ...y, met: true })), met: true, status: 'on_track' });
    expect(draftSentence(t, ok, '基准情景', 'zh-CN')).toContain('各年均达到目标（每年100项以上）');
  });

  it('writes a failing year of whole counts cut toward the miss, never as the target itself (99.6项 is 99项, not 100项)', () => {
    const t = target('tech_renovation_projects');
    const e = synthetic(t, {
      projected: 104.6,
      yearly: [
        { year: 2024, value: 99.6, met: false, actual: false },
        { year: 2025, value: 99.96, met: false, actual: false },
        { year: 2026, value: 104.6, met: true, actual: false },
      ],
      met: false,
    });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2024—2026年每年实施重点技术改造项目预计分别为99项、99项、104项，2024年、2025年低于目标（每年100项以上）。',
    );
    expect(draftSentence(t, e, 'Baseline', 'en')).toContain('projected 2024 99 items, 2025 99 items, 2026 104 items; below the target');
    // a year clearly short is cut the same way: 98.8 holds 98 whole projects
    const clear = synthetic(t, { projected: 104.6, yearly: [{ year: 2024, value: 98.8, met: false, actual: false }], met: false });
    expect(draftSentence(t, clear, '基准情景', 'zh-CN')).toContain('预计为98项，2024年低于目标');
    // a ceiling: a year just above it is cut upward, to the next whole count
    const cap: Target = { ...t, comparator: '<=', comparator_zh: '以下' };
    const over = synthetic(cap, {
      comparator: '<=',
      projected: 99,
      yearly: [{ year: 2024, value: 100.04, met: false, actual: false }],
      met: false,
    });
    expect(draftSentence(cap, over, '基准情景', 'zh-CN')).toContain('预计为101项');
  });

  it('drafts cumulative sums, ranges, 左右 and caps', () => {
    const cum = target('offshore_park_new_firms');
    expect(draftSentence(cum, synthetic(cum, { projected: 90, gap: 10, met: false }), '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2024—2026年离岸科创园新引进企业预计累计90家，距目标差10家。',
    );
    const range = target('county_research_institutes');
    expect(draftSentence(range, synthetic(range, { projected: 0, gap: 1, met: false }), '基准情景', 'zh-CN')).toContain(
      '低于目标区间（1—2家）下限1家',
    );
    expect(
      draftSentence(range, synthetic(range, { projected: 1.5, gap: 0, met: true, status: 'on_track' }), '基准情景', 'zh-CN'),
    ).toContain('处于目标区间（1—2家）内');
    const cap: Target = { ...target('fine_steel_output'), comparator: '<=', comparator_zh: '不超过' };
    expect(draftSentence(cap, synthetic(cap, { projected: 720, gap: 20, met: false }), '基准情景', 'zh-CN')).toContain(
      '超出目标上限20亿元',
    );
    const about = target('tech_vice_presidents_annual');
    expect(targetPhrase(about, 'zh-CN')).toBe('每年20名左右');
  });

  it('words targets as the plan does', () => {
    expect(targetPhrase(target('fine_steel_output'), 'zh-CN')).toBe('达700亿元');
    expect(targetPhrase(target('mfg_va_share_gdp'), 'zh-CN')).toBe('达28%以上');
    expect(targetPhrase(target('energy_intensity_reduction'), 'zh-CN')).toBe('下降10%');
    expect(targetPhrase(target('provincial_specialised_smes'), 'zh-CN')).toBe('突破300家');
    expect(targetPhrase(target('base_stations_5g'), 'zh-CN')).toBe('6,000个');
    expect(targetPhrase(target('park_circular_transformation'), 'zh-CN')).toBe('全部，即100%');
    expect(targetPhrase(target('skilled_talents'), 'en')).toBe('at least 30,000 people in total');
    expect(targetPhrase(target('county_research_institutes'), 'zh-CN')).toBe('1—2家');
  });

  it('names user scenarios and adds the probability when simulated', () => {
    expect(scenarioPhrase('基准情景', 'zh-CN')).toBe('按基准情景测算');
    expect(scenarioPhrase('钢铁扩产', 'zh-CN')).toBe('按“钢铁扩产”情景测算');
    const t = target('fine_steel_output');
    const s = draftSentence(t, synthetic(t, { projected: 650, gap: 50, met: false }), '钢铁扩产', 'zh-CN', { p_meet: 0.183 });
    expect(s).toBe('按“钢铁扩产”情景测算，2026年金盛兰精品钢产值预计达到650亿元，距目标差50亿元，达标概率18%。');
  });

  it('says when there are no data', () => {
    const t = target('green_products');
    expect(draftSentence(t, synthetic(t, { status: 'no_data' }), '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，绿色产品暂无可用数据，无法判断进展。',
    );
  });

  it('drafts a clean sentence for every target, scenario and language', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const s of input.scenarios) {
        for (const t of plan.targets) {
          const sentence = draftSentence(t, evalOf(s, t.id), s.name, lang);
          expect(sentence).not.toMatch(/NaN|undefined|null|Infinity|—%/);
          expect(sentence.endsWith(lang === 'zh-CN' ? '。' : '.')).toBe(true);
          if (lang === 'en') expect(sentence).not.toMatch(/[，。；（）]/);
        }
      }
    }
  });
});

describe('draftSentence (en)', () => {
  it('drafts the level sentence in English', () => {
    const t = target('fine_steel_output');
    const e = synthetic(t, { projected: 635.2, gap: 64.8, met: false, required_growth: 0.226, assumed: true });
    expect(draftSentence(t, e, 'Baseline', 'en')).toBe(
      'Jinshenglan fine steel output value: under the Baseline scenario, projected at 63.5 billion yuan in 2026, 6.5 billion yuan short of the target (at least 70 billion yuan); it needs average annual growth of 22.6% (includes assumed data).',
    );
  });

  it('uses percentage points for shares and reductions, and says achieved early', () => {
    const share = target('mfg_va_share_gdp');
    expect(draftSentence(share, synthetic(share, { projected: 26.5, gap: 1.5, met: false }), 'Stretch', 'en')).toContain(
      '1.5 percentage points short of the target (at least 28%)',
    );
    const red = target('energy_intensity_reduction');
    expect(draftSentence(red, synthetic(red, { projected: 9.6, gap: 0.4, met: false }), 'Stretch', 'en')).toContain(
      'a cumulative fall of 9.6% from 2023 to 2026, 0.4 percentage points short',
    );
    const hte = target('high_tech_enterprises');
    expect(draftSentence(hte, evalOf(stretch, hte.id), 'Stretch', 'en')).toContain('has already been met ahead of schedule');
  });
});

describe('numbers in the sentences: one rule in both languages', () => {
  it('writes counts as whole numbers, with thousands separators in Chinese too', () => {
    const t = target('base_stations_5g');
    const e = synthetic(t, { projected: 5880.8, gap: 119.2, met: false, required_growth: 0.117 });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2026年建成5G基站预计达到5,880个，距目标差120个，需年均增长11.7%。',
    );
    expect(draftSentence(t, e, 'Baseline', 'en')).toBe(
      '5G base stations built: under the Baseline scenario, projected at 5,880 in 2026, 120 short of the target (at least 6,000); it needs average annual growth of 11.7%.',
    );
    const nurses = target('nursing_graduates_annual');
    const flow = synthetic(nurses, {
      projected: 4032.6,
      yearly: [
        { year: 2024, value: 3876, met: false, actual: false },
        { year: 2025, value: 3953.5, met: false, actual: false },
        { year: 2026, value: 4032.6, met: true, actual: false },
      ],
      met: false,
    });
    expect(draftSentence(nurses, flow, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2024—2026年每年培养学历教育护理人才预计分别为3,876名、3,953名、4,032名，2024年、2025年低于目标（每年4,000名）。',
    );
    expect(draftSentence(nurses, flow, 'Baseline', 'en')).toBe(
      'Nursing graduates trained each year: under the Baseline scenario, projected 2024 3,876 people, 2025 3,953 people, 2026 4,032 people; below the target (at least 4,000 people a year) in 2024, 2025.',
    );
  });

  it('writes a shortfall under one as 1家 with the figure cut below the target, a whole firm in the singular, and leaves out a surplus under one', () => {
    const t = target('little_giants');
    const short = synthetic(t, { projected: 29.9, gap: 0.1, met: false });
    expect(draftSentence(t, short, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2026年国家级专精特新“小巨人”企业预计达到29家，距目标差1家。',
    );
    expect(draftSentence(t, short, 'Baseline', 'en')).toContain(
      'projected at 29 firms in 2026, 1 firm short of the target (at least 30 firms).',
    );
    const one = synthetic(t, { projected: 29, gap: 1, met: false });
    expect(draftSentence(t, one, 'Baseline', 'en')).toContain('projected at 29 firms in 2026, 1 firm short of the target');
    const over = synthetic(t, { projected: 30.3, gap: -0.3, met: true, status: 'on_track' });
    expect(draftSentence(t, over, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2026年国家级专精特新“小巨人”企业预计达到30家，可实现目标（30家）。',
    );
    const range = target('county_research_institutes');
    expect(draftSentence(range, synthetic(range, { projected: 0.6, gap: 0.4, met: false }), 'Baseline', 'en')).toContain(
      'projected at 0 firms in 2026, 1 firm below the target range (1–2 firms)',
    );
  });

  it('keeps the decimal of a rate written in a count unit (1.8件 per 10,000 people)', () => {
    const t = target('high_value_patents_per_10k');
    const e = synthetic(t, { projected: 1.72, gap: 0.08, met: false });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe('按基准情景测算，2026年每万人高价值专利拥有量预计达到1.7件，距目标差0.1件。');
    expect(draftSentence(t, e, 'Baseline', 'en')).toContain(
      'projected at 1.7 items in 2026, 0.1 items short of the target (at least 1.8 items)',
    );
  });

  it('writes 亿元 with one decimal, a trailing zero dropped, in English in billions of yuan', () => {
    const t = target('fine_steel_output');
    const e = synthetic(t, { projected: 647, gap: 53, met: false });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe('按基准情景测算，2026年金盛兰精品钢产值预计达到647亿元，距目标差53亿元。');
    expect(draftSentence(t, e, 'Baseline', 'en')).toBe(
      'Jinshenglan fine steel output value: under the Baseline scenario, projected at 64.7 billion yuan in 2026, 5.3 billion yuan short of the target (at least 70 billion yuan).',
    );
    const h = target('health_output');
    const met = synthetic(h, { projected: 1099.04, gap: -99.04, met: true, status: 'on_track' });
    expect(draftSentence(h, met, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2026年大健康产值预计达到1,099亿元，可实现目标（达1,000亿元），超出99亿元。',
    );
    expect(draftSentence(h, met, 'Baseline', 'en')).toContain(
      'projected at 109.9 billion yuan in 2026, meeting the target (at least 100 billion yuan) with 9.9 billion yuan to spare.',
    );
    const mw = target('clean_energy_capacity');
    const cap = synthetic(mw, { projected: 2393.5, gap: 606.5, met: false });
    expect(draftSentence(mw, cap, '基准情景', 'zh-CN')).toContain('预计达到2,393.5兆瓦，距目标差606.5兆瓦');
    expect(draftSentence(mw, cap, 'Baseline', 'en')).toContain(
      'projected at 2,393.5 MW in 2026, 606.5 MW short of the target (at least 3,000 MW)',
    );
  });

  it('writes percent figures with one decimal and "1.0 percentage point" in the singular', () => {
    const g = target('tech_renovation_investment_growth');
    const e = synthetic(g, { projected: 9, gap: 1, met: false });
    expect(draftSentence(g, e, '基准情景', 'zh-CN')).toBe('按基准情景测算，2024—2026年工业技改投资年均增长9.0%，距目标差1.0个百分点。');
    expect(draftSentence(g, e, 'Baseline', 'en')).toContain(
      'average growth of 9.0% a year over 2024–2026, 1.0 percentage point short of the target (average growth of at least 10% a year).',
    );
    const share = target('mfg_va_share_gdp');
    expect(draftSentence(share, synthetic(share, { projected: 26, gap: 2, met: false }), '基准情景', 'zh-CN')).toContain(
      '预计为26.0%，距目标差2.0个百分点',
    );
    expect(draftSentence(share, synthetic(share, { projected: 27.96, gap: 0.04, met: false }), '基准情景', 'zh-CN')).toContain(
      '预计为28.0%，距目标差0.04个百分点',
    );
  });

  it('says the growth a growth_rate target still needs after the latest actual', () => {
    const t = target('trade_growth');
    const e = synthetic(t, { projected: 8, gap: 2, met: false, required_growth: 0.14, growth_from_year: 2024 });
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).toBe(
      '按基准情景测算，2024—2026年进出口总额年均增长8.0%，距目标差2.0个百分点，2025—2026年需年均增长14.0%。',
    );
    expect(draftSentence(t, e, 'Baseline', 'en')).toContain(
      '2.0 percentage points short of the target (average growth of at least 10% a year); it needs average growth of 14.0% a year over 2025–2026.',
    );
  });

  it('writes English sentences without Chinese for every target of the presets', () => {
    const en = presetInput('en');
    for (const s of en.scenarios) {
      for (const t of en.plan.targets) {
        const sentence = draftSentence(
          t,
          s.projection.targets.find((e) => e.id === t.id)!,
          s.name,
          'en',
        );
        expect(sentence, t.id).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
        expect(sentence, t.id).not.toMatch(/(?<![\d.,])(1 (firms|items|people)|1\.0 percentage points)\b/);
      }
    }
  });
});

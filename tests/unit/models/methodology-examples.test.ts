/**
 * The methodology (issue 15 item 7): every worked example of models/methodology.ts states the
 * numbers the real functions give (the engine, the verdict line, the count rules), and
 * docs/methodology.md says the same (each section's heading and each example's text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodologySections, type MethodExample } from '../../../models/methodology';
import { withMethodology } from '../../../scripts/methodology-doc';

const sections = methodologySections();
const examples = new Map<string, MethodExample>();
for (const s of sections) for (const e of s.examples) examples.set(e.id, e);
const ex = (id: string): MethodExample => {
  const e = examples.get(id);
  if (!e) throw new Error(`no example ${id}`);
  return e;
};

describe('methodology: structure', () => {
  it('every section has a heading and paragraphs in both languages, no markup', () => {
    expect(sections.length).toBeGreaterThanOrEqual(7);
    const ids = new Set<string>();
    for (const s of sections) {
      expect(ids.has(s.id)).toBe(false);
      ids.add(s.id);
      for (const b of [s.heading, ...s.paragraphs, ...s.examples]) {
        expect(b.zh.length).toBeGreaterThan(0);
        expect(b.en.length).toBeGreaterThan(0);
        expect(b.zh + b.en).not.toMatch(/[<>]|&[a-z]+;|NaN|undefined/);
      }
    }
  });

  it('is computed once', () => {
    expect(methodologySections()).toBe(sections);
  });
});

describe('methodology: final-year verdicts', () => {
  it('99 against 100 with a 2% tolerance is 接近完成, 1 short', () => {
    const e = ex('final_near');
    expect(e.values).toMatchObject({ status: 'near_complete', gap: 1, near_tolerance: 2 });
    expect(e.zh).toContain('接近完成：2026年实际99亿元，距目标差1亿元');
    expect(e.en).toContain('nearly met');
  });
  it('97 against 100 is 未完成, 3 short (beyond the tolerance)', () => {
    const e = ex('final_missed');
    expect(e.values).toMatchObject({ status: 'not_completed', gap: 3 });
    expect(e.zh).toContain('未完成：2026年实际97亿元，距目标差3亿元');
  });
  it('a projection of 96 × 1.05 = 100.8 is 预计完成', () => {
    const e = ex('final_expected');
    expect(e.values).toMatchObject({ status: 'expected_complete', projected: 100.8 });
    expect(e.zh).toContain('预计完成：2026年预计100.8亿元，超出0.8亿元');
  });
});

describe('methodology: before the target year', () => {
  it('exactly on schedule with a tolerance of 0 is on track (progress 1/3 = time elapsed)', () => {
    const e = ex('on_schedule');
    expect(e.values).toMatchObject({ status: 'on_track', progress: 0.333, time_elapsed: 0.333 });
  });
  it('met in 2025 and still met in 2026 is 提前实现', () => {
    expect(ex('achieved_early').values.status).toBe('achieved_early');
  });
  it('met in 2025 but falling back in 2026 is never 提前实现, and the line says why', () => {
    const e = ex('falls_back');
    expect(e.values).toMatchObject({ status: 'on_track', projected: 121.5 });
    expect(e.zh).toContain('2025年已达到（135亿元），2026年预计回落至121.5亿元');
    expect(e.zh).not.toContain('提前实现');
  });
});

describe('methodology: yardsticks', () => {
  it('a 20% growth target grown at exactly 20% is on track (progress 2/3)', () => {
    expect(ex('growth_geometric').values).toMatchObject({ status: 'on_track', progress: 0.667, time_elapsed: 0.667 });
  });
  it('the compound yardstick reads a geometric level path as on track, the linear one as lagging', () => {
    const e = ex('compound_vs_linear');
    // linear: (100·2^(2/3) − 100) / (200 − 100) = 0.587; compound: (2/3) ln 2 / ln 2
    expect(e.values).toMatchObject({
      linear_progress: 0.587,
      linear_status: 'lagging',
      compound_progress: 0.667,
      compound_status: 'on_track',
    });
    expect(e.zh).toContain('0.587');
    expect(e.zh).toContain('0.667');
  });
  it('1—2家 is a floor of 1 with an aim of 2', () => {
    const e = ex('range_floor');
    expect(e.values.status).toBe('completed');
    expect(e.zh).toContain('达到下限，距力争目标差1家');
  });
  it('a zero base is refused for a growth target', () => {
    const e = ex('zero_base');
    expect(e.values.status).toBe('no_data');
    expect(e.zh).toContain('基期2023年数值为0，无法计算年均增速');
  });
});

describe('methodology: 每年 targets', () => {
  it('a counted year missed (95 in 2025) lags, and the gap names that year', () => {
    const e = ex('every_year');
    expect(e.values).toMatchObject({ status: 'lagging', gap: 5, gap_year: 2025, progress: 0.333 });
    expect(e.zh).toContain('2025年距目标差5亿元');
  });
});

describe('methodology: the verdict line and counts', () => {
  it('98.8 against 100以上 reads 98, a shortfall of 1.2 reads 2', () => {
    expect(ex('whole_counts').values).toEqual({ figure: 98, shortfall: 2 });
  });
  it('9.2家 against 10家 reads 9家, 差1家, 还需新增1家', () => {
    const e = ex('count_line');
    expect(e.values).toMatchObject({ projected: 9.2, gap: 0.8 });
    expect(e.zh).toContain('2026年预计9家，距目标差1家；还需新增1家');
  });
});

describe('methodology: provenance and base shifts', () => {
  it('an assumed base of 15家 carries the 假设 mark and is named in the line', () => {
    const e = ex('assumed_base');
    expect(e.values).toMatchObject({ status: 'ahead', assumed: true, progress: 0.733 });
    expect(e.zh).toContain('基期2023年为假设值15家');
  });
  it('+10% on the assumed base (16.5) turns 快于预期 into 基本符合预期', () => {
    const e = ex('base_shift');
    expect(e.values).toEqual({ status: 'ahead', plus10: 'on_track', flips: true });
    expect(e.zh).toContain('0.704');
  });
  it('the roll-up counts the verdicts resting on assumptions', () => {
    const e = ex('rollup');
    expect(e.values).toEqual({ ahead: 3, ahead_assumed: 2, on_track: 1 });
    expect(e.zh).toContain('3项快于预期，其中2项依赖假设数据；1项基本符合预期。');
  });
  it('口径 words come from models/koujing.ts', () => {
    expect(ex('koujing_label').values.label).toBe('基期2020年，终期2025年');
  });
});

describe('methodology: month-end levels as floors', () => {
  it('a published June level of 10家 floors 2026 above the flat projection of 8家', () => {
    const e = ex('month_end_floor');
    expect(e.values).toMatchObject({ status: 'expected_complete', basis: 'month_end', basis_month: 6, gap: 0 });
    expect(e.zh).toContain('预计完成（按6月末存量）：2026年6月末已达10家，达到目标');
  });
});

describe('docs/methodology.md says the same', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/methodology.md'), 'utf8');
  it.each(sections.map((s) => [s.id, s] as const))('section %s: heading and examples', (_id, s) => {
    expect(doc).toContain(`## ${s.heading.zh} / ${s.heading.en}`);
    for (const e of s.examples) {
      expect(doc).toContain(e.zh);
      expect(doc).toContain(e.en);
    }
  });
  it('its generated block is exactly the module (npx tsx scripts/methodology-doc.ts rewrites it)', () => {
    expect(withMethodology(doc)).toBe(doc);
  });
});

describe('methodology: the required effort', () => {
  it('a target whose latest actual meets it reads 已达到 with the headroom, not −26.1%', () => {
    const e = ex('required_reached');
    expect(e.values).toMatchObject({ state: 'reached', rate: -0.261, headroom: 0.261, behind: false });
    expect(e.zh).toContain('已达到（2026年可下降26.1%仍达标）');
    expect(e.en).toContain('reached (could fall 26.1% in 2026 and still meet it)');
  });
  it('a rising target assuming less than it needs is in red', () => {
    const e = ex('required_needed');
    expect(e.values).toMatchObject({ state: 'needed', rate: 0.111, assumed: 0.05, behind: true });
    expect(e.zh).toContain('11.1% / 5.0%，标红');
  });
  it('a reduction assuming a smaller fall than it needs is in red too', () => {
    const e = ex('required_falling');
    expect(e.values).toMatchObject({ state: 'needed', rate: -0.043, assumed: -0.02, behind: true });
    expect(e.zh).toContain('-4.3% / -2.0%，标红');
  });
});

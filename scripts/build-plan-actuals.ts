/**
 * Regenerates the `actuals` and `references` arrays of the bundled plan from the public-figures
 * table (scenarios/plan/data/xianning-public-figures.csv) and the mapping table below.
 *
 *   npx tsx scripts/build-plan-actuals.ts          rewrite the plan file
 *   npx tsx scripts/build-plan-actuals.ts --check  exit 1 if the plan file is out of date
 *
 * Every CSV row must appear in MAPPING exactly once, and every MAPPING key must name a CSV row:
 * a row either measures a plan series (an Actual) or is context (a Reference: companion plans'
 * targets, figures of another definition, half-year figures, district-only figures). Values,
 * value kinds, reliabilities and addresses are copied from the CSV, never typed here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Actual, Reference } from '../models/schema';
import { parsePlan } from '../scenarios/plan/load';
import { parsePublicFigures, rowKey, type PublicFigureRow } from '../scenarios/plan/public-figures';

export const CSV_FILE = fileURLToPath(new URL('../scenarios/plan/data/xianning-public-figures.csv', import.meta.url));
export const PLAN_FILE = fileURLToPath(new URL('../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));

type ActualMapping = {
  to: 'actual';
  series: string;
  /** The period the figure describes, when it differs from the CSV's (a year-end stock published in January). */
  period?: string;
  /** When the figure was published (from the address or the note); null when the source does not say. */
  date: string | null;
  note_zh: string;
};
type ReferenceMapping = {
  to: 'reference';
  related_targets: string[];
  date: string | null;
  note_zh: string;
};
export type RowMapping = ActualMapping | ReferenceMapping;

const HEADLINE = ['sei_va_share_gdp', 'mfg_va_share_gdp', 'energy_intensity_reduction'];

/** Row key (indicator_zh|period) -> where the figure goes. Reviewable: one line per CSV row. */
export const MAPPING: Record<string, RowMapping> = {
  '地区生产总值|2025': {
    to: 'actual',
    series: 'gdp_nominal',
    date: '2026-01',
    note_zh: '2026年1月市领导讲话称2025年经济总量跨过2000亿元,未给出确切数字:下限值。',
  },
  '地区生产总值|2021H1': { to: 'reference', related_targets: HEADLINE, date: '2022-01-10', note_zh: '半年数据,不是全年值,仅作参考。' },
  '地区生产总值|2020H1': {
    to: 'reference',
    related_targets: HEADLINE,
    date: '2020-07-25',
    note_zh: '半年数据(疫情年),不是全年值,仅作参考。',
  },
  '地区生产总值|2018': { to: 'actual', series: 'gdp_nominal', date: null, note_zh: '百科信息框数据,仅用于长期趋势;发布日期不详。' },
  '地区生产总值|2017': { to: 'actual', series: 'gdp_nominal', date: null, note_zh: '聚合网站数据,可信度低;发布日期不详。' },
  '地区生产总值|2015': { to: 'actual', series: 'gdp_nominal', date: null, note_zh: '市级媒体报道;发布日期不详。' },
  '地区生产总值|2011': { to: 'actual', series: 'gdp_nominal', date: null, note_zh: '市级媒体报道(与2015年数据同一篇);发布日期不详。' },
  '地区生产总值增速目标|2024': {
    to: 'reference',
    related_targets: HEADLINE,
    date: '2024-04-18',
    note_zh: '2024年度计划目标(实际增速,可比价),不是本方案指标。',
  },
  '规上工业增加值增速目标|2024': {
    to: 'reference',
    related_targets: [
      'emerging_industry_share_industrial_va',
      'industrial_energy_intensity_reduction',
      'industrial_water_intensity_reduction',
    ],
    date: '2024-04-18',
    note_zh: '2024年度计划目标(7%左右),不是本方案指标。',
  },
  '固定资产投资增速目标|2024': {
    to: 'reference',
    related_targets: ['tech_renovation_investment_growth'],
    date: '2024-04-18',
    note_zh: '2024年度计划目标;固定资产投资口径宽于工业技改投资。',
  },
  '进出口总额增速目标|2024': {
    to: 'reference',
    related_targets: ['trade_growth'],
    date: '2024-04-18',
    note_zh: '2024年度计划目标,与本方案年均10%一致。',
  },
  '进出口总额|2021H1': {
    to: 'reference',
    related_targets: ['trade_growth'],
    date: '2022-01-10',
    note_zh: '半年数据,不是全年值,仅作参考。',
  },
  '大健康产业产值|2025': { to: 'actual', series: 'health_output', date: '2026-01', note_zh: '2026年1月讲话称“接近千亿”:略低于1000亿元。' },
  '高新技术企业|2025': {
    to: 'actual',
    series: 'high_tech_enterprises',
    date: '2026-01-25',
    note_zh: '2026年1月25日发布会:突破920家,下限值。',
  },
  '高新技术企业|2023-06': {
    to: 'actual',
    series: 'high_tech_enterprises',
    date: '2023-06-13',
    note_zh: '2023年6月认定批次后的存量(年中值,不是年末值)。',
  },
  '技术合同成交额占地区生产总值比重|2025': {
    to: 'reference',
    related_targets: ['tech_contract_turnover'],
    date: '2026-01-25',
    note_zh: '占比,不是成交额本身;按地区生产总值2000亿元以上推算,2025年成交额约240亿元以上。',
  },
  '省级专精特新中小企业|2026-01': {
    to: 'actual',
    series: 'provincial_specialised_smes',
    period: '2025',
    date: '2026-01-19',
    note_zh: '2026年1月19日发布会公布的数字,描述2025年底的存量,故记为2025年。',
  },
  '省级及以上专精特新中小企业|2025-05': {
    to: 'reference',
    related_targets: ['provincial_specialised_smes'],
    date: '2025-05-16',
    note_zh: '“省级及以上”口径,与方案“省级专精特新企业”及314家的口径不同,仅作参考。',
  },
  '新增省级专精特新中小企业|2022': {
    to: 'reference',
    related_targets: ['provincial_specialised_smes'],
    date: '2025-05-16',
    note_zh: '年度新增数,不是存量(存量还受到期复核退出影响)。',
  },
  '新增省级专精特新中小企业|2023': {
    to: 'reference',
    related_targets: ['provincial_specialised_smes'],
    date: '2025-05-16',
    note_zh: '年度新增数,不是存量(存量还受到期复核退出影响)。',
  },
  '新增省级专精特新中小企业|2024': {
    to: 'reference',
    related_targets: ['provincial_specialised_smes'],
    date: '2025-05-16',
    note_zh: '年度新增数,不是存量(存量还受到期复核退出影响)。',
  },
  '新增省级专精特新中小企业|2025': {
    to: 'reference',
    related_targets: ['provincial_specialised_smes'],
    date: '2025-05-16',
    note_zh: '年度新增数(第七批),不是存量。',
  },
  '国家级专精特新小巨人企业|2025-05': {
    to: 'actual',
    series: 'little_giants',
    date: '2025-05-16',
    note_zh: '2025年5月的存量(另有3家重点“小巨人”)。',
  },
  '国家级专精特新小巨人企业|2026-01': {
    to: 'actual',
    series: 'little_giants',
    period: '2025',
    date: '2026-01-19',
    note_zh: '2026年1月19日发布会公布的数字,描述2025年底的存量,故记为2025年。',
  },
  '规上工业企业|2025': {
    to: 'actual',
    series: 'above_scale_industrial_firms',
    date: '2026-01-19',
    note_zh: '2025年底规上工业企业数(当年新增116家)。',
  },
  '规上工业企业研发机构覆盖率|2025': {
    to: 'reference',
    related_targets: ['rd_institution_coverage'],
    date: '2026-01-19',
    note_zh: '73.54%远高于方案42%的目标,口径应不同(可能含非规上或统计范围不同),暂不作为实际值。',
  },
  '省级智能工厂|2025': {
    to: 'reference',
    related_targets: ['provincial_smart_mfg_demo'],
    date: '2026-01-19',
    note_zh: '“省级智能工厂”累计数,与“省级智能制造试点示范企业”口径可能不同。',
  },
  '电子信息规上工业企业|2025': {
    to: 'reference',
    related_targets: ['electronics_output'],
    date: null,
    note_zh: '企业数,不是产值;发布日期不详。',
  },
  '咸安区汽车零部件产业链产值|2024': {
    to: 'reference',
    related_targets: ['equipment_output'],
    date: null,
    note_zh: '仅咸安区,不是全市装备制造产值;发布日期不详。',
  },
  '金盛兰营业收入|2019': {
    to: 'reference',
    related_targets: ['fine_steel_output', 'fine_steel_capacity_share'],
    date: null,
    note_zh: '营业收入,不是产值,且早于基期;附设计产能信息。发布日期不详。',
  },
  '常住人口|2023': {
    to: 'actual',
    series: 'resident_population',
    date: null,
    note_zh: '转引2023年统计公报(城镇化率58.85%);发布日期不详。',
  },
  '常住人口|2021': { to: 'actual', series: 'resident_population', date: '2022-05-12', note_zh: '市场研究文章的镜像。' },
  '高新技术企业目标(科技创新三年行动方案)|2026': {
    to: 'reference',
    related_targets: ['high_tech_enterprises'],
    date: '2024-11-15',
    note_zh: '配套科技创新三年行动方案的目标(800家),高于本方案680家。',
  },
  '技术合同成交额目标(科技创新三年行动方案)|2026': {
    to: 'reference',
    related_targets: ['tech_contract_turnover'],
    date: '2024-11-15',
    note_zh: '配套方案的目标(250亿元,约占地区生产总值10%),高于本方案160亿元。',
  },
  '全社会研发经费年均增长目标(科技创新三年行动方案)|2024-2026': {
    to: 'reference',
    related_targets: ['rd_expenditure_growth'],
    date: '2024-11-15',
    note_zh: '配套方案:年均增长10%以上、2026年研发投入强度1.8%以上;本方案为7%以上。',
  },
  '单位地区生产总值能耗下降目标(十四五节能减排)|2020-2025': {
    to: 'reference',
    related_targets: ['energy_intensity_reduction'],
    date: null,
    note_zh: '“十四五”节能减排目标(2020—2025年下降14%),期间和基期与本方案不同。',
  },
};

const ENTERED_BY = 'scripts/build-plan-actuals.ts (xianning-public-figures.csv)';

function sourceTitle(url: string): string {
  let host = url;
  try {
    host = new URL(url).hostname;
  } catch {
    /* keep the raw text */
  }
  return host.endsWith('.gov.cn') ? `政府网站 ${host}` : `网页 ${host}`;
}

/** Builds the two arrays; throws if a row is unmapped, a key is unused, or a row does not fit. */
export function buildActualsAndReferences(
  rows: PublicFigureRow[],
  mapping: Record<string, RowMapping> = MAPPING,
): { actuals: Actual[]; references: Reference[] } {
  const actuals: Actual[] = [];
  const references: Reference[] = [];
  const used = new Set<string>();
  for (const row of rows) {
    const key = rowKey(row);
    if (used.has(key)) throw new Error(`公开数据表第 ${row.line} 行的键重复 / duplicate row key "${key}" (line ${row.line})`);
    used.add(key);
    const m = mapping[key];
    if (!m) throw new Error(`公开数据表第 ${row.line} 行没有映射 / no mapping for row "${key}" (line ${row.line})`);
    const source = { title: sourceTitle(row.source_url), url: row.source_url, date: m.date, reliability: row.reliability };
    const note = `${m.note_zh} 来源说明 / source note: ${row.source_note}`;
    if (m.to === 'actual') {
      if (row.value_kind === 'target') {
        throw new Error(`"${key}" 是目标值,只能作参考 / a target cannot be an actual`);
      }
      actuals.push({
        series: m.series,
        period: m.period ?? row.period,
        value: row.value,
        value_kind: row.value_kind,
        source,
        vintage: m.date,
        note,
        entered_by: ENTERED_BY,
      });
    } else {
      references.push({
        label_zh: row.indicator_zh,
        label_en: row.indicator_en,
        period: row.period,
        value: row.value,
        unit: row.unit,
        value_kind: row.value_kind,
        related_targets: m.related_targets,
        source,
        note,
      });
    }
  }
  const unused = Object.keys(mapping).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`映射表中有公开数据表没有的行 / mapping keys with no CSV row: ${unused.join(', ')}`);
  return { actuals, references };
}

/** The plan file's text with its actuals and references replaced (key order kept). */
export function rebuildPlanText(planText: string, csvText: string): string {
  const plan = JSON.parse(planText) as Record<string, unknown>;
  const { actuals, references } = buildActualsAndReferences(parsePublicFigures(csvText));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plan)) out[k] = k === 'actuals' ? actuals : k === 'references' ? references : v;
  if (!('actuals' in out)) out.actuals = actuals;
  if (!('references' in out)) out.references = references;
  const checked = parsePlan(out);
  if (!checked.ok) {
    throw new Error(`重建后的规划文件无效 / the rebuilt plan is invalid:\n${checked.errors.map((e) => e.message_en).join('\n')}`);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

function main(argv: string[]): number {
  const planText = readFileSync(PLAN_FILE, 'utf8');
  const next = rebuildPlanText(planText, readFileSync(CSV_FILE, 'utf8'));
  if (argv.includes('--check')) {
    if (next !== planText) {
      console.error('规划文件的实际值/参考值已过期,请运行 npx tsx scripts/build-plan-actuals.ts / plan actuals are out of date');
      return 1;
    }
    console.log('规划文件的实际值/参考值是最新的 / plan actuals are up to date');
    return 0;
  }
  writeFileSync(PLAN_FILE, next);
  const plan = JSON.parse(next) as { actuals: unknown[]; references: unknown[] };
  console.log(
    `已写入 ${plan.actuals.length} 条实际值、${plan.references.length} 条参考值 / wrote ${plan.actuals.length} actuals and ${plan.references.length} references`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}

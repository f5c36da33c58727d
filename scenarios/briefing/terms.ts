/**
 * Words of the briefing pack in both languages (the product glossary): statuses, kinds of
 * values, reliabilities, growth models and their parameters, colours. Pure.
 */
import type { GrowthModel, Plan, Reliability, Status, ValueKind } from '../../models/schema';
import type { Assumption } from '../../models/schema';
import { formatGrowth, formatNumber, formatValue } from '../../models/units';
import { STATUSES, STATUS_TABLE, statusArgb, statusWord } from '../../models/status';
import type { BriefingLanguage } from './types';
import { rangeInForce, uncertainParameter } from '../../models/uncertainty';
import { parseReliabilityWord } from '../../models/reliability';

export { STATUS_ORDER } from '../../models/status';

/** The status words of the one table (models/status.ts), per briefing language. */
export const STATUS_WORDS: Record<BriefingLanguage, Record<Status, string>> = {
  'zh-CN': statusWords('zh-CN'),
  en: statusWords('en'),
};

function statusWords(lang: BriefingLanguage): Record<Status, string> {
  const out = {} as Record<Status, string>;
  for (const s of STATUSES) out[s] = statusWord(s, lang);
  return out;
}

/** Chip colours of the one table: text on a light fill (prints on grey-scale printers as distinct greys too). */
export const STATUS_COLORS: Record<Status, { fg: string; bg: string; argbFill: string; argbText: string }> = (() => {
  const out = {} as Record<Status, { fg: string; bg: string; argbFill: string; argbText: string }>;
  for (const s of STATUSES) {
    const a = statusArgb(s);
    out[s] = { fg: STATUS_TABLE[s].fg, bg: STATUS_TABLE[s].bg, argbFill: a.fill, argbText: a.text };
  }
  return out;
})();

/** Line colours of scenarios, in the order scenarios are shown. */
const SCENARIO_COLORS = ['#1f5fbf', '#1a7f37', '#bc4c00', '#8250df', '#0e7490', '#9a6700'];
export function scenarioColor(i: number): string {
  return SCENARIO_COLORS[i % SCENARIO_COLORS.length];
}

export const VALUE_KIND_WORDS: Record<BriefingLanguage, Record<ValueKind, string>> = {
  'zh-CN': { actual: '实际值', lower_bound: '下限', approx_below: '接近(上限)', estimate: '推算', yoy: '同比增长(%)' },
  en: {
    actual: 'actual',
    lower_bound: 'lower bound',
    approx_below: 'approx. (upper bound)',
    estimate: 'estimate',
    yoy: 'year-on-year growth (%)',
  },
};

/** One source for the reliability words, shared with the screens (models/reliability.ts). */
export { RELIABILITY_WORDS, RELIABILITY_HEADING } from '../../models/reliability';

/** Reads a value kind written in either language, or as its code. */
export function parseValueKind(text: string): ValueKind | null {
  const t = text.trim();
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const [k, w] of Object.entries(VALUE_KIND_WORDS[lang])) if (w === t) return k as ValueKind;
  }
  const lower = t.toLowerCase();
  if (lower in VALUE_KIND_WORDS.en) return lower as ValueKind;
  if (t === '接近（上限）') return 'approx_below';
  return null;
}

export function parseReliability(text: string): Reliability | null {
  return parseReliabilityWord(text);
}

export const POINT_WORDS: Record<BriefingLanguage, Record<'actual' | 'actual_bound' | 'projected' | 'assumed', string>> = {
  'zh-CN': { actual: '实际值', actual_bound: '实际值（下限/近似）', projected: '测算值', assumed: '假设值' },
  en: { actual: 'actual', actual_bound: 'actual (bound/approx.)', projected: 'projected', assumed: 'assumed' },
};

export const MODEL_WORDS: Record<BriefingLanguage, Record<string, string>> = {
  'zh-CN': {
    cagr: '年均增速',
    path: '逐年增速',
    flat: '保持不变',
    interp: '线性插值',
    step: '阶跃',
    trend: '趋势外推',
    logistic: '饱和增长',
    elasticity: '弹性',
    pipeline: '重大项目投产',
    intensity_decay: '强度下降',
    derived: '派生',
    default_flat: '未设假设（持平）',
  },
  en: {
    cagr: 'constant growth',
    path: 'growth path',
    flat: 'flat',
    interp: 'interpolation',
    step: 'step',
    trend: 'trend',
    logistic: 'logistic saturation',
    elasticity: 'elasticity',
    pipeline: 'major projects',
    intensity_decay: 'intensity decay',
    derived: 'derived',
    default_flat: 'no assumption (flat)',
  },
};

export function seriesName(plan: Pick<Plan, 'series'>, id: string, lang: BriefingLanguage): string {
  const s = plan.series.find((x) => x.id === id);
  if (!s) return id;
  return lang === 'zh-CN' ? s.name_zh : s.name_en;
}

export function seriesUnit(plan: Pick<Plan, 'series'>, id: string): string {
  return plan.series.find((x) => x.id === id)?.unit ?? '';
}

const rate = (r: number): string => formatGrowth(r, 1);
const plain = (x: number, lang: BriefingLanguage, d = 2): string => formatNumber(x, d, lang);

/** The model's parameters, readable: 年均增速 6.0% / 弹性 1.10（相对 地区生产总值）. */
export function modelParameters(model: GrowthModel, unit: string, plan: Pick<Plan, 'series'>, lang: BriefingLanguage): string {
  const zh = lang === 'zh-CN';
  const sep = zh ? '，' : ', ';
  const yr = (y: number | string) => (zh ? `${y}年` : `${y}`);
  switch (model.type) {
    case 'cagr':
      return zh ? `年均增速 ${rate(model.rate)}` : `average annual growth ${rate(model.rate)}`;
    case 'path': {
      const years = Object.keys(model.rates).sort();
      const parts = years.map((y) => `${yr(y)} ${rate(model.rates[y])}`);
      const rest = zh ? `其余年份 ${rate(model.default_rate ?? 0)}` : `other years ${rate(model.default_rate ?? 0)}`;
      return `${parts.join(sep)}${zh ? '；' : '; '}${rest}`;
    }
    case 'flat':
      return zh ? '保持最新值' : 'latest value held';
    case 'interp':
      return model.points.map((p) => `${yr(p.year)} ${formatValue(p.value, unit, lang)}`).join(sep);
    case 'step':
      return model.steps
        .map((p) => (zh ? `${p.year}年起 ${formatValue(p.value, unit, lang)}` : `from ${p.year}: ${formatValue(p.value, unit, lang)}`))
        .join(sep);
    case 'trend':
      return zh ? (model.form === 'linear' ? '线性趋势' : '对数线性趋势') : model.form === 'linear' ? 'linear trend' : 'log-linear trend';
    case 'logistic':
      return zh
        ? `上限 ${formatValue(model.ceiling, unit, lang)}，速度 ${plain(model.rate, lang)}`
        : `ceiling ${formatValue(model.ceiling, unit, lang)}, speed ${plain(model.rate, lang)}`;
    case 'elasticity':
      return zh
        ? `弹性 ${plain(model.elasticity, lang)}（相对 ${seriesName(plan, model.driver, lang)}）`
        : `elasticity ${plain(model.elasticity, lang)} (to ${seriesName(plan, model.driver, lang)})`;
    case 'pipeline': {
      const head = zh ? `基础增速 ${rate(model.underlying_rate ?? 0)}` : `underlying growth ${rate(model.underlying_rate ?? 0)}`;
      const projects = model.projects.map((p) =>
        zh
          ? `${p.name}（${p.start_year}年投产，产能 ${formatValue(p.capacity, unit, lang)}/年，${p.ramp_years ?? 1}年达产）`
          : `${p.name} (from ${p.start_year}, capacity ${formatValue(p.capacity, unit, lang)} a year, ${p.ramp_years ?? 1}-year ramp-up)`,
      );
      if (projects.length === 0) return head;
      return `${head}${zh ? '；项目：' : '; projects: '}${projects.join(zh ? '；' : '; ')}`;
    }
    case 'intensity_decay':
      return zh
        ? `强度年均下降 ${rate(model.rate)}（驱动：${seriesName(plan, model.driver, lang)}）`
        : `intensity falls ${rate(model.rate)} a year (driver: ${seriesName(plan, model.driver, lang)})`;
  }
}

const RATE_MODELS = new Set(['cagr', 'path', 'pipeline', 'intensity_decay']);

/** The uncertainty range on the model's main parameter: 90%区间 2.5%—6.5%（正态）. */
export function uncertaintyText(a: Assumption, lang: BriefingLanguage): string {
  const u = a.uncertainty;
  if (!u) return '';
  const fmt = (x: number) => (RATE_MODELS.has(a.model.type) ? rate(x) : plain(x, lang));
  const conf = `${Math.round((u.confidence ?? 0.9) * 100)}%`;
  const dist: Record<string, [string, string]> = {
    normal: ['正态', 'normal'],
    triangular: ['三角', 'triangular'],
    uniform: ['均匀', 'uniform'],
    lognormal: ['对数正态', 'lognormal'],
  };
  const d = dist[u.distribution ?? 'normal'] ?? [u.distribution, u.distribution];
  // the range the simulation drew from: centred on the scenario's value unless pinned (models/uncertainty)
  const r = rangeInForce(u, uncertainParameter(a.model));
  if (r.recentred) {
    return lang === 'zh-CN'
      ? `${conf}区间 ${fmt(r.low)}—${fmt(r.high)}（${d[0]}；随情景取值平移，原设 ${fmt(r.stored_low)}—${fmt(r.stored_high)}）`
      : `${conf} range ${fmt(r.low)}–${fmt(r.high)} (${d[1]}; moved with the scenario value, set as ${fmt(r.stored_low)}–${fmt(r.stored_high)})`;
  }
  return lang === 'zh-CN' ? `${conf}区间 ${fmt(u.low)}—${fmt(u.high)}（${d[0]}）` : `${conf} range ${fmt(u.low)}–${fmt(u.high)} (${d[1]})`;
}

/** The plan's section title with its code: "一、实施现代化产业体系建设行动", "总体目标". */
export function sectionTitle(plan: Pick<Plan, 'sections'>, sectionId: string, lang: BriefingLanguage): string {
  const s = plan.sections.find((x) => x.id === sectionId);
  if (!s) return sectionId;
  if (lang === 'en') {
    return s.code && s.code !== s.title_zh ? `${romanOf(s.code) ?? s.code}. ${s.title_en}` : s.title_en;
  }
  return s.code && s.code !== s.title_zh ? `${s.code}、${s.title_zh}` : s.title_zh;
}

const CN_NUM: Record<string, string> = {
  一: 'I',
  二: 'II',
  三: 'III',
  四: 'IV',
  五: 'V',
  六: 'VI',
  七: 'VII',
  八: 'VIII',
  九: 'IX',
  十: 'X',
};
function romanOf(code: string): string | null {
  return CN_NUM[code] ?? null;
}

export function itemTitle(plan: Pick<Plan, 'sections'>, itemId: string | null, lang: BriefingLanguage): string | null {
  if (!itemId) return null;
  for (const s of plan.sections) {
    const it = s.items.find((i) => i.id === itemId);
    if (it) return lang === 'zh-CN' ? `${it.code}${it.title_zh}` : it.title_en;
  }
  return null;
}

/** ISO time -> 2026年11月26日 / 26 November 2026 (UTC date of the ISO string, no clock). */
export function formatDate(iso: string, lang: BriefingLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'zh-CN') return `${y}年${mo}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[mo - 1]} ${y}`;
}

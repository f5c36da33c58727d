/**
 * Provenance as a planner writes it. Records carry machine parts — a JSON head line in a note
 * (`{"ytd_growth":0.098}`, `{"nowcast":{…}}`), bilingual texts ("中文 来源说明 / source note: English",
 * "1-10月累计推算 / nowcast from January–October") and internal authors ("ytd import",
 * "scripts/build-plan-actuals.ts (…)") — that belong in the data, not in a briefing. These
 * functions give the words of one language for screens and exports; the stored record is unchanged.
 * Pure.
 *
 * @example noteText('{"ytd_growth":0.098}\n市统计局月报', 'zh-CN') // '市统计局月报'
 * @example noteText('下限值。 来源说明 / source note: lower bound', 'en') // 'lower bound'
 * @example enteredByText('ytd import', 'zh-CN') // '系统导入：1-N月统计数据'
 * @example enteredValue(1950.3) // '1,950.3'
 */
import type { Plan, Series, Status, TargetKind } from './schema';
import { STATUSES } from './schema';
import type { ProjectionResult, TargetEvaluation } from './types';

export type ProvenanceLanguage = 'zh-CN' | 'en';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const BILINGUAL_NOTE = /\s*来源说明\s*\/\s*source note:\s*/;

/** Drops a first line that is a JSON object (the machine part of a note). */
function withoutJsonHead(text: string): string {
  const nl = text.indexOf('\n');
  const head = (nl < 0 ? text : text.slice(0, nl)).trim();
  if (head.startsWith('{') && head.endsWith('}')) {
    try {
      JSON.parse(head);
      return nl < 0 ? '' : text.slice(nl + 1);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * One language's side of "中文 / English" (one separator, Chinese on the left, none on the right);
 * any other text as it is.
 */
export function languageSide(text: string, lang: ProvenanceLanguage): string {
  const parts = text.split(' / ');
  if (parts.length !== 2) return text;
  const [zh, en] = parts;
  if (!CJK.test(zh) || CJK.test(en)) return text;
  return (lang === 'zh-CN' ? zh : en).trim();
}

/** The human part of an actual's note, in one language. */
export function noteText(note: string | null | undefined, lang: ProvenanceLanguage): string {
  if (!note) return '';
  const text = withoutJsonHead(note).trim();
  const m = BILINGUAL_NOTE.exec(text);
  if (m) {
    const zh = text.slice(0, m.index).trim();
    const en = text.slice(m.index + m[0].length).trim();
    return lang === 'zh-CN' ? zh || en : en || zh;
  }
  return languageSide(text, lang);
}

/** A source title in one language ("1-10月累计推算 / nowcast from January–October" -> one side). */
export function sourceTitleText(title: string, lang: ProvenanceLanguage): string {
  return languageSide(title, lang);
}

/** Who entered a record, as a planner reads it: names stay, the system's own markers get words. */
export function enteredByText(enteredBy: string | null | undefined, lang: ProvenanceLanguage): string {
  const e = (enteredBy ?? '').trim();
  const zh = lang === 'zh-CN';
  if (e === '') return '';
  if (/^scripts\/build-plan-actuals/.test(e)) return zh ? '系统导入：公开数据整理' : 'system import: public figures';
  if (e === 'plan file') return zh ? '随规划文件提供' : 'shipped with the plan';
  if (e === 'ytd import') return zh ? '系统导入：1-N月统计数据' : 'system import: year-to-date statistics';
  if (/^ytd 1-12$/.test(e)) return zh ? '系统导入：1-12月统计数据' : 'system import: January–December statistics';
  if (e === 'nowcast') return zh ? '系统推算' : 'system estimate';
  if (e === 'Excel 导入') return zh ? '系统导入：指标表' : 'system import: indicator table';
  return e;
}

/** A value exactly as entered: every decimal it has, thousands grouped (1950.3 -> 1,950.3). */
export function enteredValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  if (/e/i.test(text)) return text;
  const [int, frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Provenance of verdicts: which inputs a verdict rests on, and which of them are assumptions
// ---------------------------------------------------------------------------------------------

/** What part an input plays in a verdict. */
export type InputRole = 'base' | 'status' | 'target' | 'growth';
/** Where an input's value comes from: an actual record, an assumed base value, or the scenario's projection. */
export type InputBasis = 'actual' | 'assumed_base' | 'projected' | 'missing';

/** One value a verdict rests on: a plain (not derived) series in one year. */
export interface VerdictInput {
  series: string;
  year: number;
  roles: InputRole[];
  basis: InputBasis;
  /** true where the value is an assumption (an assumed base value, or projected under the scenario). */
  assumed: boolean;
  /** the value used, or null when none. */
  value: number | null;
}

export interface VerdictProvenance {
  id: string;
  status: Status;
  /** true where any input is an assumption: the verdict carries the 假设 mark. */
  assumed: boolean;
  /** true where the verdict rests on an assumed base value (the base year has no actual). */
  assumed_base: boolean;
  inputs: VerdictInput[];
}

/** Statuses read from time-proportional progress (序时进度), which is measured from the base-year value. */
const PROGRESS_STATUSES: ReadonlySet<Status> = new Set<Status>(['ahead', 'on_track', 'lagging']);

/**
 * Whether a verdict rests on the base-year value: always where the judged quantity is measured from
 * it (a reduction, an average growth), and where the status is read from progress. A target met
 * early or judged on its outcome (提前实现, 已完成, 预计完成…) compares a value with the target and
 * does not rest on the base.
 */
function statusUsesBase(kind: TargetKind, ev: TargetEvaluation): boolean {
  if (kind === 'annual_flow' || kind === 'range' || kind === 'cumulative') return false;
  if (kind === 'reduction' || kind === 'growth_rate') return true;
  return ev.progress !== null && PROGRESS_STATUSES.has(ev.status);
}

const seriesMaps = new WeakMap<Plan, Map<string, Series>>();
function seriesDef(plan: Plan, id: string): Series | undefined {
  let m = seriesMaps.get(plan);
  if (!m || m.size !== plan.series.length) {
    m = new Map(plan.series.map((s) => [s.id, s]));
    seriesMaps.set(plan, m);
  }
  return m.get(id);
}

/** The plain series a series is computed from (itself when not derived), with the years each one enters. */
function leaves(plan: Plan, series: string, year: number, out: Map<string, Set<number>>, depth = 0): void {
  const d = seriesDef(plan, series)?.derived ?? null;
  if (!d || depth > 20) {
    let ys = out.get(series);
    if (!ys) out.set(series, (ys = new Set()));
    ys.add(year);
    return;
  }
  if (d.type === 'ratio') {
    leaves(plan, d.numerator, year, out, depth + 1);
    leaves(plan, d.denominator, year, out, depth + 1);
  } else if (d.type === 'deflate') {
    leaves(plan, d.nominal, year, out, depth + 1);
    leaves(plan, d.deflator, year, out, depth + 1);
  } else {
    // a running sum rests on every year from its start; its latest year stands for them
    leaves(plan, d.of, year, out, depth + 1);
  }
}

/**
 * Which inputs one verdict rests on, and which of them are assumptions. The judged series in the
 * status year and the target year, the base year wherever progress or the judged quantity is
 * measured from it (level, share, reduction, growth rate), and the series the required growth runs
 * on; derived series are followed down to the plain series they are computed from. A base-year
 * value without an actual is an assumed base (小巨人's 15家, 高新技术企业's 580家), and carries the mark.
 */
export function verdictProvenance(plan: Plan, result: ProjectionResult, ev: TargetEvaluation): VerdictProvenance {
  const wanted: Array<[string, number, InputRole]> = [];
  if (ev.status !== 'no_data') {
    if (ev.status_year !== null) wanted.push([ev.series, ev.status_year, 'status']);
    wanted.push([ev.series, ev.target_year, 'target']);
    if (statusUsesBase(ev.kind, ev)) wanted.push([ev.series, ev.base_year, 'base']);
    if (ev.kind === 'annual_flow') for (const y of ev.yearly) wanted.push([ev.series, y.year, 'target']);
    const gs = ev.growth_series ?? ev.series;
    if (ev.growth_from_year !== null && ev.growth_from_year !== undefined && ev.growth_from_year < ev.target_year) {
      wanted.push([gs, ev.growth_from_year, 'growth']);
    }
  }
  const byKey = new Map<string, VerdictInput>();
  for (const [series, year, role] of wanted) {
    const leafYears = new Map<string, Set<number>>();
    leaves(plan, series, year, leafYears);
    for (const [leaf, years] of leafYears) {
      for (const y of years) {
        const key = `${leaf}@${y}`;
        const have = byKey.get(key);
        if (have) {
          if (!have.roles.includes(role)) have.roles.push(role);
          continue;
        }
        const sp = result.series[leaf];
        const v = sp?.values[y];
        const value = v === undefined || !Number.isFinite(v) ? null : v;
        const isActual = sp ? sp.actual_years.includes(y) : false;
        const isAssumed = sp ? sp.assumed_years.includes(y) : false;
        const basis: InputBasis =
          value === null ? 'missing' : isActual ? 'actual' : isAssumed && y <= ev.base_year ? 'assumed_base' : 'projected';
        byKey.set(key, { series: leaf, year: y, roles: [role], basis, assumed: isAssumed && !isActual, value });
      }
    }
  }
  const inputs = [...byKey.values()].sort((a, b) => a.series.localeCompare(b.series) || a.year - b.year);
  const assumedBase = inputs.some((i) => i.basis === 'assumed_base' && i.roles.includes('base'));
  return { id: ev.id, status: ev.status, assumed: ev.assumed || inputs.some((i) => i.assumed), assumed_base: assumedBase, inputs };
}

/** Every verdict's provenance, in the order of the result's targets. */
export function verdictsProvenance(plan: Plan, result: ProjectionResult): VerdictProvenance[] {
  return result.targets.map((ev) => verdictProvenance(plan, result, ev));
}

/** Per status: how many verdicts, and how many of them rest on assumptions. */
export type AssumptionRollup = Record<Status, { count: number; assumed: number }>;

export function assumptionRollup(verdicts: readonly Pick<VerdictProvenance, 'status' | 'assumed'>[]): AssumptionRollup {
  const out = Object.fromEntries(STATUSES.map((s) => [s, { count: 0, assumed: 0 }])) as AssumptionRollup;
  for (const v of verdicts) {
    out[v.status].count++;
    if (v.assumed) out[v.status].assumed++;
  }
  return out;
}

/**
 * The roll-up with its assumptions, one clause per status with verdicts: "5项提前实现，其中3项依赖假设数据".
 * `label` gives a status's word (the caller's terms: the renderer's i18n, the briefing's terms).
 */
export function assumptionRollupSentence(rollup: AssumptionRollup, label: (s: Status) => string, lang: ProvenanceLanguage): string {
  const zh = lang === 'zh-CN';
  const parts: string[] = [];
  for (const s of STATUSES) {
    const { count, assumed } = rollup[s];
    if (count === 0) continue;
    if (zh) parts.push(assumed > 0 ? `${count}项${label(s)}，其中${assumed}项依赖假设数据` : `${count}项${label(s)}`);
    else parts.push(assumed > 0 ? `${count} ${label(s)}, ${assumed} of them resting on assumed data` : `${count} ${label(s)}`);
  }
  return parts.join(zh ? '；' : '; ') + (parts.length > 0 ? (zh ? '。' : '.') : '');
}

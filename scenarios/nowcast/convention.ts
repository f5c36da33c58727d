/**
 * How year-to-date statistics live among the actuals (see docs/nowcast.md, "Storage").
 *
 * One Actual per series and month (the store keeps one record in force per series and period):
 *   period  'YYYY-MM'  (2026-09 = 1-9月累计)
 *   value   the cumulative January..month (a flow) or the level at month end (a stock)
 *   note    first line a JSON object: {"ytd_growth":0.052} when a 累计增速 was given, plus
 *           "ytd_implied":"prior_same_month"|"prior_total" when no cumulative was given and the
 *           value was implied from last year (value_kind 'estimate', never used as a cumulative
 *           by the nowcast); after a newline, a human note in both languages.
 *
 * Nowcasts written as yearly estimates carry {"nowcast":{...}} on the first line of their note,
 * so they are never read back as an annual total.
 *
 * No Node, no SQLite: usable anywhere.
 */
import type { Actual } from '../../models/schema';
import type { AnnualPoint, YtdPoint } from '../../models/nowcast';

export const YTD_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const YEAR_PERIOD = /^\d{4}$/;

export type YtdImplied = 'prior_same_month' | 'prior_total';

export interface YtdNote {
  /** year-to-date growth as a fraction. */
  growth?: number;
  /** set when the value was implied from last year (no cumulative was given). */
  implied?: YtdImplied;
  /** the human part of the note (after the first line). */
  text: string;
}

/** period 'YYYY-MM' of a year and month. */
export function ytdPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** {year, month} of a 'YYYY-MM' period, or null. */
export function parseYtdPeriod(period: string): { year: number; month: number } | null {
  const m = YTD_PERIOD.exec(period);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** The note of a YTD actual: JSON on the first line, then the human text. */
export function formatYtdNote(meta: { growth?: number; implied?: YtdImplied }, text = ''): string {
  const o: Record<string, unknown> = {};
  if (meta.growth !== undefined) o.ytd_growth = meta.growth;
  if (meta.implied !== undefined) o.ytd_implied = meta.implied;
  const head = Object.keys(o).length > 0 ? JSON.stringify(o) : '';
  if (!head) return text;
  return text ? `${head}\n${text}` : head;
}

const GROWTH_RE = /"ytd_growth"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/;
const IMPLIED_RE = /"ytd_implied"\s*:\s*"(prior_same_month|prior_total)"/;

/**
 * Reads the note of a YTD actual. Tolerant: the JSON head is parsed if it is intact; otherwise
 * the two keys are looked for anywhere in the note (a note edited by hand keeps working).
 */
export function parseYtdNote(note: string | null | undefined): YtdNote {
  const s = note ?? '';
  const nl = s.indexOf('\n');
  const first = (nl >= 0 ? s.slice(0, nl) : s).trim();
  if (first.startsWith('{')) {
    try {
      const o = JSON.parse(first) as Record<string, unknown>;
      if (o && typeof o === 'object' && ('ytd_growth' in o || 'ytd_implied' in o)) {
        const out: YtdNote = { text: nl >= 0 ? s.slice(nl + 1) : '' };
        if (typeof o.ytd_growth === 'number' && Number.isFinite(o.ytd_growth)) out.growth = o.ytd_growth;
        if (o.ytd_implied === 'prior_same_month' || o.ytd_implied === 'prior_total') out.implied = o.ytd_implied;
        return out;
      }
    } catch {
      // fall through to the tolerant reading
    }
  }
  const out: YtdNote = { text: s };
  const g = GROWTH_RE.exec(s);
  if (g) {
    const v = Number(g[1]);
    if (Number.isFinite(v)) out.growth = v;
  }
  const im = IMPLIED_RE.exec(s);
  if (im) out.implied = im[1] as YtdImplied;
  return out;
}

/** The note head of a nowcast estimate. */
export function formatNowcastNote(meta: Record<string, unknown>, text: string): string {
  return `${JSON.stringify({ nowcast: meta })}\n${text}`;
}

/** Is this yearly actual a nowcast written by this module (never an annual total)? */
export function isNowcastActual(a: Pick<Actual, 'note' | 'value_kind'>): boolean {
  return a.value_kind === 'estimate' && /^\s*\{"nowcast"\s*:/.test(a.note ?? '');
}

/** Fields of an actual this module reads (an Actual or a StoredActual). */
export interface ActualLike {
  series: string;
  period: string;
  value: number;
  value_kind?: Actual['value_kind'];
  source?: Actual['source'];
  vintage?: string | null;
  note?: string;
  deleted_at?: string | null;
}

/**
 * The record in force per series and period (with `separateNowcasts`, a nowcast estimate and a
 * reported value of the same year are kept apart): not deleted; the latest vintage (none counts as the
 * oldest); among equal vintages, the later one in the list (the store lists oldest first).
 */
export function inForce<T extends ActualLike>(actuals: readonly T[], separateNowcasts = false): T[] {
  const m = new Map<string, T>();
  for (const a of actuals) {
    if (!a || a.deleted_at) continue;
    if (typeof a.value !== 'number' || !Number.isFinite(a.value)) continue;
    const nc = separateNowcasts && isNowcastActual({ note: a.note ?? '', value_kind: a.value_kind ?? 'actual' });
    const k = `${a.series}\u0000${a.period}${nc ? '\u0000nowcast' : ''}`;
    const prev = m.get(k);
    if (!prev || (a.vintage ?? '') >= (prev.vintage ?? '')) m.set(k, a);
  }
  return [...m.values()];
}

export interface SeriesHistory {
  ytd: YtdPoint[];
  annual: AnnualPoint[];
  /** yearly actuals that are nowcasts (kept apart: never an annual total). */
  nowcast_years: number[];
  /** a yearly record per year: the reported one in force, else the nowcast (for anchors). */
  yearly: Map<number, ActualLike>;
}

/**
 * YTD points and annual totals per series from actuals (records in force only). An implied
 * cumulative (no cumulative was given) is not a cumulative: only its growth is read.
 */
export function historyBySeries(actuals: readonly ActualLike[]): Map<string, SeriesHistory> {
  const out = new Map<string, SeriesHistory>();
  const get = (s: string): SeriesHistory => {
    let h = out.get(s);
    if (!h) {
      h = { ytd: [], annual: [], nowcast_years: [], yearly: new Map() };
      out.set(s, h);
    }
    return h;
  };
  for (const a of inForce(actuals, true)) {
    const ym = parseYtdPeriod(a.period);
    if (ym) {
      const n = parseYtdNote(a.note);
      const p: YtdPoint = { year: ym.year, month: ym.month };
      if (n.implied === undefined) p.cumulative = a.value;
      if (n.growth !== undefined) p.growth = n.growth;
      if (p.cumulative !== undefined || p.growth !== undefined) get(a.series).ytd.push(p);
      continue;
    }
    if (YEAR_PERIOD.test(a.period)) {
      const h = get(a.series);
      const y = Number(a.period);
      if (isNowcastActual({ note: a.note ?? '', value_kind: a.value_kind ?? 'actual' })) {
        h.nowcast_years.push(y);
        if (!h.yearly.has(y)) h.yearly.set(y, a);
      } else {
        h.annual.push({ year: y, value: a.value });
        h.yearly.set(y, a);
      }
    }
  }
  for (const h of out.values()) {
    h.ytd.sort((a, b) => a.year - b.year || a.month - b.month);
    h.annual.sort((a, b) => a.year - b.year);
    h.nowcast_years.sort((a, b) => a - b);
  }
  return out;
}

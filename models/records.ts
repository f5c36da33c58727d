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
 * The one place for the rules of stored records every side applies (the store, the nowcast, the
 * renderer): which record is in force (recordInForce; recordsInForceWithReplaced also gives what
 * it replaced), whether a yearly record is a nowcast
 * (isNowcast), and the note of a year-to-date record (parseYtdNote / formatYtdNote).
 *
 * Pure: no Node, no SQLite, no DOM.
 */
import type { Actual } from './schema';
import type { AnnualPoint, YtdPoint } from './nowcast';

const YTD_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
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

/**
 * Is this yearly record a nowcast (an estimate made from year-to-date figures, never an annual
 * total)? The one test, by the storage convention: value kind 'estimate' and a note whose first line
 * is {"nowcast":{...}} (nowcastToActual writes both). Missing fields count as an actual.
 */
export function isNowcast(a: { value_kind?: Actual['value_kind']; note?: string | null } | null | undefined): boolean {
  return !!a && a.value_kind === 'estimate' && /^\s*\{"nowcast"\s*:/.test(a.note ?? '');
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
  /** the store's row id: the order of entry. */
  id?: number;
}

/** What recordInForce reads of a record. */
export interface RecordLike {
  series: string;
  period: string;
  value: number;
  value_kind?: Actual['value_kind'];
  vintage?: string | null;
  note?: string | null;
  deleted_at?: string | null;
  /** the store's row id: the order of entry. */
  id?: number;
}

/**
 * Does record `a` (at position `ai` of the list) replace `b` (at `bi`) as the one in force for its
 * series and period? The later vintage wins (a record without a vintage counts as the oldest; vintages
 * compare as text, 'YYYY-MM-DD'); among equal vintages the later entered: the higher store id when
 * both have one, else the later in the list.
 */
function replaces(a: RecordLike, ai: number, b: RecordLike, bi: number): boolean {
  const va = a.vintage ?? null;
  const vb = b.vintage ?? null;
  if (va !== vb) {
    if (va === null) return false;
    if (vb === null) return true;
    return va > vb;
  }
  if (a.id !== undefined && b.id !== undefined && a.id !== b.id) return a.id > b.id;
  return ai > bi;
}

/**
 * The record in force per series and period — the one rule of the store (latestActuals), the
 * nowcast and the renderer: deleted records and records without a finite value left out; the
 * latest vintage (none counts as the oldest); among equal vintages the later entered (higher id,
 * else later in the list). With `separateNowcasts`, a nowcast estimate and a reported value of
 * the same year are kept apart. The records in force come in the order their series and period
 * first appear in the list.
 */
export function recordInForce<T extends RecordLike>(records: readonly T[], opts: { separateNowcasts?: boolean } = {}): T[] {
  return recordsInForceWithReplaced(records, opts).map((x) => x.record);
}

/** The key records compete under: series and period (and, apart, a nowcast when asked). */
function inForceKey(a: RecordLike, opts: { separateNowcasts?: boolean }): string | null {
  if (!a || a.deleted_at) return null;
  if (typeof a.value !== 'number' || !Number.isFinite(a.value)) return null;
  const nc = opts.separateNowcasts === true && isNowcast(a);
  // a published growth rate and a level of the same year are different figures: both stay in force
  const yoy = a.value_kind === 'yoy';
  return `${a.series}\u0000${a.period}${nc ? '\u0000nowcast' : ''}${yoy ? '\u0000yoy' : ''}`;
}

/**
 * recordInForce, with what each record in force replaced: the other live records of its series
 * and period, newest first (by the same rule), for a note such as "2025年值已由610家更新为≥920家".
 * The same store record given twice (same id) counts once. Same order as recordInForce.
 */
export function recordsInForceWithReplaced<T extends RecordLike>(
  records: readonly T[],
  opts: { separateNowcasts?: boolean } = {},
): { record: T; replaced: T[] }[] {
  const m = new Map<string, { rec: T; at: number; all: { rec: T; at: number }[] }>();
  records.forEach((a, i) => {
    const k = inForceKey(a, opts);
    if (k === null) return;
    const prev = m.get(k);
    if (!prev) m.set(k, { rec: a, at: i, all: [{ rec: a, at: i }] });
    else {
      prev.all.push({ rec: a, at: i });
      if (replaces(a, i, prev.rec, prev.at)) {
        prev.rec = a;
        prev.at = i;
      }
    }
  });
  return [...m.values()].map((x) => {
    const seen = new Set<number>();
    if (x.rec.id !== undefined) seen.add(x.rec.id);
    const others = x.all.filter((o) => {
      if (o.rec === x.rec) return false;
      if (o.rec.id === undefined) return true;
      if (seen.has(o.rec.id)) return false;
      seen.add(o.rec.id);
      return true;
    });
    others.sort((a, b) => (replaces(a.rec, a.at, b.rec, b.at) ? -1 : replaces(b.rec, b.at, a.rec, a.at) ? 1 : 0));
    return { record: x.rec, replaced: others.map((o) => o.rec) };
  });
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
  for (const a of recordInForce(actuals, { separateNowcasts: true })) {
    if (a.value_kind === 'yoy') continue; // a published growth rate is not a level of the year (models/published.ts)
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
      if (isNowcast(a)) {
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

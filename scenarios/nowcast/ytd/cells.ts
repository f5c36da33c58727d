/**
 * Cell values read as numbers, dates and text (placeholders, percents).
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */
import { readNumber } from '../../../models/numbers';
import { PercentCell } from '../../sheets/read';

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

type Num = { ok: true; value: number } | { ok: false; raw: string };

export function absent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function show(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * a number, or a numeric string, through the one number reader of every import (models/numbers.ts:
 * "1,234.5", " 7 ", "－3.2", "−3.2", "(120)", full-width "１２３．５"); a unit or a percent sign in
 * the cell is left to the unit and growth checks (not read here).
 */
export function toNumber(v: unknown): Num {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, raw: String(v) };
  if (typeof v === 'string') {
    const r = readNumber(v);
    if (r.ok && !r.percent && r.cell_unit === null) return { ok: true, value: r.value };
    const s = v
      .trim()
      .replace(/[\u00a0\s]/g, '')
      .replace(/[，,](?=\d{3}(\D|$))/g, '')
      .replace(/^[－−—]/, '-')
      .replace(/^＋/, '+');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
      const n = Number(s);
      if (Number.isFinite(n)) return { ok: true, value: n };
    }
  }
  return { ok: false, raw: show(v) };
}

export function toDate(v: unknown): string | null {
  if (v instanceof Date && Number.isFinite(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}${m[3] ? `-${m[3].padStart(2, '0')}` : ''}`;
  return DATE_RE.test(iso) ? iso : null;
}

export const PLACEHOLDER = /^(—|-|－|–|\/|…|……|\.\.\.|--|——|n\/?a|na|null)$/i;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof PercentCell) return String(v.fraction * 100);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * "5.2", "5.2%", 5.2 -> 0.052; a percent-formatted cell holding 0.052 -> 0.052; placeholders ->
 * undefined; other text passes through (to be rejected).
 */
export function percentToFraction(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof PercentCell) return v.fraction;
  if (typeof v === 'number') return Number.isFinite(v) ? v / 100 : v;
  const t = cellText(v);
  if (t === '' || PLACEHOLDER.test(t)) return undefined;
  const n = toNumber(t.replace(/[%％]$/, ''));
  return n.ok ? n.value / 100 : t;
}

export function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof PercentCell) return v.fraction * 100;
  if (typeof v === 'number') return v;
  const t = cellText(v);
  if (t === '' || PLACEHOLDER.test(t)) return undefined;
  return t;
}

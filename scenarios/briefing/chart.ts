/**
 * A small trajectory chart as a standalone SVG string (no scripts, no external references):
 * actuals solid, each scenario's projection dashed in its colour, the target marker, the
 * time-proportional path (序时进度) from the base-year value to the target, an uncertainty band
 * when simulation percentiles are given, axis labels. The x axis is proportional to time.
 *
 * Pure: the PDF inlines it; the UI can show it or turn it into a PNG in the browser.
 */
import { escapeHtml } from '../../models/markup';
import type { Comparator, TargetKind } from '../../models/schema';
import { formatNumber, isPercentUnit } from '../../models/units';
import { scenarioColor } from './terms';
import type { BandPoint, TrajectoryPoint } from './trajectory';
import type { BriefingLanguage } from './types';

export interface ChartSeries {
  /** the scenario's name (legend). */
  name: string;
  color?: string;
  points: TrajectoryPoint[];
  band?: BandPoint[];
}

export interface ChartTarget {
  year: number;
  value: number | [number, number];
  comparator: Comparator;
  kind: TargetKind;
  /** first year judged (annual flows: the target line starts here). */
  startYear?: number;
  baseYear?: number;
}

export interface TrajectoryChartOptions {
  language: BriefingLanguage;
  /** the y axis label (the unit, or "%（累计下降）" ...). */
  yLabel: string;
  /** the unit of the values (decides decimals of tick labels). */
  unit?: string;
  /** x range [first year, last year]; default: from the points and the target. */
  years?: [number, number];
  series: ChartSeries[];
  target?: ChartTarget | null;
  width?: number;
  height?: number;
  /** accessible title. */
  title?: string;
  legend?: boolean;
  fontFamily?: string;
}

export const CHART_FONT_STACK =
  "'BriefingSans', 'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

const ACTUAL_COLOR = '#24292f';
const TARGET_COLOR = '#cf222e';
const GRID_COLOR = '#d8dee4';
const MUTED = '#6e7781';

/** HTML / SVG escaping: the one function of models/markup.ts (same output as before). */
export const escapeXml = escapeHtml;

/** Width of a text in em, roughly: CJK and full-width characters 1em, others 0.56em. */
function textWidthEm(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef) ? 1 : c === 0x20 ? 0.3 : 0.56;
  }
  return w;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * mag;
}

function n(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/** Decimals a tick step needs: 5 -> 0, 2.5 -> 1, 0.25 -> 2. */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 6; d++) {
    const scaled = step * Math.pow(10, d);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 6;
}

function tickLabel(v: number, step: number, lang: BriefingLanguage): string {
  return formatNumber(v, stepDecimals(step), lang);
}

/** The time-proportional path (序时进度): from the base-year value to the target. */
function proportionalPath(target: ChartTarget, base: TrajectoryPoint | undefined): [number, number, number, number] | null {
  if (Array.isArray(target.value)) return null;
  const tv = target.value;
  if (target.kind === 'annual_flow' || target.kind === 'growth_rate') {
    const from =
      target.kind === 'annual_flow'
        ? (target.startYear ?? (target.baseYear ?? target.year - 1) + 1)
        : (target.baseYear ?? target.year - 1) + 1;
    return [Math.min(from, target.year), tv, target.year, tv];
  }
  if (!base || base.year >= target.year) return null;
  return [base.year, base.value, target.year, tv];
}

export function trajectorySvg(opts: TrajectoryChartOptions): string {
  const lang = opts.language;
  const zh = lang === 'zh-CN';
  const W = opts.width ?? 320;
  const H = opts.height ?? 180;
  const font = opts.fontFamily ?? CHART_FONT_STACK;
  const fs = 9;
  const series = opts.series.map((s, i) => ({ ...s, color: s.color ?? scenarioColor(i) }));
  const target = opts.target ?? null;
  const showLegend = opts.legend !== false;

  // --- x range ---------------------------------------------------------------------------------
  const years: number[] = [];
  for (const s of series) for (const p of s.points) years.push(p.year);
  if (target) years.push(target.year);
  let [x0, x1] = opts.years ?? [Math.min(...years), Math.max(...years)];
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) [x0, x1] = [0, 1];
  if (x1 <= x0) {
    x0 -= 1;
    x1 += 0;
  }

  // --- y range ---------------------------------------------------------------------------------
  const ys: number[] = [];
  for (const s of series) {
    for (const p of s.points) if (p.year >= x0 && p.year <= x1) ys.push(p.value);
    for (const b of s.band ?? []) ys.push(b.lo, b.hi);
  }
  const basePoint = series[0]?.points.find((p) => p.year === (target?.baseYear ?? x0)) ?? series[0]?.points[0];
  const path = target ? proportionalPath(target, basePoint) : null;
  if (target) {
    if (Array.isArray(target.value)) ys.push(target.value[0], target.value[1]);
    else ys.push(target.value);
  }
  if (path) ys.push(path[1], path[3]);
  let lo = ys.length ? Math.min(...ys) : 0;
  let hi = ys.length ? Math.max(...ys) : 1;
  if (lo >= 0 && lo <= hi * 0.25) lo = 0; // start at zero when it costs little
  if (hi === lo) {
    const d = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= d;
    hi += d;
  }
  const step = niceStep(hi - lo, 4);
  let yMin = Math.floor(lo / step + 1e-9) * step;
  if (yMin !== 0 && lo - yMin < step * 0.15) yMin -= step; // keep the lowest line off the axis
  let yMax = Math.ceil(hi / step - 1e-9) * step;
  if (yMax - hi < step * 0.15) yMax += step; // room above the highest point for the target label
  if (isPercentUnit(opts.unit ?? '') && yMax > 100 && hi <= 100 && lo >= 0) yMax = Math.max(100, Math.ceil(hi / step) * step);

  // --- layout ----------------------------------------------------------------------------------
  const tickTexts: string[] = [];
  for (let v = yMin; v <= yMax + step * 1e-6; v += step) tickTexts.push(tickLabel(v, step, lang));
  const maxTick = Math.max(...tickTexts.map((t) => textWidthEm(t))) * fs;
  const legendItems: { label: string; kind: 'actual' | 'scenario' | 'target' | 'path' | 'band'; color: string }[] = [];
  if (showLegend) {
    if (series.some((s) => s.points.some((p) => p.kind === 'actual')))
      legendItems.push({ label: zh ? '实际值' : 'actual', kind: 'actual', color: ACTUAL_COLOR });
    for (const s of series) legendItems.push({ label: s.name, kind: 'scenario', color: s.color });
    if (target) legendItems.push({ label: zh ? '目标' : 'target', kind: 'target', color: TARGET_COLOR });
    if (path) legendItems.push({ label: zh ? '序时进度' : 'time-proportional path', kind: 'path', color: MUTED });
    if (series.some((s) => (s.band ?? []).length > 0))
      legendItems.push({ label: zh ? '90%区间' : '90% band', kind: 'band', color: series.find((s) => (s.band ?? []).length > 0)!.color });
  }
  // legend rows
  const lfs = 8;
  const legendRows: { x: number; item: (typeof legendItems)[number] }[][] = [];
  {
    let row: { x: number; item: (typeof legendItems)[number] }[] = [];
    let x = 6;
    for (const item of legendItems) {
      const w = 16 + textWidthEm(item.label) * lfs + 10;
      if (x + w > W - 4 && row.length > 0) {
        legendRows.push(row);
        row = [];
        x = 6;
      }
      row.push({ x, item });
      x += w;
    }
    if (row.length) legendRows.push(row);
  }
  const legendH = legendRows.length * 12 + (legendRows.length ? 4 : 0);
  const L = Math.max(26, maxTick + 8);
  const R = 10;
  const Tp = 16;
  const B = 16 + legendH;
  const pw = W - L - R;
  const ph = H - Tp - B;
  const X = (yr: number) => L + ((yr - x0) / (x1 - x0)) * pw;
  const Y = (v: number) => Tp + (1 - (v - yMin) / (yMax - yMin)) * ph;

  const out: string[] = [];
  const title = opts.title ? `<title>${escapeXml(opts.title)}</title>` : '';
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="trajectory" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"${opts.title ? ` aria-label="${escapeXml(opts.title)}"` : ''} font-family="${escapeXml(font)}" font-size="${fs}">${title}`,
  );
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  // grid and y ticks
  for (let i = 0, v = yMin; v <= yMax + step * 1e-6; i++, v += step) {
    const y = Y(v);
    out.push(`<line x1="${n(L)}" y1="${n(y)}" x2="${n(W - R)}" y2="${n(y)}" stroke="${GRID_COLOR}" stroke-width="0.6"/>`);
    out.push(`<text x="${n(L - 4)}" y="${n(y + 3)}" text-anchor="end" fill="${MUTED}">${escapeXml(tickTexts[i] ?? '')}</text>`);
  }
  // x ticks
  const span = x1 - x0;
  const every = span <= 12 ? 1 : Math.ceil(span / 8);
  for (let yr = Math.ceil(x0); yr <= x1; yr += every) {
    const x = X(yr);
    out.push(`<line x1="${n(x)}" y1="${n(Tp + ph)}" x2="${n(x)}" y2="${n(Tp + ph + 3)}" stroke="${MUTED}" stroke-width="0.6"/>`);
    out.push(`<text x="${n(x)}" y="${n(Tp + ph + 12)}" text-anchor="middle" fill="${MUTED}">${yr}</text>`);
  }
  out.push(`<line x1="${n(L)}" y1="${n(Tp + ph)}" x2="${n(W - R)}" y2="${n(Tp + ph)}" stroke="${MUTED}" stroke-width="0.8"/>`);
  // y label (unit)
  out.push(`<text x="${n(4)}" y="${n(10)}" fill="${MUTED}">${escapeXml(opts.yLabel)}</text>`);

  // bands
  for (const s of series) {
    const band = (s.band ?? []).filter((b) => b.year >= x0 && b.year <= x1).sort((a, b) => a.year - b.year);
    if (band.length < 2) continue;
    const top = band.map((b) => `${n(X(b.year))},${n(Y(b.hi))}`);
    const bottom = band
      .slice()
      .reverse()
      .map((b) => `${n(X(b.year))},${n(Y(b.lo))}`);
    out.push(`<polygon points="${[...top, ...bottom].join(' ')}" fill="${s.color}" fill-opacity="0.14" stroke="none"/>`);
  }

  // time-proportional path
  if (path) {
    out.push(
      `<line x1="${n(X(path[0]))}" y1="${n(Y(path[1]))}" x2="${n(X(path[2]))}" y2="${n(Y(path[3]))}" stroke="${MUTED}" stroke-width="1" stroke-dasharray="1.5 2.5"/>`,
    );
  }

  // projections (dashed), each scenario
  for (const s of series) {
    const pts = s.points.filter((p) => p.year >= x0 && p.year <= x1).sort((a, b) => a.year - b.year);
    if (pts.length >= 2) {
      out.push(
        `<polyline points="${pts.map((p) => `${n(X(p.year))},${n(Y(p.value))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.6" stroke-dasharray="5 3" stroke-linejoin="round"/>`,
      );
    }
    const end = pts[pts.length - 1];
    if (end && end.kind !== 'actual') out.push(`<circle cx="${n(X(end.year))}" cy="${n(Y(end.value))}" r="2.2" fill="${s.color}"/>`);
  }

  // actuals (solid): consecutive actual years of the first scenario that has them
  const withActuals = series.find((s) => s.points.some((p) => p.kind === 'actual'));
  if (withActuals) {
    const pts = withActuals.points.filter((p) => p.year >= x0 && p.year <= x1).sort((a, b) => a.year - b.year);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1];
      const b = pts[i];
      if (a.kind === 'actual' && b.kind === 'actual' && b.year - a.year === 1) {
        out.push(
          `<line x1="${n(X(a.year))}" y1="${n(Y(a.value))}" x2="${n(X(b.year))}" y2="${n(Y(b.value))}" stroke="${ACTUAL_COLOR}" stroke-width="2"/>`,
        );
      }
    }
    for (const p of pts) {
      if (p.kind !== 'actual') continue;
      out.push(
        p.bound
          ? `<circle cx="${n(X(p.year))}" cy="${n(Y(p.value))}" r="2.8" fill="#ffffff" stroke="${ACTUAL_COLOR}" stroke-width="1.4"/>`
          : `<circle cx="${n(X(p.year))}" cy="${n(Y(p.value))}" r="2.8" fill="${ACTUAL_COLOR}"/>`,
      );
    }
  }
  // an assumed starting point: hollow, labelled
  const first = series[0]?.points.slice().sort((a, b) => a.year - b.year)[0];
  if (first && first.kind === 'assumed') {
    out.push(`<circle cx="${n(X(first.year))}" cy="${n(Y(first.value))}" r="2.8" fill="#ffffff" stroke="${MUTED}" stroke-width="1.2"/>`);
    const label = zh ? '假设' : 'assumed';
    const below = Y(first.value) < Tp + ph - 14;
    out.push(
      `<text x="${n(X(first.year) + 4)}" y="${n(Y(first.value) + (below ? 11 : -5))}" fill="${MUTED}" font-style="italic" font-size="8">${label}</text>`,
    );
  }

  // target marker
  if (target && target.year >= x0 && target.year <= x1) {
    const tx = X(target.year);
    if (Array.isArray(target.value)) {
      const [a, b] = [Math.min(...target.value), Math.max(...target.value)];
      out.push(
        `<line x1="${n(tx)}" y1="${n(Y(a))}" x2="${n(tx)}" y2="${n(Y(b))}" stroke="${TARGET_COLOR}" stroke-width="3" stroke-opacity="0.55"/>`,
      );
      out.push(`<line x1="${n(tx - 4)}" y1="${n(Y(a))}" x2="${n(tx + 4)}" y2="${n(Y(a))}" stroke="${TARGET_COLOR}" stroke-width="1.2"/>`);
      out.push(`<line x1="${n(tx - 4)}" y1="${n(Y(b))}" x2="${n(tx + 4)}" y2="${n(Y(b))}" stroke="${TARGET_COLOR}" stroke-width="1.2"/>`);
      const lbl = `${zh ? '目标' : 'target'} ${tickLabel(a, 1, lang)}–${tickLabel(b, 1, lang)}`;
      out.push(`<text x="${n(tx - 6)}" y="${n(Y(b) - 4)}" text-anchor="end" fill="${TARGET_COLOR}" font-size="8">${escapeXml(lbl)}</text>`);
    } else {
      const ty = Y(target.value);
      const d = 4;
      out.push(
        `<polygon points="${n(tx)},${n(ty - d)} ${n(tx + d)},${n(ty)} ${n(tx)},${n(ty + d)} ${n(tx - d)},${n(ty)}" fill="${TARGET_COLOR}"/>`,
      );
      const v = target.value;
      const digits = Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : Math.abs(v) >= 10 ? 1 : 2;
      const lbl = `${zh ? '目标' : 'target'} ${formatNumber(v, digits, lang)}`;
      const above = ty - 7 > Tp + 2;
      out.push(
        `<text x="${n(tx - 6)}" y="${n(above ? ty - 6 : ty + 12)}" text-anchor="end" fill="${TARGET_COLOR}" font-size="8">${escapeXml(lbl)}</text>`,
      );
    }
  }

  // legend
  let ly = H - legendH + 9;
  for (const row of legendRows) {
    for (const { x, item } of row) {
      const cy = ly - 3;
      switch (item.kind) {
        case 'actual':
          out.push(`<line x1="${n(x)}" y1="${n(cy)}" x2="${n(x + 12)}" y2="${n(cy)}" stroke="${item.color}" stroke-width="2"/>`);
          break;
        case 'scenario':
          out.push(
            `<line x1="${n(x)}" y1="${n(cy)}" x2="${n(x + 12)}" y2="${n(cy)}" stroke="${item.color}" stroke-width="1.6" stroke-dasharray="4 2"/>`,
          );
          break;
        case 'target':
          out.push(
            `<polygon points="${n(x + 6)},${n(cy - 3.5)} ${n(x + 9.5)},${n(cy)} ${n(x + 6)},${n(cy + 3.5)} ${n(x + 2.5)},${n(cy)}" fill="${item.color}"/>`,
          );
          break;
        case 'path':
          out.push(
            `<line x1="${n(x)}" y1="${n(cy)}" x2="${n(x + 12)}" y2="${n(cy)}" stroke="${item.color}" stroke-width="1" stroke-dasharray="1.5 2.5"/>`,
          );
          break;
        case 'band':
          out.push(`<rect x="${n(x)}" y="${n(cy - 3.5)}" width="12" height="7" fill="${item.color}" fill-opacity="0.18"/>`);
          break;
      }
      out.push(`<text x="${n(x + 15)}" y="${n(ly)}" fill="#24292f" font-size="${lfs}">${escapeXml(item.label)}</text>`);
    }
    ly += 12;
  }
  out.push('</svg>');
  return out.join('');
}

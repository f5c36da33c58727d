/**
 * A simulation study of the nowcast's 90% band (issue 17): how often does the band of
 * `estimateFullYear` contain the actual full year, with 3..6 years of monthly history and the
 * nowcast made after N = 2..11 months? Run by the unit test (fixed seed, asserts coverage >= 85%
 * in every setting) and printed as a table by `npm run bench -- nowcast`.
 *
 * The simulated series (one per draw, its own noise scales):
 *   - a seasonal pattern of monthly shares (low January–February, high December), fixed;
 *   - a monthly log level that drifts at the year's growth rate (the growth itself varies from
 *     year to year, sd 3 points around 6%) plus a random walk (sd `eta` per month, drawn per series
 *     in 0.3%..1.5%): the months after N differ from the months before, which is the error of
 *     growth applied;
 *   - an irregular monthly noise (sd `eps` per month, drawn per series in 2%..8%): the error of the
 *     seasonal share.
 * Year 1..H are history (monthly cumulatives, their reported 累计增速 from year 2, annual totals);
 * year H + 1 is nowcast at month N and compared with its true total.
 *
 * Also reported for comparison: the band of the rule before issue 17 (the 5%..95% empirical
 * quantiles of the past corrections, widened to contain both methods), recomputed from the same
 * result. Pure and deterministic (seeded Rng, no clock).
 */
import { estimateFullYear, type AnnualPoint, type NowcastResult, type YtdPoint } from './nowcast';
import { Rng } from './random';
import { median, quantile } from './stats';

/** Monthly shares of a typical flow (sum 1): the Spring Festival months low, December high. */
const SEASONAL_PATTERN: readonly number[] = (() => {
  const w = [0.06, 0.055, 0.08, 0.08, 0.083, 0.092, 0.08, 0.08, 0.087, 0.085, 0.09, 0.128];
  const t = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / t);
})();

export interface SimulatedSeries {
  ytd: YtdPoint[];
  annual: AnnualPoint[];
  /** the true total of the nowcast year. */
  actual: number;
  year: number;
}

/** One simulated flow with `history` years before the nowcast year (see the module comment). */
export function simulateSeries(rng: Rng, history: number, month: number, firstYear = 2000): SimulatedSeries {
  const eta = 0.003 + 0.012 * rng.nextOpen();
  const eps = 0.02 + 0.06 * rng.nextOpen();
  const years = history + 2; // year 0 only gives year 1 its growth base
  const monthly: number[][] = [];
  let level = Math.log(50 + 950 * rng.nextOpen());
  for (let y = 0; y < years; y++) {
    const g = 0.06 + 0.03 * rng.normal();
    const row: number[] = [];
    for (let k = 0; k < 12; k++) {
      level += Math.log1p(g) / 12 + eta * rng.normal();
      row.push(SEASONAL_PATTERN[k] * 12 * Math.exp(level + eps * rng.normal()));
    }
    monthly.push(row);
  }
  const cum = (y: number, n: number): number => monthly[y].slice(0, n).reduce((a, b) => a + b, 0);
  const ytd: YtdPoint[] = [];
  const annual: AnnualPoint[] = [];
  for (let y = 1; y < years; y++) {
    const c = cum(y, month);
    ytd.push({ year: firstYear + y, month, cumulative: c, growth: c / cum(y - 1, month) - 1 });
    if (y < years - 1) annual.push({ year: firstYear + y, value: cum(y, 12) });
  }
  return { ytd, annual, actual: cum(years - 1, 12), year: firstYear + years - 1 };
}

/** The band of the rule before issue 17: empirical 5%..95% quantiles of the past corrections. */
function quantileBand(r: NowcastResult): { low: number; high: number } | null {
  const [mS, mG] = r.methods;
  const corr: number[] = [];
  for (const b of r.backtest) {
    const s = b.methods.find((x) => x.method === 'seasonal_share');
    const g = b.methods.find((x) => x.method === 'growth_applied');
    let past: number | null;
    if (r.method_used === 'blend') past = s && g ? mS.weight * s.estimate + mG.weight * g.estimate : ((s ?? g)?.estimate ?? null);
    else if (r.method_used === 'seasonal_share') past = s?.estimate ?? null;
    else past = g?.estimate ?? null;
    if (past === null || past === 0) continue;
    corr.push(b.actual / past - 1);
  }
  if (corr.length < 2) return null;
  const ests = [r.estimate, ...r.methods.map((m) => m.estimate).filter((x): x is number => x !== null)];
  return {
    low: Math.min(r.estimate * (1 + quantile(corr, 0.05)), ...ests),
    high: Math.max(r.estimate * (1 + quantile(corr, 0.95)), ...ests),
  };
}

export interface CoverageRow {
  history_years: number;
  month: number;
  /** backtest years behind the band (history - 1). */
  backtest_years: number;
  sims: number;
  /** share of draws whose 90% band contains the actual total. */
  coverage: number;
  /** the same for the rule before issue 17 (empirical quantiles). */
  coverage_quantile_rule: number;
  /** median of (high - low) / estimate. */
  median_width: number;
  /** sd over the draws of ln(actual / estimate): the true error of the point estimate. */
  true_error_sd: number;
  /** median of ln(high / low) / (2 x 1.645 x true_error_sd): 1 is the width of an oracle band. */
  width_vs_oracle: number;
}

export interface CoverageStudyOptions {
  seed?: number;
  sims?: number;
  histories?: readonly number[];
  months?: readonly number[];
}

const Z95 = 1.6448536269514722;

/** Coverage of the nowcast band for every (history, month) setting. */
export function nowcastCoverageStudy(options: CoverageStudyOptions = {}): CoverageRow[] {
  const seed = options.seed ?? 20261204;
  const sims = options.sims ?? 3000;
  const histories = options.histories ?? [3, 4, 5, 6];
  const months = options.months ?? [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const rows: CoverageRow[] = [];
  for (const h of histories) {
    for (const n of months) {
      const rng = new Rng(seed + 1000 * h + n);
      let hit = 0;
      let hitQ = 0;
      let nb = 0;
      const widths: number[] = [];
      const logWidths: number[] = [];
      const errs: number[] = [];
      for (let k = 0; k < sims; k++) {
        const s = simulateSeries(rng, h, n);
        const r = estimateFullYear({ series: 'sim', year: s.year, month: n, ytd: s.ytd, annual: s.annual, flow: true });
        if (s.actual >= r.low && s.actual <= r.high) hit++;
        const q = quantileBand(r);
        if (q && s.actual >= q.low && s.actual <= q.high) hitQ++;
        nb = Math.max(nb, r.backtest.length);
        widths.push((r.high - r.low) / r.estimate);
        logWidths.push(Math.log(r.high / r.low));
        errs.push(Math.log(s.actual / r.estimate));
      }
      const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
      const sd = Math.sqrt(errs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (errs.length - 1));
      rows.push({
        history_years: h,
        month: n,
        backtest_years: nb,
        sims,
        coverage: hit / sims,
        coverage_quantile_rule: hitQ / sims,
        median_width: median(widths),
        true_error_sd: sd,
        width_vs_oracle: median(logWidths) / (2 * Z95 * sd),
      });
    }
  }
  return rows;
}

/** The study as a fixed-width table (one line per setting). */
export function formatCoverageTable(rows: readonly CoverageRow[]): string {
  const head = 'history  N  backtest  sims   coverage  before(quantiles)  median width  true error sd  width/oracle';
  const lines = rows.map(
    (r) =>
      `${String(r.history_years).padStart(7)} ${String(r.month).padStart(2)} ${String(r.backtest_years).padStart(9)} ${String(r.sims).padStart(5)} ` +
      `${(r.coverage * 100).toFixed(1).padStart(9)}% ${(r.coverage_quantile_rule * 100).toFixed(1).padStart(17)}% ` +
      `${(r.median_width * 100).toFixed(2).padStart(12)}% ${(r.true_error_sd * 100).toFixed(2).padStart(13)}% ${r.width_vs_oracle.toFixed(2).padStart(13)}`,
  );
  return [head, ...lines].join('\n');
}

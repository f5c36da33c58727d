/**
 * 情景对比: pick 2-4 scenarios; a table of target-year values against the targets with the
 * status in each scenario, small multiples (one small chart per target, the scenarios overlaid),
 * and the assumption diff with each difference's effect on the targets. Each scenario's 达标概率
 * is simulated with the reference scenario's seed (comparisonSeed: common random numbers), so the
 * probabilities differ by the scenarios' assumptions, not by sampling.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series, Target } from '../../../models/schema';
import type { ProjectionResult } from '../../../models/types';
import { useApi } from '../state/api-context';
import { Plot } from '../components/Plot';
import { EmptyState, InlineError, Spinner, StatusChip, useStatusWord } from '../components/ui';
import { localizeError } from '../lib/errors';
import { buildTrajectoryFigure, plotConfig, SCENARIO_COLORS, type FigureScenario } from '../lib/figure';
import { formatDelta, formatJudged, formatTarget } from '../lib/format';
import { assumptionSummary, seriesName } from '../lib/modelText';
import { attributeDiff, differingTargets } from '../lib/compare';
import { treeOrder } from '../lib/tree';
import { useApp } from '../state/app';
import { useQuery } from '../state/query';
import { projectionActuals } from '../lib/actuals';
import { useFigureText } from './Workbench';
import type { Res } from '../../../contract';
import { comparisonSeed } from '../../../models/montecarlo';
import { targetsWithRange } from '../../../models/probability';
import { probabilityText } from '../lib/uncertainty-format';
import { ChartExport } from './briefing/ChartExport';
import { AttributionSection } from './uncertainty/AttributionSection';

type Resolved = Res<'scenarios:resolve'>;

export function Compare() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const live = useMemo(() => treeOrder(app.scenarios), [app.scenarios]);
  const [picked, setPicked] = useState<string[]>(() => defaultPick(app.currentId, live));
  const [only, setOnly] = useState<'diff' | 'all' | 'headline'>('diff');
  const [data, setData] = useState<Record<string, { result: ProjectionResult; resolved: Resolved }>>({});
  const [diffs, setDiffs] = useState<Record<string, Res<'scenarios:diff'>>>({});
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [probs, setProbs] = useState<Probabilities | null>(null);
  const v = app.version.value;
  const seeds = picked.map((id) => app.scenarios.find((s) => s.id === id)?.seed ?? 0).join(',');

  // 达标概率 of every picked scenario with one seed (the reference's): common random numbers
  useEffect(() => {
    let alive = true;
    setProbs(null);
    if (picked.length < 2) return;
    const seed = comparisonSeed(seeds.split(',').map(Number));
    Promise.all(
      picked.map(async (id) => {
        const [sim, resolved] = await Promise.all([
          client.call('simulation:run', { id, seed, draws: COMPARE_DRAWS }),
          client.call('scenarios:resolve', { id }),
        ]);
        const ranged = targetsWithRange({ plan: app.plan, assumptions: resolved.assumptions });
        return [id, new Map(sim.targets.filter((x) => ranged.has(x.id)).map((x) => [x.id, x.p_meet]))] as const;
      }),
    ).then(
      (list) => alive && setProbs({ seed, by: Object.fromEntries(list) }),
      () => alive && setProbs(null),
    );
    return () => {
      alive = false;
    };
  }, [picked, seeds, client, app.plan, v]);

  useEffect(() => {
    setPicked((p) => p.filter((id) => live.some((s) => s.id === id)));
  }, [live]);

  useEffect(() => {
    let alive = true;
    if (picked.length < 2) return;
    setLoading(true);
    setError(null);
    const ref = picked[0];
    Promise.all([
      Promise.all(
        picked.map(
          async (id) =>
            [
              id,
              { result: await client.call('projection:run', { id }), resolved: await client.call('scenarios:resolve', { id }) },
            ] as const,
        ),
      ),
      Promise.all(picked.slice(1).map(async (id) => [id, await client.call('scenarios:diff', { a: { id: ref }, b: { id } })] as const)),
    ]).then(
      ([projections, diffList]) => {
        if (!alive) return;
        setData(Object.fromEntries(projections));
        setDiffs(Object.fromEntries(diffList));
        setLoading(false);
      },
      (err: unknown) => {
        if (!alive) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      alive = false;
    };
  }, [picked, client, v]);

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= 4 ? p : [...p, id]));

  const ready = picked.length >= 2 && picked.every((id) => data[id]);
  const results = ready ? picked.map((id) => data[id].result) : [];
  const changed = useMemo(() => (ready ? differingTargets(app.plan, results) : new Set<string>()), [ready, app.plan, results]);
  const targets = app.plan.targets.filter((x) => (only === 'all' ? true : only === 'headline' ? x.headline : changed.has(x.id)));

  return (
    <section className="screen screen-compare" aria-labelledby="cmp-title">
      <header className="screen-head">
        <div>
          <h1 id="cmp-title">{t('nav.compare')}</h1>
          <p className="lede">{t('compare.lede')}</p>
        </div>
      </header>
      <div className="pick" role="group" aria-label={t('compare.pick')} data-testid="compare-pick">
        <span className="muted">{t('compare.pick')}</span>
        {live.map((s) => {
          const i = picked.indexOf(s.id);
          return (
            <button
              key={s.id}
              type="button"
              className={`pill ${i >= 0 ? 'on' : ''}`}
              aria-pressed={i >= 0}
              onClick={() => toggle(s.id)}
              disabled={i < 0 && picked.length >= 4}
              style={i >= 0 ? { borderColor: SCENARIO_COLORS[i], boxShadow: `inset 4px 0 0 ${SCENARIO_COLORS[i]}` } : undefined}
              data-testid="compare-pill"
              data-name={s.name}
            >
              {i === 0 && <span className="ref-mark">{t('compare.reference')}</span>}
              {app.nameOf(s)}
            </button>
          );
        })}
      </div>

      {picked.length < 2 ? (
        <EmptyState icon="compare" title={t('compare.pickTwo')} />
      ) : error ? (
        <InlineError>{localizeError(error, lang).message}</InlineError>
      ) : !ready || loading ? (
        <div className="screen-loading">
          <Spinner label={t('compare.loading')} />
        </div>
      ) : (
        <>
          <div className="filters">
            <div className="seg" role="radiogroup" aria-label={t('compare.show')}>
              {(['diff', 'headline', 'all'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={only === k}
                  className={`seg-btn ${only === k ? 'on' : ''}`}
                  onClick={() => setOnly(k)}
                  data-testid={`compare-only-${k}`}
                >
                  {t(`compare.only.${k}`, {
                    n:
                      k === 'diff'
                        ? changed.size
                        : k === 'all'
                          ? app.plan.targets.length
                          : app.plan.targets.filter((x) => x.headline).length,
                  })}
                </button>
              ))}
            </div>
          </div>
          {targets.length === 0 ? (
            <EmptyState icon="check" title={t('compare.noDifferences')} />
          ) : (
            <>
              <CompareTable targets={targets} picked={picked} data={data} probs={probs} />
              {probs && (
                <p className="muted small" data-testid="compare-crn">
                  {t('compare.crn', { seed: probs.seed, draws: COMPARE_DRAWS.toLocaleString(lang) })}
                </p>
              )}
              <h2 className="section-title">{t('compare.smallMultiples')}</h2>
              <div className="multiples" data-testid="multiples">
                {targets.map((x) => (
                  <SmallChart
                    key={x.id}
                    target={x}
                    scenarios={picked.map((id, i) => ({
                      id,
                      name: app.scenarioName(id),
                      result: data[id].result,
                      color: SCENARIO_COLORS[i],
                      primary: i === 0,
                    }))}
                    series={app.plan.series.find((s) => s.id === x.series)}
                  />
                ))}
              </div>
            </>
          )}
          <h2 className="section-title">{t('compare.diffTitle')}</h2>
          {picked.slice(1).map((id) => (
            <DiffView key={id} a={picked[0]} b={id} diff={diffs[id]} resolvedA={data[picked[0]].resolved} resolvedB={data[id].resolved} />
          ))}
          <h2 className="section-title">{t('uncertainty.attribution.section')}</h2>
          <AttributionSection refId={picked[0]} others={picked.slice(1)} />
        </>
      )}
    </section>
  );
}

function defaultPick(current: string | null, live: { id: string; parent_id: string | null; preset_id: string | null }[]): string[] {
  const out: string[] = [];
  const cur = live.find((s) => s.id === current);
  if (cur?.parent_id && live.some((s) => s.id === cur.parent_id)) out.push(cur.parent_id);
  if (cur) out.push(cur.id);
  for (const s of live) {
    if (out.length >= 2) break;
    if (!out.includes(s.id)) out.push(s.id);
  }
  return out.slice(0, 2);
}

/** Draws per scenario: the workbench's default run. */
const COMPARE_DRAWS = 10_000;

/** The common seed and, per scenario, target id -> probability (targets with a range only). */
interface Probabilities {
  seed: number;
  by: Record<string, ReadonlyMap<string, number>>;
}

function CompareTable({
  targets,
  picked,
  data,
  probs,
}: {
  targets: Target[];
  picked: string[];
  data: Record<string, { result: ProjectionResult }>;
  probs: Probabilities | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const zh = lang.startsWith('zh');
  return (
    <div className="table-wrap">
      <table className="table compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col">{t('scoreboard.col.name')}</th>
            <th scope="col">{t('scoreboard.col.target')}</th>
            {picked.map((id, i) => (
              <th scope="col" key={id} className="num">
                <span className="swatch" style={{ background: SCENARIO_COLORS[i] }} aria-hidden="true" />
                {app.scenarioName(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {targets.map((x) => {
            const ref = data[picked[0]].result.targets.find((e) => e.id === x.id);
            return (
              <tr key={x.id} data-testid="compare-row">
                <td className="cell-name">
                  {x.headline && <span className="star">★</span>}
                  {zh ? x.name_zh : x.name_en}
                </td>
                <td>{formatTarget(x, lang)}</td>
                {picked.map((id, i) => {
                  const e = data[id].result.targets.find((ev) => ev.id === x.id);
                  const delta = i > 0 && e?.projected != null && ref?.projected != null ? e.projected - ref.projected : null;
                  return (
                    <td key={id} className="num cmp-cell">
                      <div className="cmp-line">
                        {delta !== null && Math.abs(delta) > 1e-9 && (
                          <span className={`cmp-delta ${delta > 0 ? 'up' : 'down'}`}>{formatDelta(x, delta, lang, true)}</span>
                        )}
                        <span className="cmp-value" data-testid="cmp-value">
                          {formatJudged(x, e?.projected ?? null, lang)}
                        </span>
                        {e && <StatusChip status={e.status} compact />}
                      </div>
                      {probs?.by[id]?.has(x.id) && (
                        <div className="cmp-prob muted small" data-testid="cmp-prob" title={t('uncertainty.column.tip')}>
                          {t('uncertainty.column.label')} {probabilityText(probs.by[id].get(x.id))}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SmallChart({ target, scenarios, series }: { target: Target; scenarios: FigureScenario[]; series?: Series }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const text = useFigureText();
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  const figure = useMemo(
    () => (visible ? buildTrajectoryFigure({ target, scenarios, text, compact: true, series }) : null),
    [visible, target, scenarios, text, series],
  );
  const config = useMemo(() => plotConfig(lang, target.id, true), [lang, target.id]);
  const name = lang.startsWith('zh') ? target.name_zh : target.name_en;
  return (
    <figure className="multiple" ref={ref} data-testid="multiple">
      <figcaption title={name}>
        {target.headline && <span className="star">★</span>}
        {name}
        <span className="muted"> · {formatTarget(target, lang)}</span>
      </figcaption>
      {figure ? (
        <Plot
          figure={figure}
          config={config}
          className="small"
          ariaLabel={t('workbench.chartLabel', { name })}
          loadingText={t('workbench.loadingChart')}
        />
      ) : (
        <div className="plot small placeholder" />
      )}
      {figure && <ChartExport compact container={() => ref.current} fileName={`${name}-${t('nav.compare')}`} testId="multiple-export" />}
    </figure>
  );
}

function DiffView({
  a,
  b,
  diff,
  resolvedA,
  resolvedB,
}: {
  a: string;
  b: string;
  diff: Res<'scenarios:diff'> | undefined;
  resolvedA: Resolved;
  resolvedB: Resolved;
}) {
  const { t, i18n } = useTranslation();
  const statusWordOf = useStatusWord();
  const lang = i18n.language;
  const app = useApp();
  const zh = lang.startsWith('zh');
  const actualsQ = useQuery(app.version, 'actuals:list', {});
  // the same actuals as the API's diff (its effects column): the nowcasts of the year under way too
  const nowcastQ = useQuery(app.version, 'nowcast:list', {});
  const actuals = useMemo(() => projectionActuals(actualsQ.data, nowcastQ.data?.actuals), [actualsQ.data, nowcastQ.data]);
  const attribution = useMemo(
    () =>
      diff && actualsQ.data && (nowcastQ.data || nowcastQ.error)
        ? attributeDiff(
            app.plan,
            resolvedA.assumptions,
            resolvedB.assumptions,
            diff.assumptions.map((d) => d.series),
            {
              base_year: app.settings.base_year ?? app.plan.base_year,
              tolerance: app.settings.tolerance,
              as_of_year: app.settings.as_of_year,
            },
            actuals,
          )
        : {},
    [diff, app.plan, resolvedA, resolvedB, app.settings, actuals, actualsQ.data, nowcastQ.data, nowcastQ.error],
  );
  if (!diff) return <Spinner />;
  const changedTargets = diff.effects.filter((e) => e.changed);
  return (
    <div className="card diff" data-testid="diff">
      <div className="card-head">
        <h3>{t('compare.diffHead', { a: app.scenarioName(a), b: app.scenarioName(b) })}</h3>
        <span className="muted">{t('compare.diffCount', { n: diff.assumptions.length, m: changedTargets.length })}</span>
      </div>
      {diff.assumptions.length === 0 ? (
        <p className="muted">{t('compare.sameAssumptions')}</p>
      ) : (
        <table className="table diff-table">
          <thead>
            <tr>
              <th scope="col">{t('compare.series')}</th>
              <th scope="col">{app.scenarioName(a)}</th>
              <th scope="col">{app.scenarioName(b)}</th>
              <th scope="col">{t('compare.effect')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.assumptions.map((d) => {
              const unit = app.plan.series.find((s) => s.id === d.series)?.unit ?? '';
              const eff = attribution[d.series] ?? [];
              return (
                <tr key={d.series} data-testid="diff-row">
                  <td>
                    <div className="cell-name">{seriesName(app.plan, d.series, lang)}</div>
                    <div className="muted small">
                      {d.fields.map((f) => t(`diffField.${f.replace(/\./g, '_')}`, { defaultValue: f })).join('、')}
                    </div>
                  </td>
                  <td>{assumptionSummary(d.a, unit, app.plan, lang, t)}</td>
                  <td>{assumptionSummary(d.b, unit, app.plan, lang, t)}</td>
                  <td>
                    {eff.length === 0 ? (
                      <span className="muted">{t('compare.noEffect')}</span>
                    ) : (
                      <ul className="effects">
                        {eff.slice(0, 5).map((e) => {
                          const target = app.plan.targets.find((x) => x.id === e.target)!;
                          return (
                            <li key={e.target}>
                              <span>{zh ? target.name_zh : target.name_en}</span>{' '}
                              <strong className={e.change > 0 ? 'up' : 'down'}>{formatDelta(target, e.change, lang, true)}</strong>
                              {e.statusFrom !== e.statusTo && (
                                <span className="muted">
                                  {' '}
                                  （{statusWordOf(e.statusFrom)} → {statusWordOf(e.statusTo)}）
                                </span>
                              )}
                            </li>
                          );
                        })}
                        {eff.length > 5 && <li className="muted">{t('compare.moreEffects', { n: eff.length - 5 })}</li>}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * 概率测算 on the scoreboard: Run simulation (progress, Cancel), the 达标概率 column, and the
 * joint probability of a chosen set of targets (by default the headline ★ targets: "三项总体目标
 * 同时实现的概率"). The simulation is of the saved scenario, with its seed: the numbers are the
 * CLI's `simulate` for the same draws and joint set.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectionInput } from '../../../../models/types';
import { countWord, noRangeLabel, probabilityHover, probabilityText } from '../../lib/uncertainty-format';
import type { TargetSimulation } from '../../../../models/montecarlo';
import { groupsBehindJoint } from '../../../../models/probability';
import { headlineIds, isHeadlineSet, type SortDir } from '../../lib/uncertainty-sim';
import { searchTerms } from '../../lib/scoreboard';
import { isZh } from '../../lib/format';
import { localizeError } from '../../lib/errors';
import { SimulationError } from '../../lib/simulation-client';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/ui';
import { useApp } from '../../state/app';
import { simulationStore, useSimulation, useSimulationInput, type SimulationState } from './useSimulation';
import { DrawsSelect, RunButton, RunNote, RunProgress } from './parts';
import './uncertainty.css';

const DriversDialog = lazy(() => import('./DriversDialog').then((m) => ({ default: m.DriversDialog })));

export interface ScoreboardUncertainty {
  sim: SimulationState;
  input: ProjectionInput | null;
  /** target id -> probability of meeting it (null: not run for these inputs); targets without an
   * uncertain input upstream are left out (they read 未设区间) */
  probs: ReadonlyMap<string, number> | null;
}

export function useScoreboardUncertainty(scenarioId: string | null): ScoreboardUncertainty {
  const { input } = useSimulationInput(scenarioId);
  const sim = useSimulation(scenarioId, input);
  const { hasRange } = sim;
  const probs = useMemo(
    () => (sim.forInputs ? new Map(sim.forInputs.targets.filter((x) => hasRange(x.id)).map((x) => [x.id, x.p_meet])) : null),
    [sim.forInputs, hasRange],
  );
  return { sim, input, probs };
}

function errorText(err: unknown, lang: string): string {
  return err instanceof SimulationError ? err.localized(lang) : localizeError(err, lang).message;
}

/** The strip at the top of the scoreboard. */
export function SimulationPanel({ unc }: { unc: ScoreboardUncertainty }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { sim } = unc;
  const [matrix, setMatrix] = useState(false);
  return (
    <section className="unc-panel" aria-label={t('uncertainty.panel.label')} data-testid="sim-panel">
      <div className="unc-toolbar">
        <RunButton sim={sim} primary={!sim.forInputs} />
        <DrawsSelect draws={sim.draws} disabled={sim.runningHere} />
        <label className="check unc-base-ranges" title={t('uncertainty.baseRanges.note')}>
          <input
            type="checkbox"
            checked={sim.baseRanges}
            onChange={(e) => simulationStore.setBaseRanges(e.target.checked)}
            data-testid="base-ranges"
          />
          <span>{t('uncertainty.baseRanges.label')}</span>
        </label>
        <RunNote sim={sim} />
        {!sim.forInputs && !sim.running && <span className="muted unc-hint">{t('uncertainty.panel.hint')}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setMatrix(true)} data-testid="open-matrix">
          <Icon name="scoreboard" size={14} />
          {t('uncertainty.matrix.open')}
        </button>
      </div>
      <RunProgress sim={sim} />
      {sim.baseRanges && (
        <p className="muted small unc-base-note" data-testid="base-ranges-note">
          {t('uncertainty.baseRanges.note')}
        </p>
      )}
      {sim.error !== undefined ? <InlineError>{errorText(sim.error, lang)}</InlineError> : null}
      <JointProbability sim={sim} input={unc.input} />
      {matrix && (
        <Suspense fallback={null}>
          <DriversDialog input={unc.input} onClose={() => setMatrix(false)} />
        </Suspense>
      )}
    </section>
  );
}

function JointProbability({ sim, input }: { sim: SimulationState; input: ProjectionInput | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const n = sim.joint.length;
  const headline = isHeadlineSet(app.plan, sim.joint);
  const p = sim.result?.p_joint ?? null;
  const result = sim.result;
  const groups = useMemo(
    () => (input && result && n > 0 ? groupsBehindJoint(input, result.correlation_groups ?? [], sim.joint) : []),
    [input, result, n, sim.joint],
  );
  const zhNames = isZh(lang);
  const label =
    n === 0
      ? t('uncertainty.joint.none')
      : headline
        ? t('uncertainty.joint.headline', { n: countWord(n, lang) })
        : t('uncertainty.joint.chosen', { n: countWord(n, lang) });
  return (
    <div className="unc-joint" data-testid="joint">
      <span className="unc-joint-label" data-testid="joint-label">
        {label}
      </span>
      {n > 0 && (
        <strong className="unc-joint-value" data-testid="joint-probability" data-value={p ?? ''}>
          {p !== null && !sim.joint.some((id) => sim.hasRange(id)) ? (
            noRangeLabel(lang)
          ) : p !== null ? (
            probabilityText(p)
          ) : sim.runningHere || (sim.armed && sim.forInputs) ? (
            <span className="spinner spinner-small" aria-label={t('uncertainty.run.waiting')} />
          ) : (
            '—'
          )}
        </strong>
      )}
      <JointPicker chosen={sim.joint} />
      {groups.length > 0 && p !== null && (
        <span className="muted small unc-joint-note" title={t('uncertainty.joint.correlatedTip')} data-testid="joint-correlation">
          {t('uncertainty.joint.correlated', {
            groups: groups
              .map((g) =>
                t('uncertainty.joint.correlatedGroup', {
                  name: zhNames ? g.name_zh : g.name_en,
                  loading: String(g.loading),
                  rho: String(Number(g.pair_correlation.toFixed(2))),
                }),
              )
              .join(zhNames ? '；' : '; '),
          })}
        </span>
      )}
      {p !== null &&
        groups
          .filter((g) => g.joint_by_loading?.length)
          .map((g) => (
            <span
              key={g.id}
              className="muted small unc-joint-note"
              title={t('uncertainty.joint.sweepTip')}
              data-testid="joint-sweep"
              data-group={g.id}
            >
              {t('uncertainty.joint.sweep', {
                name: zhNames ? g.name_zh : g.name_en,
                points: g
                  .joint_by_loading!.map((x) =>
                    t(x.loading === g.loading ? 'uncertainty.joint.sweepScenario' : 'uncertainty.joint.sweepPoint', {
                      loading: String(x.loading),
                      p: probabilityText(x.p_joint),
                    }),
                  )
                  .join(zhNames ? '，' : ', '),
              })}
            </span>
          ))}
    </div>
  );
}

/** Checkboxes for the joint set: the headline targets first, then the rest, with a search box. */
function JointPicker({ chosen }: { chosen: string[] }) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const zh = isZh(i18n.language);
  const [q, setQ] = useState('');
  const ref = useRef<HTMLDetailsElement>(null);
  // a click elsewhere or Esc closes the list
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const d = ref.current;
      if (d?.open && !d.contains(e.target as Node)) d.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      const d = ref.current;
      if (e.key === 'Escape' && d?.open) {
        d.open = false;
        d.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  const set = new Set(chosen);
  const headline = headlineIds(app.plan);
  const terms = searchTerms(q);
  const targets = [...app.plan.targets].sort((a, b) => Number(b.headline) - Number(a.headline));
  const shown = targets.filter((x) => terms.every((term) => `${x.name_zh} ${x.name_en} ${x.id}`.toLowerCase().includes(term)));
  const toggle = (id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    simulationStore.setJoint(app.plan.targets.filter((x) => next.has(x.id)).map((x) => x.id));
  };
  return (
    <details className="unc-joint-pick" data-testid="joint-picker" ref={ref}>
      <summary className="btn btn-small">
        {t('uncertainty.joint.pick', { n: chosen.length })}
        <Icon name="chevronDown" size={14} />
      </summary>
      <div className="unc-joint-menu" role="group" aria-label={t('uncertainty.joint.pickLabel')}>
        <div className="unc-joint-menu-head">
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('scoreboard.searchPlaceholder')}
            aria-label={t('scoreboard.search')}
          />
          <button
            type="button"
            className="btn btn-small btn-link"
            onClick={() => simulationStore.setJoint(null)}
            disabled={isHeadlineSet(app.plan, chosen)}
            data-testid="joint-reset"
          >
            {t('uncertainty.joint.reset', { n: countWord(headline.length, i18n.language) })}
          </button>
        </div>
        <ul>
          {shown.map((x) => (
            <li key={x.id}>
              <label className="check">
                <input type="checkbox" checked={set.has(x.id)} onChange={() => toggle(x.id)} data-testid="joint-check" data-target={x.id} />
                <span>
                  {x.headline && <span className="star">★</span>}
                  {zh ? x.name_zh : x.name_en}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** The 达标概率 column header, sortable. */
export function ProbabilityHeader({ dir, onSort }: { dir: SortDir | null; onSort: () => void }) {
  const { t } = useTranslation();
  return (
    <th className="num" scope="col" aria-sort={dir ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className={`th-sort ${dir ? 'active' : ''}`}
        onClick={onSort}
        data-testid="sort-probability"
        title={t('uncertainty.column.tip')}
      >
        {t('uncertainty.column.label')}
        <span className="sort-mark" aria-hidden="true">
          {dir ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** A target's probability with a small bar; 未设区间 for a target without an uncertain input. */
export function ProbabilityCell({
  p,
  sim,
  noRange,
}: {
  p: number | undefined;
  sim?: Pick<TargetSimulation, 'p_meet_se'> & { draws: number };
  noRange?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const has = p !== undefined && Number.isFinite(p);
  if (noRange) {
    return (
      <td className="num prob-cell" data-testid="cell-prob" data-value="" data-norange="true" title={t('uncertainty.kpi.noRangeTip')}>
        <span className="muted">{noRangeLabel(i18n.language)}</span>
      </td>
    );
  }
  return (
    <td
      className="num prob-cell"
      data-testid="cell-prob"
      data-value={has ? p : ''}
      title={has && sim ? probabilityHover(p, sim.p_meet_se, sim.draws, i18n.language) : undefined}
    >
      {has ? (
        <span className="prob">
          <span className="prob-bar" aria-hidden="true">
            <span className={`prob-fill ${p >= 0.5 ? 'hi' : 'lo'}`} style={{ width: `${Math.round(p * 100)}%` }} />
          </span>
          <span className="prob-text">{probabilityText(p)}</span>
        </span>
      ) : (
        <span className="muted">—</span>
      )}
    </td>
  );
}

/** What the score table needs for the 达标概率 column. */
export interface ProbabilityColumn {
  values: ReadonlyMap<string, number> | null;
  /** the simulation the values come from (standard errors for the hover, draws) */
  simulation?: { targets: Pick<TargetSimulation, 'id' | 'p_meet_se'>[]; draws_done: number } | null;
  /** false for a target without an uncertain input: 未设区间 (once a simulation ran) */
  hasRange?: (id: string) => boolean;
  dir: SortDir | null;
  onSort: () => void;
}

/**
 * 总览 Scoreboard: every target as a row with its projection, gap, required vs assumed growth and
 * status; the roll-up as clickable filter chips; filters, search (Ctrl+F), sorting; milestones.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effortView } from '../lib/effort';
import type { Status, TargetKind } from '../../../models/schema';
import { TARGET_KINDS } from '../lib/scoreboard';
import { Icon } from '../components/Icon';
import { VerdictText } from '../components/VerdictText';
import { judgedPeriod } from '../../../models/verdict';
import { STATUS_TABLE } from '../../../models/status';
import { Assumed, EmptyState, InlineError, Spinner, StatusChip, useStatusWord } from '../components/ui';
import { usePinyin } from '../components/usePinyin';
import { formatGap, formatJudged, formatRate, formatTarget, gapYear, showUnit } from '../lib/format';
import {
  buildRows,
  filterRows,
  nextSort,
  responsibleUnits,
  rollup,
  sortRows,
  STATUS_ORDER,
  type ScoreRow,
  type SortKey,
  type SortSpec,
} from '../lib/scoreboard';
import { localizeError } from '../lib/errors';
import { useUiAction } from '../state/actions';
import { useApp } from '../state/app';
import { useQuery } from '../state/query';
import { Milestones } from './Milestones';
import { PresentationHost, PresentButton, usePresentHotkey } from './present/launch';
import { BriefingButton, HeadActions } from './briefing/BriefingButton';
import { NowcastMark, useNowcastMarks } from './nowcast/NowcastBadge';
import { SourceLine, SourceLineProvider, SourceToggle } from './plan/SourceLine';
import {
  ProbabilityCell,
  ProbabilityHeader,
  SimulationPanel,
  useScoreboardUncertainty,
  type ProbabilityColumn,
} from './uncertainty/ScoreboardSimulation';
import { nextProbabilitySort, sortByProbability, type SortDir as ProbSortDir } from '../lib/uncertainty-sim';

export function Scoreboard() {
  const { t, i18n } = useTranslation();
  const statusWordOf = useStatusWord();
  const lang = i18n.language;
  const app = useApp();
  const projection = useQuery(app.version, 'projection:run', app.currentId ? { id: app.currentId } : null);
  const [tab, setTab] = useState<'targets' | 'milestones'>('targets');
  const [statuses, setStatuses] = useState<Set<Status>>(new Set());
  const [section, setSection] = useState('');
  const [kind, setKind] = useState<TargetKind | ''>('');
  const [unit, setUnit] = useState('');
  const [query, setQuery] = useState('');
  const [headlineOnly, setHeadlineOnly] = useState(false);
  const [sort, setSort] = useState<SortSpec>({ key: 'order', dir: 'asc' });
  const searchRef = useRef<HTMLInputElement>(null);
  // 演示模式 (F5) over the rows shown; the plan's sentence under each row
  const [presenting, setPresenting] = useState(false);
  const [showSource, setShowSource] = useState(false);
  usePresentHotkey(() => setPresenting(true), tab === 'targets' && !!projection.data);
  const unc = useScoreboardUncertainty(app.currentId);
  const [probSort, setProbSort] = useState<ProbSortDir | null>(null);

  useUiAction((a) => {
    if (a === 'focus.search') {
      if (tab !== 'targets') setTab('targets');
      window.setTimeout(() => searchRef.current?.focus(), 0);
      searchRef.current?.select();
      return true;
    }
  });

  const reader = usePinyin(!!query);
  const rows = useMemo(() => buildRows(app.plan, projection.data ?? null, lang), [app.plan, projection.data, lang]);
  const roll = useMemo(() => rollup(rows), [rows]);
  const units = useMemo(() => responsibleUnits(app.plan), [app.plan]);
  const shown = useMemo(
    () =>
      sortRows(
        filterRows(rows, {
          statuses,
          sections: section ? new Set([section]) : undefined,
          kinds: kind ? new Set([kind]) : undefined,
          responsible: unit || null,
          query,
          headlineOnly,
          reader,
        }),
        sort,
      ),
    [rows, statuses, section, kind, unit, query, headlineOnly, sort, reader],
  );
  const filtered = statuses.size > 0 || !!section || !!kind || !!unit || !!query || headlineOnly;
  const clear = () => {
    setStatuses(new Set());
    setSection('');
    setKind('');
    setUnit('');
    setQuery('');
    setHeadlineOnly(false);
  };
  const toggleStatus = (s: Status) =>
    setStatuses((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  if (!app.currentId) {
    return (
      <section className="screen">
        <EmptyState
          icon="scenarios"
          title={t('scoreboard.noScenario')}
          action={
            <button className="btn btn-primary" onClick={() => app.setScreen('scenarios')}>
              {t('scoreboard.goScenarios')}
            </button>
          }
        />
      </section>
    );
  }

  const asOf = app.settings.as_of_year;
  // the headline names the period the verdicts rest on (截至2026年1-10月 / 2026年预计), not the setting
  const period = judgedPeriod(projection.data?.targets ?? [], lang === 'en' ? 'en' : 'zh-CN');
  // the final-year verdicts' chips once every target is judged on its outcome, the mid-term ones before
  const allFinal = period.final && (projection.data?.targets ?? []).every((e) => e.final || e.status === 'no_data');
  return (
    <SourceLineProvider show={showSource} query={query}>
      <section className="screen screen-scoreboard" aria-labelledby="sb-title">
        <header className="screen-head">
          <div>
            <h1 id="sb-title">{t('nav.scoreboard')}</h1>
            <p className="lede" data-testid="rollup-sentence">
              {projection.data
                ? t(allFinal ? 'scoreboard.rollupSentenceFinal' : 'scoreboard.rollupSentence', {
                    total: roll.total,
                    ok: roll.onTrackOrBetter,
                    scenario: app.current ? app.nameOf(app.current) : '',
                    period: period.text || String(asOf),
                  })
                : t('common.loading')}
            </p>
          </div>
          <HeadActions>
            <PresentButton
              onClick={() => setPresenting(true)}
              disabled={!projection.data || tab !== 'targets' || shown.length === 0}
              count={shown.length}
            />
            <BriefingButton />
          </HeadActions>
          <div className="tabs" role="tablist">
            <button
              role="tab"
              aria-selected={tab === 'targets'}
              className={`tab ${tab === 'targets' ? 'active' : ''}`}
              onClick={() => setTab('targets')}
            >
              {t('scoreboard.tabTargets', { n: app.plan.targets.length })}
            </button>
            <button
              role="tab"
              aria-selected={tab === 'milestones'}
              className={`tab ${tab === 'milestones' ? 'active' : ''}`}
              onClick={() => setTab('milestones')}
              data-testid="tab-milestones"
            >
              {t('scoreboard.tabMilestones', { n: app.plan.milestones.length })}
            </button>
          </div>
        </header>

        {tab === 'milestones' ? (
          <Milestones />
        ) : (
          <>
            <div className="rollup" role="group" aria-label={t('scoreboard.rollupLabel')}>
              {STATUS_ORDER.filter((s) => roll.counts[s] > 0 || s === 'no_data' || STATUS_TABLE[s].final === allFinal).map((s) => (
                <button
                  key={s}
                  type="button"
                  className={`rollup-chip status-${s} ${statuses.has(s) ? 'on' : ''}`}
                  aria-pressed={statuses.has(s)}
                  onClick={() => toggleStatus(s)}
                  data-testid={`rollup-${s}`}
                  disabled={!projection.data}
                >
                  <span className="rollup-count">{roll.counts[s]}</span>
                  <span className="rollup-name">{statusWordOf(s)}</span>
                </button>
              ))}
            </div>

            <SimulationPanel unc={unc} />

            <div className="filters" role="search">
              <label className="search">
                <Icon name="search" size={16} />
                <input
                  ref={searchRef}
                  type="search"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  placeholder={t('scoreboard.searchPlaceholder')}
                  aria-label={t('scoreboard.search')}
                  data-testid="scoreboard-search"
                  onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
                />
                <kbd className="kbd-hint">Ctrl+F</kbd>
              </label>
              <select
                value={section}
                onChange={(e) => setSection(e.target.value)}
                aria-label={t('scoreboard.section')}
                data-testid="filter-section"
              >
                <option value="">{t('scoreboard.allSections')}</option>
                {app.plan.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {sectionLabel(s.code, lang.startsWith('zh') ? s.title_zh : s.title_en, s.id === 'preamble')}
                  </option>
                ))}
              </select>
              <select
                value={kind}
                onChange={(e) => setKind(e.target.value as TargetKind | '')}
                aria-label={t('scoreboard.kind')}
                data-testid="filter-kind"
              >
                <option value="">{t('scoreboard.allKinds')}</option>
                {TARGET_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
              <select
                value={unit}
                onChange={(e) => setUnit(e.target.value)}
                aria-label={t('scoreboard.responsible')}
                data-testid="filter-unit"
                className="select-unit"
              >
                <option value="">{t('scoreboard.allUnits')}</option>
                {units.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
              <label className="check">
                <input type="checkbox" checked={headlineOnly} onChange={(e) => setHeadlineOnly(e.target.checked)} />
                <span>{t('scoreboard.headlineOnly')}</span>
              </label>
              <SourceToggle on={showSource} onChange={setShowSource} />
              <span className="filters-count" data-testid="row-count">
                {t('scoreboard.showing', { shown: shown.length, total: rows.length })}
              </span>
              {filtered && (
                <button type="button" className="btn btn-small btn-ghost" onClick={clear}>
                  {t('scoreboard.clearFilters')}
                </button>
              )}
            </div>

            {projection.error ? <InlineError>{localizeError(projection.error, lang).message}</InlineError> : null}
            {!projection.data && !projection.error ? (
              <div className="screen-loading">
                <Spinner label={t('scoreboard.projecting')} />
              </div>
            ) : shown.length === 0 ? (
              <EmptyState
                icon="search"
                title={t('scoreboard.noMatch')}
                action={
                  <button className="btn" onClick={clear}>
                    {t('scoreboard.clearFilters')}
                  </button>
                }
              />
            ) : (
              <ScoreTable
                rows={probSort ? sortByProbability(shown, unc.probs, probSort) : shown}
                sort={probSort ? { key: 'order', dir: 'asc' } : sort}
                onSort={(k) => {
                  setProbSort(null);
                  setSort((s) => nextSort(s, k));
                }}
                onOpen={(id) => app.openWorkbench(id)}
                lang={lang}
                prob={{
                  values: unc.probs,
                  simulation: unc.sim.forInputs ?? null,
                  hasRange: unc.sim.hasRange,
                  dir: probSort,
                  onSort: () => setProbSort((d) => nextProbabilitySort(d)),
                }}
              />
            )}
          </>
        )}
        {presenting && (
          <PresentationHost
            targets={shown.map((r) => r.target)}
            result={projection.data ?? null}
            scenarioName={app.current ? app.nameOf(app.current) : ''}
            onClose={() => setPresenting(false)}
          />
        )}
      </section>
    </SourceLineProvider>
  );
}

function sectionLabel(code: string, title: string, preamble: boolean): string {
  if (preamble) return title;
  return `${code}、${title}`;
}

/** The standard error and draws behind a row's probability, for its hover. */
function probSim(prob: ProbabilityColumn, id: string): { p_meet_se: number; draws: number } | undefined {
  const x = prob.simulation?.targets.find((t) => t.id === id);
  return x && prob.simulation ? { p_meet_se: x.p_meet_se, draws: prob.simulation.draws_done } : undefined;
}

function ScoreTable({
  rows,
  sort,
  onSort,
  onOpen,
  lang,
  prob,
}: {
  rows: ScoreRow[];
  sort: SortSpec;
  onSort: (k: SortKey) => void;
  onOpen: (id: string) => void;
  lang: string;
  prob?: ProbabilityColumn;
}) {
  const { t } = useTranslation();
  const statusWordOf = useStatusWord();
  const app = useApp();
  const nowcastMarks = useNowcastMarks();
  const th = (key: SortKey | null, label: string, className = '') => {
    if (!key)
      return (
        <th className={className} scope="col">
          {label}
        </th>
      );
    const active = sort.key === key;
    return (
      <th className={className} scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className={`th-sort ${active ? 'active' : ''}`} onClick={() => onSort(key)} data-testid={`sort-${key}`}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const years = new Set(rows.map((r) => r.target.target_year));
  const oneYear = years.size === 1 ? [...years][0] : null;
  const itemCode = (row: ScoreRow) => {
    const s = app.plan.sections.find((x) => x.id === row.sectionId);
    const item = s?.items.find((i) => i.id === row.itemId);
    if (!s || s.id === 'preamble') return t('scoreboard.preamble');
    return `${s.code}${item ? item.code : ''}`;
  };
  return (
    <div className="table-wrap">
      <table className="table score-table" data-testid="score-table">
        <colgroup>
          <col className="c-name" />
          <col className="c-section" />
          <col className="c-unit" />
          <col className="c-target" />
          <col className="c-proj" />
          <col className="c-gap" />
          <col className="c-growth" />
          <col className="c-status" />
          {prob && <col className="c-prob" />}
        </colgroup>
        <thead>
          <tr>
            {th('name', t('scoreboard.col.name'))}
            {th('section', t('scoreboard.col.section'))}
            {th(null, t('scoreboard.col.unit'))}
            {th(null, t('scoreboard.col.target'))}
            {th('projected', oneYear ? t('scoreboard.col.projectedIn', { year: oneYear }) : t('scoreboard.col.projected'), 'num')}
            {th('gap', t('scoreboard.col.gap'), 'num')}
            {th('growthShortfall', t('scoreboard.col.growth'), 'num')}
            {th('status', t('scoreboard.col.status'))}
            {prob && <ProbabilityHeader dir={prob.dir} onSort={prob.onSort} />}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const e = r.evaluation;
            const open = () => onOpen(r.id);
            // the required effort (models/kinds/effort.ts): 已达到 with its headroom, behind in the effort's direction
            const ef = effortView(e, app.plan, lang, t);
            const growthBehind = ef?.effort.behind ?? false;
            return (
              <tr
                key={r.id}
                className="row-link"
                tabIndex={0}
                onClick={open}
                onKeyDown={(ev) => (ev.key === 'Enter' || ev.key === ' ') && (ev.preventDefault(), open())}
                data-testid="score-row"
                data-target={r.id}
                data-status={r.status}
                aria-label={`${r.name}：${statusWordOf(r.status)}`}
              >
                <td className="cell-name" title={r.target.source_text}>
                  {r.headline && (
                    <span className="star" title={t('scoreboard.headline')} aria-label={t('scoreboard.headline')}>
                      ★
                    </span>
                  )}
                  <span className="name-text">{r.name}</span>
                  <span className="name-kind">{t(`kind.${r.kind}`)}</span>
                  <SourceLine text={r.target.source_text} name={r.name} />
                  <VerdictText target={r.target} evaluation={e} lang={lang} />
                </td>
                <td className="cell-section" title={r.sectionTitle}>
                  {itemCode(r)}
                </td>
                <td className="cell-unit">{showUnit(r.unit, lang)}</td>
                <td className="cell-target">{formatTarget(r.target, lang, true)}</td>
                <td className="num" data-testid="cell-projected">
                  <Assumed on={r.assumed}>{formatJudged(r.target, r.projected, lang, true)}</Assumed>
                  {!oneYear && e?.target_year ? <span className="sub">{t('scoreboard.inYear', { year: e.target_year })}</span> : null}
                </td>
                <td
                  className={`num gap ${r.gap !== null && r.gap > 1e-9 ? 'short' : r.gap !== null ? 'over' : ''}`}
                  data-testid="cell-gap"
                  data-gap-rel={r.gapRel ?? ''}
                >
                  {formatGap(r.target, r.gap, lang, true, gapYear(e))}
                </td>
                <td className="num growth" data-testid="cell-growth" data-effort={ef?.effort.state ?? 'none'}>
                  <span
                    className={growthBehind ? 'growth-behind' : ''}
                    title={growthBehind ? t(ef?.effort.direction === -1 ? 'effort.behindFallTip' : 'effort.behindTip') : undefined}
                  >
                    {ef?.tag && (
                      <span className="growth-tag" title={ef.tip}>
                        {ef.tag}
                      </span>
                    )}
                    <span
                      className={`growth-req${ef?.effort.state === 'reached' ? ' growth-reached' : ''}`}
                      title={ef?.tip ?? t('scoreboard.requiredTip')}
                      data-testid="growth-req"
                    >
                      {ef?.required ?? formatRate(r.required, lang)}
                    </span>
                    <span className="growth-sep"> / </span>
                    <span className="growth-asm" title={t('scoreboard.assumedTip')}>
                      {formatRate(r.assumedGrowth, lang)}
                    </span>
                  </span>
                </td>
                <td className="status-cell">
                  <StatusChip status={r.status} />
                  {nowcastMarks.has(r.id) && <NowcastMark year={nowcastMarks.get(r.id)!.year} month={nowcastMarks.get(r.id)!.month} />}
                </td>
                {prob && (
                  <ProbabilityCell
                    p={prob.values?.get(r.id)}
                    noRange={!!prob.values && prob.hasRange?.(r.id) === false}
                    sim={probSim(prob, r.id)}
                  />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

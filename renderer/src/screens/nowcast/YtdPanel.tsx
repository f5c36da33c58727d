/**
 * 数据 › 1-N月累计 / Year to date: the year-to-date figures entered (periods YYYY-MM, from
 * 'actuals:list'), importing more (dry run, then confirm), and per indicator the nowcast of the
 * year under way ('nowcast:list'): the estimate and its range, the method used, both methods with
 * their arithmetic, and the backtest — what each method would have said at the same month of
 * earlier years.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NowcastResult } from '../../../../models/nowcast';
import type { Series, Target } from '../../../../models/schema';
import { Icon } from '../../components/Icon';
import { EmptyState, InlineError, Spinner } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { formatPlain, formatRate, withUnit } from '../../lib/format';
import { backtestRows, meanAbsError, METHODS, methodsUsed, signedPercent, ytdLabel, ytdMonths, ytdRows } from '../../lib/nowcast';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';
import { YtdImportDialog } from './YtdImportDialog';
import { yearSentencesFor } from '../../lib/ytd-progress';
import './nowcast.css';

export type DataTab = 'actuals' | 'ytd';

/** The tabs of the data screen: 实际值 / 1-N月累计. */
export function DataTabs({ tab, onTab }: { tab: DataTab; onTab: (t: DataTab) => void }) {
  const { t } = useTranslation();
  return (
    <div className="tabs" role="tablist" aria-label={t('nowcast.tabsLabel')}>
      {(['actuals', 'ytd'] as const).map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          aria-selected={tab === k}
          className={`tab ${tab === k ? 'active' : ''}`}
          onClick={() => onTab(k)}
          data-testid={`data-tab-${k}`}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              e.preventDefault();
              onTab(k === 'actuals' ? 'ytd' : 'actuals');
              const next =
                (e.currentTarget.parentElement?.querySelector(
                  `[data-testid="data-tab-${k === 'actuals' ? 'ytd' : 'actuals'}"]`,
                ) as HTMLElement | null) ?? null;
              next?.focus();
            }
          }}
        >
          {t(k === 'actuals' ? 'nowcast.tabActuals' : 'nowcast.tabYtd')}
        </button>
      ))}
    </div>
  );
}

export function YtdPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const list = useQuery(app.version, 'actuals:list', {});
  const nowcasts = useQuery(app.version, 'nowcast:list', {});
  const [importing, setImporting] = useState(false);
  const seriesById = useMemo(() => new Map(app.plan.series.map((s) => [s.id, s])), [app.plan.series]);
  const order = useMemo(() => app.plan.series.map((s) => s.id), [app.plan.series]);
  const rows = useMemo(() => ytdRows(list.data, order), [list.data, order]);
  const months = useMemo(() => ytdMonths(rows), [rows]);
  const name = (id: string) => {
    const s = seriesById.get(id);
    return s ? (zh ? s.name_zh : s.name_en) : id;
  };

  const importButton = (
    <button
      type="button"
      className="btn btn-primary"
      disabled={app.readOnly}
      title={app.readOnlyTip}
      onClick={() => setImporting(true)}
      data-testid="ytd-import-open"
    >
      <Icon name="upload" size={16} />
      {t('nowcast.import.open')}
    </button>
  );

  return (
    <div className="ytd-panel" data-testid="ytd-panel">
      <div className="toolbar">
        {importButton}
        <span className="field-help">{t('nowcast.lede')}</span>
      </div>
      {list.error ? <InlineError>{localizeError(list.error, lang).message}</InlineError> : null}
      {!list.data && !list.error ? (
        <Spinner label={t('common.loading')} />
      ) : rows.length === 0 ? (
        <EmptyState icon="data" title={t('nowcast.emptyTitle')} action={importButton}>
          {t('nowcast.emptyHelp')}
        </EmptyState>
      ) : (
        <>
          <section className="ytd-section" aria-labelledby="ytd-figures">
            <h2 id="ytd-figures">
              {t('nowcast.figures')}
              <span className="muted">{t('nowcast.figuresHelp')}</span>
            </h2>
            <div className="table-wrap">
              <table className="table ytd-table" data-testid="ytd-table">
                <thead>
                  <tr>
                    <th scope="col">{t('nowcast.col.series')}</th>
                    <th scope="col">{t('nowcast.col.year')}</th>
                    {months.map((m) => (
                      <th key={m} scope="col" className="num">
                        {ytdLabel(m, lang)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const unit = seriesById.get(r.series)?.unit ?? '';
                    return (
                      <tr key={`${r.series}-${r.year}`} data-testid="ytd-row" data-series={r.series} data-year={r.year}>
                        <td className="cell-name">{name(r.series)}</td>
                        <td className="nowrap">{zh ? `${r.year}年` : r.year}</td>
                        {months.map((m) => {
                          const p = r.points.find((x) => x.month === m);
                          if (!p) {
                            return (
                              <td key={m} className="ytd-cell ytd-none" aria-label={t('nowcast.noFigure')}>
                                —
                              </td>
                            );
                          }
                          return (
                            <td key={m} className="ytd-cell" title={p.source} data-month={m}>
                              {p.value !== null ? withUnit(formatPlain(p.value, lang, 2), unit, lang) : '—'}
                              {p.growth !== null && (
                                <span className="ytd-growth">{t('nowcast.growthCell', { g: signedPercent(p.growth, lang) })}</span>
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
          </section>

          <section className="ytd-section" aria-labelledby="ytd-nowcasts">
            <h2 id="ytd-nowcasts">
              {nowcasts.data ? t('nowcast.nowcastsOf', { year: nowcasts.data.year }) : t('nowcast.nowcasts')}
              <span className="muted">{t('nowcast.nowcastsHelp')}</span>
            </h2>
            {nowcasts.error ? (
              <InlineError>{localizeError(nowcasts.error, lang).message}</InlineError>
            ) : !nowcasts.data ? (
              <Spinner label={t('common.loading')} />
            ) : nowcasts.data.results.length === 0 ? (
              <p className="muted" data-testid="nowcast-none">
                {t('nowcast.noneForYear', { year: nowcasts.data.year })}
              </p>
            ) : (
              <div className="nowcast-cards">
                {nowcasts.data.results.map((r) => (
                  <NowcastCard key={r.series} result={r} series={seriesById.get(r.series)} records={list.data} targets={app.plan.targets} />
                ))}
              </div>
            )}
            {nowcasts.data && nowcasts.data.skipped.length > 0 && (
              <ul className="nowcast-note" data-testid="nowcast-skipped">
                {nowcasts.data.skipped.map((s) => (
                  <li key={s.series}>{zh ? s.message_zh : s.message_en}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {importing && <YtdImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}

function NowcastCard({
  result: r,
  series,
  records,
  targets,
}: {
  result: NowcastResult;
  series: Series | undefined;
  records: Parameters<typeof yearSentencesFor>[2];
  targets: readonly Target[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const unit = series?.unit ?? '';
  const months = ytdLabel(r.as_of_month, lang);
  const bt = backtestRows(r.backtest);
  const v = (x: number | null) => (x === null ? '—' : withUnit(formatPlain(x, lang, 2), unit, lang));
  const used = methodsUsed(r);
  const year = series ? yearSentencesFor(series, r.year, records, targets, lang, t) : [];
  const sentence = used
    .map((m) => {
      const errs = bt
        .filter((b) => b.errors[m] !== null)
        .map((b) => t('nowcast.backtestYear', { year: b.year, e: signedPercent(b.errors[m], lang) }));
      if (errs.length === 0) return t('nowcast.backtestNone', { method: t(`nowcast.method.${m}`) });
      return t('nowcast.backtestSentence', {
        method: t(`nowcast.method.${m}`),
        months,
        errors: errs.join(zh ? '、' : ', '),
        mean: formatRate(meanAbsError(bt, m), lang),
      });
    })
    .join(zh ? '' : ' ');
  return (
    <article className="nowcast-card" data-testid="nowcast-card" data-series={r.series}>
      <h3>
        {series ? (zh ? series.name_zh : series.name_en) : r.series}
        <span className="nowcast-badge">{t('nowcast.badge', { year: r.year, months })}</span>
      </h3>
      <div className="nowcast-estimate">
        <span className="nowcast-value" data-testid="nowcast-estimate" data-value={r.estimate}>
          {v(r.estimate)}
        </span>
        <span className="nowcast-range" data-testid="nowcast-range">
          {t('nowcast.rangeText', { low: formatPlain(r.low, lang, 2), high: v(r.high) })}
        </span>
      </div>
      {year.map((y) => (
        <p key={y.target ?? ''} className="nowcast-year" data-testid="nowcast-year" data-target={y.target ?? ''}>
          {y.text}
        </p>
      ))}
      <p className="nowcast-method-used" data-testid="nowcast-method" data-method={r.method_used}>
        {t('nowcast.methodLine', { method: t(`nowcast.method.${r.method_used}`) })}
      </p>
      <ul className="nowcast-methods">
        {r.methods.map((m) => (
          <li
            key={m.method}
            className={`nowcast-method ${m.available ? '' : 'unavailable'} ${used.includes(m.method) && m.available ? 'used' : ''}`}
            data-testid="nowcast-method-row"
            data-method={m.method}
          >
            <div className="nowcast-method-head">
              <span>{t(`nowcast.method.${m.method}`)}</span>
              <span className="num">{m.available ? v(m.estimate) : t('nowcast.unavailable')}</span>
              {m.available && r.method_used === 'blend' && (
                <span className="muted">{t('nowcast.weight', { w: formatRate(m.weight, lang, 0) })}</span>
              )}
            </div>
            <div className="nowcast-detail">{zh ? m.detail_zh : m.detail_en}</div>
          </li>
        ))}
      </ul>
      <div>
        <h4 className="sub-title">{t('nowcast.backtest', { months })}</h4>
        {bt.length === 0 ? (
          <p className="muted">{t('nowcast.noBacktest')}</p>
        ) : (
          <table className="table backtest-table" data-testid="backtest-table">
            <thead>
              <tr>
                <th scope="col">{t('nowcast.col.year')}</th>
                <th scope="col" className="num">
                  {t('nowcast.col.actual')}
                </th>
                {METHODS.map((m) => (
                  <th key={m} scope="col" className="num">
                    {t('nowcast.errorOf', { method: t(`nowcast.method.${m}`) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {bt.map((b) => (
                <tr key={b.year} data-testid="backtest-row" data-year={b.year}>
                  <td>{zh ? `${b.year}年` : b.year}</td>
                  <td className="num">{v(b.actual)}</td>
                  {METHODS.map((m) => (
                    <td
                      key={m}
                      className="num"
                      title={b.estimates[m] !== null ? `${t('nowcast.wouldHaveSaid')}${v(b.estimates[m])}` : undefined}
                    >
                      {signedPercent(b.errors[m], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="backtest-sentence" data-testid="backtest-sentence">
          {sentence}
        </p>
      </div>
      <p className="nowcast-note">{zh ? r.note_zh : r.note_en}</p>
    </article>
  );
}

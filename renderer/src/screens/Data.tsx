/**
 * 数据: the actuals (the plan file's and the ones planners entered) in a grid; entering a new
 * actual with its source, correcting one (a new vintage, 'actuals:add'), deleting an entered
 * one; importing a CSV (or Excel) table with a preview, column mapping and the rejected rows.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actual, Reliability, ValueKind } from '../../../models/schema';
import { useApi } from '../state/api-context';
import { Icon } from '../components/Icon';
import { SearchSelect } from '../components/SearchSelect';
import { seriesOptions } from '../lib/pickerFilter';
import { enterableSeries } from '../../../models/published';
import { Dialog, EmptyState, InlineError, Spinner, Tag } from '../components/ui';
import { normalizeDate, normalizePeriod, readValue } from '../lib/actualsImport';
import { implausibleByField, localizeError, warningsToConfirm, type ValueWarning } from '../lib/errors';
import { ConfirmValues } from '../components/ConfirmValues';
import { formatDate, formatDateTime, formatPlain, withUnit } from '../lib/format';
import { searchTerms } from '../lib/scoreboard';
import { useUiAction } from '../state/actions';
import { useApp, useToast } from '../state/app';
import { useQuery } from '../state/query';
import { ImportDialog } from './data/ImportDialog';
import { ConflictChoiceDialog, ConflictsPanel } from './data/Conflicts';
import type { ActualConflict } from '../../../contract/types';
import { DataTabs, YtdPanel, type DataTab } from './nowcast/YtdPanel';
import { monthEndWords } from './nowcast/MonthEndBadge';
import { useRef } from 'react';
import { RELIABILITIES, reliabilityWord } from '../../../models/reliability';
import { deleteWarnText, recordPeriodLabel, sortActualRows } from '../lib/actualText';

export const VALUE_KINDS: ValueKind[] = ['actual', 'lower_bound', 'approx_below', 'estimate', 'yoy'];

interface GridRow {
  key: string;
  id: number | null;
  origin: 'plan' | 'entered';
  actual: Actual;
  entered_at: string | null;
  superseded: boolean;
}

export function DataScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const list = useQuery(app.version, 'actuals:list', {});
  const conflicts = useQuery(app.version, 'actuals:conflicts', {});
  const [asked, setAsked] = useState<{ conflict: ActualConflict; key: string } | null>(null);
  const [series, setSeries] = useState('');
  const [q, setQ] = useState('');
  const [form, setForm] = useState<{ initial: Partial<Actual>; correcting: boolean } | null>(null);
  const [importing, setImporting] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<GridRow | null>(null);
  const [tab, setTab] = useState<DataTab>('actuals');
  const searchRef = useRef<HTMLInputElement>(null);
  useUiAction((a) => {
    if (a === 'focus.search') {
      searchRef.current?.focus();
      return true;
    }
  });

  const seriesById = useMemo(() => new Map(app.plan.series.map((s) => [s.id, s])), [app.plan.series]);
  // every series can carry an entered figure: input series and the derived ones (shares, rates, intensities) alike
  const enterable = useMemo(() => enterableSeries(app.plan), [app.plan]);
  const rows = useMemo((): GridRow[] => {
    const out: GridRow[] = [];
    app.plan.actuals.forEach((a, i) =>
      out.push({ key: `p${i}`, id: null, origin: 'plan', actual: a, entered_at: null, superseded: false }),
    );
    for (const a of list.data ?? []) {
      if (a.deleted_at) continue;
      out.push({
        key: `e${a.id}`,
        id: a.id,
        origin: 'entered',
        actual: a as unknown as Actual,
        entered_at: a.entered_at,
        superseded: false,
      });
    }
    // the newest record per series and period wins (later vintage; entered ones after the plan's)
    const latest = new Map<string, GridRow>();
    for (const r of out) {
      const k = `${r.actual.series}|${r.actual.period}`;
      const prev = latest.get(k);
      if (!prev || (r.actual.vintage ?? '') >= (prev.actual.vintage ?? '')) latest.set(k, r);
    }
    for (const r of out) r.superseded = latest.get(`${r.actual.series}|${r.actual.period}`) !== r;
    // where records conflict, the one in force is the planner's choice (the API's answer)
    const inForce = new Map<string, boolean>();
    for (const c of conflicts.data ?? []) for (const x of c.records) inForce.set(x.key, x.in_force);
    for (const r of out) {
      const f = inForce.get(r.origin === 'plan' ? `plan:${r.key.slice(1)}` : `entered:${r.id}`);
      if (f !== undefined) r.superseded = !f;
    }
    return sortActualRows(out, (id) => {
      const s = seriesById.get(id);
      return s ? (zh ? s.name_zh : s.name_en) : id;
    });
  }, [app.plan.actuals, list.data, conflicts.data, seriesById, zh]);

  const terms = searchTerms(q);
  const shown = rows.filter((r) => {
    if (series && r.actual.series !== series) return false;
    if (terms.length === 0) return true;
    const s = seriesById.get(r.actual.series);
    const hay =
      `${s?.name_zh ?? ''} ${s?.name_en ?? ''} ${r.actual.series} ${r.actual.period} ${r.actual.source.title} ${r.actual.note}`.toLowerCase();
    return terms.every((x) => hay.includes(x));
  });

  // a stock's month-end level that sets its year's figure in the current scenario (models/anchors.ts)
  const projection = useQuery(app.version, 'projection:run', app.currentId ? { id: app.currentId } : null);
  const floorTag = (r: GridRow) => {
    if (r.superseded) return null;
    const ym = /^(\d{4})-(\d{2})$/.exec(r.actual.period);
    if (!ym) return null;
    const year = Number(ym[1]);
    const anchor = projection.data?.series[r.actual.series]?.month_end?.[year];
    if (!anchor || anchor.month !== Number(ym[2])) return null;
    const w = monthEndWords(anchor, year, seriesById.get(r.actual.series)?.unit ?? '', lang);
    return (
      <Tag tone="info" tip={t('data.floorsTip', { year, month: w.month, level: w.level, projected: w.projected })}>
        <span data-testid="actual-floors">{t('data.floors', { year })}</span>
      </Tag>
    );
  };

  const remove = async (row: GridRow) => {
    if (row.id === null) return;
    try {
      await client.call('actuals:delete', { id: row.id });
      setConfirmDelete(null);
      app.version.bump();
      toast.push(t('data.deleted'), 'success');
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="screen screen-data" aria-labelledby="data-title">
      <header className="screen-head">
        <div>
          <h1 id="data-title">{t('nav.data')}</h1>
          <p className="lede">{t('data.lede')}</p>
        </div>
        <DataTabs tab={tab} onTab={setTab} />
      </header>
      {tab === 'ytd' && <YtdPanel />}
      {tab === 'actuals' && (
        <>
          <div className="toolbar">
            <button
              type="button"
              className="btn btn-primary"
              disabled={app.readOnly}
              title={app.readOnlyTip}
              onClick={() => setForm({ initial: { series: series || undefined }, correcting: false })}
              data-testid="data-add"
            >
              <Icon name="plus" size={16} />
              {t('data.add')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={app.readOnly}
              title={app.readOnlyTip}
              onClick={() => setImporting(true)}
              data-testid="data-import"
            >
              <Icon name="upload" size={16} />
              {t('data.import')}
            </button>
            <span className="toolbar-sep" />
            <SearchSelect
              options={seriesOptions(enterable, zh)}
              value={series}
              onChange={setSeries}
              emptyLabel={t('data.allSeries')}
              placeholder={t('data.allSeries')}
              ariaLabel={t('data.filterSeries')}
              testId="data-filter-series"
            />
            <label className="search">
              <Icon name="search" size={16} />
              <input
                ref={searchRef}
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('data.search')}
                aria-label={t('data.search')}
                data-testid="data-search"
              />
            </label>
            <span className="filters-count">{t('data.count', { n: shown.length })}</span>
          </div>

          {conflicts.data && <ConflictsPanel conflicts={conflicts.data} seriesFilter={series} />}
          {list.error ? <InlineError>{localizeError(list.error, lang).message}</InlineError> : null}
          {!list.data && !list.error ? (
            <Spinner label={t('common.loading')} />
          ) : shown.length === 0 ? (
            <EmptyState
              icon="data"
              title={rows.length === 0 ? t('data.none') : t('data.noMatch')}
              action={
                <button
                  className="btn btn-primary"
                  disabled={app.readOnly}
                  title={app.readOnlyTip}
                  onClick={() => setForm({ initial: {}, correcting: false })}
                >
                  {t('data.add')}
                </button>
              }
            >
              {rows.length === 0 ? t('data.noneHelp') : null}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table data-table" data-testid="actuals-table">
                <thead>
                  <tr>
                    <th scope="col">{t('data.col.series')}</th>
                    <th scope="col">{t('data.col.period')}</th>
                    <th scope="col" className="num">
                      {t('data.col.value')}
                    </th>
                    <th scope="col">{t('data.col.kind')}</th>
                    <th scope="col">{t('data.col.source')}</th>
                    <th scope="col">{t('data.col.date')}</th>
                    <th scope="col">{t('data.col.reliability')}</th>
                    <th scope="col">{t('data.col.entered')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('data.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => {
                    const s = seriesById.get(r.actual.series);
                    const unit = s?.unit ?? '';
                    const prefix =
                      r.actual.value_kind === 'lower_bound'
                        ? '≥ '
                        : r.actual.value_kind === 'approx_below'
                          ? '< '
                          : r.actual.value_kind === 'estimate'
                            ? '≈ '
                            : '';
                    return (
                      <tr
                        key={r.key}
                        className={r.superseded ? 'superseded' : ''}
                        data-testid="actual-row"
                        data-series={r.actual.series}
                        data-period={r.actual.period}
                      >
                        <td className="cell-name">
                          {s ? (zh ? s.name_zh : s.name_en) : r.actual.series}
                          {r.superseded && (
                            <Tag tone="neutral" tip={t('data.supersededTip')}>
                              {t('data.superseded')}
                            </Tag>
                          )}
                        </td>
                        <td className="nowrap">
                          {recordPeriodLabel(r.actual.period, s, lang, t)}
                          {floorTag(r)}
                        </td>
                        <td className="num">
                          {prefix}
                          {r.actual.value_kind === 'yoy'
                            ? t('data.yoyValue', { value: formatPlain(r.actual.value, lang, 4) })
                            : withUnit(formatPlain(r.actual.value, lang, 4), unit, lang)}
                        </td>
                        <td>{t(`valueKind.${r.actual.value_kind}`)}</td>
                        <td
                          className="cell-source"
                          title={[r.actual.source.title, r.actual.source.url, r.actual.note].filter(Boolean).join('\n')}
                        >
                          <div className="source-title">{r.actual.source.title}</div>
                          {r.actual.source.url && <div className="source-url">{r.actual.source.url}</div>}
                        </td>
                        <td className="nowrap">{formatDate(r.actual.source.date)}</td>
                        <td>
                          <span className={`rel rel-${r.actual.source.reliability}`}>
                            {reliabilityWord(r.actual.source.reliability, i18n.language)}
                          </span>
                        </td>
                        <td className="muted entered">
                          {r.origin === 'plan'
                            ? t('data.fromPlan')
                            : `${r.actual.entered_by || '—'} · ${formatDateTime(r.entered_at, lang)}`}
                          {r.actual.vintage && <div>{t('data.vintage', { v: r.actual.vintage })}</div>}
                        </td>
                        <td className="actions">
                          <button
                            type="button"
                            className="btn btn-small btn-link"
                            disabled={app.readOnly}
                            title={app.readOnlyTip}
                            onClick={() => setForm({ initial: r.actual, correcting: true })}
                            data-testid="actual-correct"
                          >
                            <Icon name="edit" size={14} />
                            {t('data.correct')}
                          </button>
                          {r.origin === 'entered' && (
                            <button
                              type="button"
                              className="btn btn-small btn-link danger"
                              disabled={app.readOnly}
                              title={app.readOnlyTip}
                              onClick={() => setConfirmDelete(r)}
                              aria-label={t('common.delete')}
                            >
                              <Icon name="trash" size={14} />
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {form && (
        <ActualForm
          initial={form.initial}
          correcting={form.correcting}
          onClose={() => setForm(null)}
          onConflict={(conflict, key) => setAsked({ conflict, key })}
        />
      )}
      {asked && <ConflictChoiceDialog conflict={asked.conflict} enteredKey={asked.key} onClose={() => setAsked(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {confirmDelete && (
        <Dialog
          title={t('data.deleteTitle')}
          onClose={() => setConfirmDelete(null)}
          onSubmit={() => remove(confirmDelete)}
          submitLabel={t('common.delete')}
          submitTone="danger"
        >
          <p data-testid="delete-warn">{deleteWarnText(confirmDelete.actual, seriesById.get(confirmDelete.actual.series), lang, t)}</p>
        </Dialog>
      )}
    </section>
  );
}

function ActualForm({
  initial,
  correcting,
  onClose,
  onConflict,
}: {
  initial: Partial<Actual>;
  correcting: boolean;
  onClose: () => void;
  /** the entry opened a conflict: the screen asks which record to keep in force. */
  onConflict: (conflict: ActualConflict, enteredKey: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  // a target's own figure can be entered as the bulletin prints it: a share, rate or intensity anchors its projection
  const enterable = enterableSeries(app.plan);
  const [series, setSeries] = useState(initial.series ?? '');
  const [period, setPeriod] = useState(initial.period ?? '');
  const [value, setValue] = useState(initial.value !== undefined ? String(initial.value) : '');
  const [kind, setKind] = useState<ValueKind>(initial.value_kind ?? 'actual');
  const [title, setTitle] = useState(initial.source?.title ?? '');
  const [url, setUrl] = useState(initial.source?.url ?? '');
  const [date, setDate] = useState(initial.source?.date ?? '');
  const [reliability, setReliability] = useState<Reliability>(initial.source?.reliability ?? 'internal');
  const [note, setNote] = useState(correcting ? '' : (initial.note ?? ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [toConfirm, setToConfirm] = useState<{ actual: Actual; warnings: ValueWarning[] } | null>(null);
  const unit = enterable.find((s) => s.id === series)?.unit;

  const save = async (actual: Actual, confirm: boolean) => {
    setBusy(true);
    setServerError(null);
    try {
      // one record through actuals:enter: it answers with a conflict the entry opened, if any
      const reply = await client.call('actuals:enter', confirm ? { actual, confirm: true } : { actual });
      app.version.bump();
      toast.push(t(correcting ? 'data.corrected' : 'data.added'), 'success');
      setToConfirm(null);
      onClose();
      if (reply.conflict) onConflict(reply.conflict, `entered:${reply.stored.id}`);
    } catch (err) {
      const warnings = warningsToConfirm(err);
      if (warnings) {
        setToConfirm({ actual, warnings });
        return;
      }
      setToConfirm(null);
      // a refused value (implausible, naming the indicator, field and range) shows next to the value field
      const refused = implausibleByField(err, i18n.language);
      if (refused?.value) {
        setErrors((prev) => ({ ...prev, value: refused.value }));
        return;
      }
      const le = localizeError(err, i18n.language);
      const label = le.field ? t(`fields.${le.field}`, { defaultValue: '' }) : '';
      setServerError(label ? `${le.message}（${t('common.field')}：${label}）` : le.message);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const e: Record<string, string> = {};
    const field = (k: string) => t(`import.field.${k}`);
    if (!series) e.series = t('validation.choose', { field: field('series') });
    const p = normalizePeriod(period);
    if (!period.trim()) e.period = t('validation.empty', { field: field('period') });
    else if (!p) e.period = t('validation.period', { field: field('period') });
    // a year-on-year growth is in percent whatever the series' unit (models/published.ts)
    const read = readValue(value, kind === 'yoy' ? '%' : unit);
    const n = read.ok ? read : null;
    if (!value.trim()) e.value = t('validation.empty', { field: field('value') });
    else if (!read.ok) e.value = `${field('value')}：${zh ? read.reason_zh : read.reason_en}`;
    if (!title.trim()) e.title = t('validation.empty', { field: field('source_title') });
    let d: string | null = null;
    if (date.trim()) {
      d = normalizeDate(date);
      if (!d) e.date = t('validation.date', { field: field('source_date') });
    }
    setErrors(e);
    if (Object.keys(e).length > 0 || !p || !n) return;
    const today = new Date().toISOString().slice(0, 10);
    const actual: Actual = {
      series,
      period: p,
      value: n.value,
      value_kind: kind,
      source: { title: title.trim(), url: url.trim() || null, date: d, reliability },
      vintage: today,
      note: note.trim(),
      entered_by: app.settings.user_name || '',
    };
    await save(actual, false);
  };

  return (
    <>
      <Dialog
        title={correcting ? t('data.correctTitle') : t('data.addTitle')}
        onClose={onClose}
        onSubmit={submit}
        submitLabel={t('common.save')}
        busy={busy}
        wide
        testId="actual-form"
      >
        {correcting && <p className="notice">{t('data.correctHelp')}</p>}
        <div className="form-grid">
          <div className="field span-2">
            <label className="field-label" htmlFor="af-series">
              {t('import.field.series')}
            </label>
            <SearchSelect
              id="af-series"
              options={seriesOptions(enterable, zh, true)}
              value={series}
              onChange={setSeries}
              placeholder={`${t('data.chooseSeries')} · ${t('picker.seriesPlaceholder')}`}
              testId="af-series"
              invalid={!!errors.series}
              disabled={correcting}
            />
            <InlineError>{errors.series}</InlineError>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-period">
              {t('import.field.period')}
            </label>
            <input
              id="af-period"
              type="text"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              placeholder={t('data.periodPlaceholder')}
              data-testid="af-period"
              aria-invalid={!!errors.period}
              disabled={correcting}
            />
            <InlineError>{errors.period}</InlineError>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-value">
              {t('import.field.value')}
            </label>
            <input
              id="af-value"
              type="text"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              data-testid="af-value"
              aria-invalid={!!errors.value}
            />
            <InlineError>{errors.value}</InlineError>
            {kind === 'yoy' && (
              <p className="field-help" data-testid="af-yoy-help">
                {t('data.yoyHelp')}
              </p>
            )}
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-kind">
              {t('import.field.value_kind')}
            </label>
            <select id="af-kind" value={kind} onChange={(e) => setKind(e.target.value as ValueKind)} data-testid="af-kind">
              {VALUE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`valueKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-rel">
              {t('import.field.reliability')}
            </label>
            <select
              id="af-rel"
              value={reliability}
              onChange={(e) => setReliability(e.target.value as Reliability)}
              data-testid="af-reliability"
            >
              {RELIABILITIES.map((k) => (
                <option key={k} value={k}>
                  {reliabilityWord(k, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field span-2">
            <label className="field-label" htmlFor="af-title">
              {t('import.field.source_title')}
            </label>
            <input
              id="af-title"
              type="text"
              value={title}
              maxLength={300}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('data.sourcePlaceholder')}
              data-testid="af-title"
              aria-invalid={!!errors.title}
            />
            <InlineError>{errors.title}</InlineError>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-url">
              {t('import.field.source_url')}
            </label>
            <input id="af-url" type="text" value={url} maxLength={1000} onChange={(e) => setUrl(e.target.value)} data-testid="af-url" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="af-date">
              {t('import.field.source_date')}
            </label>
            <input
              id="af-date"
              type="text"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              placeholder="2026-01-19"
              data-testid="af-date"
              aria-invalid={!!errors.date}
            />
            <InlineError>{errors.date}</InlineError>
          </div>
          <div className="field span-2">
            <label className="field-label" htmlFor="af-note">
              {t('import.field.note')}
            </label>
            <textarea
              id="af-note"
              rows={2}
              value={note}
              maxLength={2000}
              onChange={(e) => setNote(e.target.value)}
              placeholder={correcting ? t('data.correctNotePlaceholder') : ''}
              data-testid="af-note"
            />
          </div>
        </div>
        <InlineError>{serverError}</InlineError>
      </Dialog>
      {toConfirm && (
        <ConfirmValues
          warnings={toConfirm.warnings}
          busy={busy}
          onCancel={() => setToConfirm(null)}
          onConfirm={() => save(toConfirm.actual, true)}
        />
      )}
    </>
  );
}

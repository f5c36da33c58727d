/**
 * Importing year-to-date figures (1-N月累计) from a statistics bulletin table (.xlsx or .csv, as
 * the bureau prints it: the period in the title, 指标名称 | 计量单位 | 1-10月累计 | 同比增长(%)).
 *
 * Choosing a file runs a dry run ('nowcast:import' with dry_run: nothing is stored). The dialog
 * then shows the column mapping (the server's guess preselected, or the mapping remembered for the
 * same header row; the planner can change any field: the actuals import's MappingFields), the
 * period read from the title or header (editable), and either what will be stored (indicator by
 * its Chinese name, period, value, growth) or every refusal with its row and column. A changed
 * mapping or period is checked again before 导入, which stores all rows or none. 下载模板 saves
 * the bulletin-layout template ('nowcast:template').
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res, YtdColumnMapping, YtdSheetField } from '../../../../contract';
import { FileDrop } from '../../components/FileDrop';
import { Icon } from '../../components/Icon';
import { MappingFields } from '../../components/MappingFields';
import { Dialog, InlineError } from '../../components/ui';
import { base64ToBytes, bytesToBase64, MIME, saveBytes } from '../../lib/download';
import { localizeError, warningsToConfirm, type ValueWarning } from '../../lib/errors';
import { ConfirmValues } from '../../components/ConfirmValues';
import { extensionOf } from '../../lib/files';
import { formatPlain, formatRate, withUnit } from '../../lib/format';
import { rememberedMappingFor, rememberMapping, sameMapping, YTD_SHEET_FIELDS, type RememberedYtdMapping } from '../../lib/nowcast';
import { useApi } from '../../state/api-context';
import { useApp, useToast } from '../../state/app';
import './nowcast.css';

type ImportReply = Res<'nowcast:import'>;

interface Checked {
  name: string;
  kind: 'xlsx' | 'csv';
  content: string;
  reply: ImportReply;
  /** the planner's period text the reply was checked with ('' for the sheet's own). */
  period: string;
  /** the sheet's own period (title or header), as read without the planner's. */
  ownPeriod: string;
  /** the remembered mapping was applied. */
  remembered: boolean;
  /** the file as the server's sheet reader sees it, for the raw preview. */
  raw: Res<'sheets:preview'> | null;
}

const MAPPINGS_KEY = 'studio.ytd-mappings';
const RAW_ROWS = 5;

function loadMappings(): RememberedYtdMapping[] {
  try {
    const v = JSON.parse(window.localStorage.getItem(MAPPINGS_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as RememberedYtdMapping[]).filter((x) => Array.isArray(x?.headers) && typeof x?.mapping === 'object') : [];
  } catch {
    return [];
  }
}

function saveMapping(headers: string[], mapping: YtdColumnMapping): void {
  try {
    window.localStorage.setItem(MAPPINGS_KEY, JSON.stringify(rememberMapping(loadMappings(), { headers, mapping })));
  } catch {
    // storage full or disabled: the guess stands next time
  }
}

const REQUIRED: YtdSheetField[] = ['series'];

export function YtdImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [step, setStep] = useState<'file' | 'checking' | 'checked' | 'rechecking' | 'importing'>('file');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [mapping, setMapping] = useState<YtdColumnMapping | null>(null);
  const [period, setPeriod] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);

  const dryRun = (content: string, kind: 'xlsx' | 'csv', name: string, m: YtdColumnMapping | null, p: string) =>
    client.call('nowcast:import', {
      content_base64: content,
      kind,
      file_name: name,
      dry_run: true,
      ...(m ? { mapping: m } : {}),
      ...(p.trim() ? { period: p.trim() } : {}),
    });

  const show = (c: Checked) => {
    setChecked(c);
    setMapping(c.reply.mapping);
    // the period words stay in Chinese in either language: they are what the bulletin prints
    setPeriod(c.period || c.ownPeriod);
    setStep('checked');
  };
  /** far-off values (models/plausibility.ts) named for confirmation before anything is stored */
  const [toConfirm, setToConfirm] = useState<ValueWarning[] | null>(null);

  const onFile = async (file: File) => {
    setError(null);
    const ext = extensionOf(file.name);
    if (ext !== 'xlsx' && ext !== 'csv') {
      setError(t('nowcast.import.badType', { name: file.name }));
      return;
    }
    setStep('checking');
    try {
      const content = bytesToBase64(await file.arrayBuffer());
      let reply = await dryRun(content, ext, file.name, null, '');
      // the mapping the planner made for the same header row last time, over the guess
      const remembered = rememberedMappingFor(loadMappings(), reply.headers);
      const use = remembered && !sameMapping(remembered, reply.mapping);
      if (use) reply = await dryRun(content, ext, file.name, remembered, '');
      let raw: Res<'sheets:preview'> | null = null;
      try {
        raw = await client.call('sheets:preview', { content_base64: content, file_name: file.name });
      } catch {
        raw = null; // the raw rows are a courtesy: the dry run above read the file
      }
      show({ name: file.name, kind: ext, content, reply, period: '', ownPeriod: reply.sheet_period?.zh ?? '', remembered: !!use, raw });
    } catch (err) {
      setStep('file');
      setError(localizeError(err, lang).message);
    }
  };

  const recheck = async (m: YtdColumnMapping | null, p: string) => {
    if (!checked) return;
    setStep('rechecking');
    setError(null);
    try {
      // the planner's period only when it is not the sheet's own
      const mine = p.trim() !== '' && p.trim() !== checked.ownPeriod ? p.trim() : '';
      const reply = await dryRun(checked.content, checked.kind, checked.name, m, mine);
      const ownPeriod = mine ? checked.ownPeriod : (reply.sheet_period?.zh ?? '');
      show({ ...checked, reply, period: mine, ownPeriod, remembered: false });
    } catch (err) {
      setStep('checked');
      setError(localizeError(err, lang).message);
    }
  };

  const reply = checked?.reply ?? null;
  const periodDirty = !!checked && period.trim() !== (checked.period || checked.ownPeriod);
  const ok = !!reply && reply.errors.length === 0 && reply.will_store > 0 && step === 'checked' && !periodDirty;

  const confirm = async (valuesConfirmed = false) => {
    if (!checked || !ok || !mapping) return;
    // far-off values are named and confirmed before anything is stored
    if (!valuesConfirmed && checked.reply.warnings && checked.reply.warnings.length > 0) {
      setToConfirm(checked.reply.warnings);
      return;
    }
    setStep('importing');
    setError(null);
    try {
      const r = await client.call('nowcast:import', {
        content_base64: checked.content,
        kind: checked.kind,
        file_name: checked.name,
        mapping,
        ...(checked.period ? { period: checked.period } : {}),
        ...(valuesConfirmed ? { confirm: true } : {}),
      });
      setToConfirm(null);
      if (r.errors.length > 0) {
        // the data changed since the dry run: show the new verdict, nothing stored
        show({ ...checked, reply: r });
        return;
      }
      if (checked.reply.headers) saveMapping(checked.reply.headers, mapping);
      app.version.bump();
      toast.push(t('nowcast.import.done', { n: r.stored }), 'success');
      onClose();
    } catch (err) {
      setStep('checked');
      const warnings = warningsToConfirm(err);
      if (warnings) {
        // the stored figures changed since the dry run: ask about the new warnings
        setToConfirm(warnings);
        return;
      }
      setToConfirm(null);
      setError(localizeError(err, lang).message);
    }
  };

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    setError(null);
    try {
      // the month last completed (the bulletin out now), the plan's current year
      const month = new Date().getMonth();
      const file = await client.call('nowcast:template', month >= 1 ? { month } : {});
      await saveBytes(file.file_name, base64ToBytes(file.content_base64), MIME.xlsx);
    } catch (err) {
      setError(localizeError(err, lang).message);
    } finally {
      setTemplateBusy(false);
    }
  };

  const templateButton = (
    <button type="button" className="btn btn-small" onClick={downloadTemplate} disabled={templateBusy} data-testid="ytd-template">
      <Icon name="download" size={16} />
      {t('nowcast.import.template')}
    </button>
  );

  const fieldLabel = (f: string) => t(`nowcast.field.${f}`, { defaultValue: f });
  const headers = reply?.headers ?? [];
  const mappedCols = new Set(mapping ? Object.values(mapping).filter((i) => i >= 0) : []);
  const rawRows =
    checked?.raw && reply?.header_row ? checked.raw.rows.filter((r) => r.line >= (reply.header_row ?? 1)).slice(0, RAW_ROWS + 1) : [];
  const busy = step === 'rechecking' || step === 'importing';
  const fromLabel = reply?.sheet_period
    ? t(`nowcast.import.periodFrom.${reply.sheet_period.from}`, { period: zh ? reply.sheet_period.zh : reply.sheet_period.en })
    : checked?.period
      ? t('nowcast.import.periodRefused', { own: checked.ownPeriod || '—' })
      : t('nowcast.import.periodNone');

  return (
    <>
      <Dialog
        title={t('nowcast.import.title')}
        onClose={onClose}
        onSubmit={ok || step === 'importing' ? () => void confirm() : undefined}
        submitLabel={t('nowcast.import.confirmN', { n: reply?.will_store ?? 0 })}
        busy={step === 'importing'}
        wide
        testId="ytd-import"
        initialFocus={ok ? 'submit' : 'field'}
      >
        {step === 'file' || step === 'checking' ? (
          <>
            <p className="field-help">{t('nowcast.import.help')}</p>
            <FileDrop
              label={t('nowcast.import.choose')}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              busy={step === 'checking'}
              busyLabel={t('nowcast.import.checking')}
              onFile={onFile}
              testId="ytd-drop"
              inputTestId="ytd-file"
            />
            <p className="field-help">{t('nowcast.import.columnsHelp')}</p>
            <div className="form-actions ytd-template-row">
              {templateButton}
              <span className="field-help">{t('nowcast.import.templateHelp')}</span>
            </div>
          </>
        ) : (
          reply && (
            <div data-testid="ytd-check">
              <p className="muted">
                <Icon name="file" size={14} /> {checked?.name}
                {reply.header_row ? ` · ${t('nowcast.import.headerRow', { n: reply.header_row })}` : ''}
              </p>

              <div className="field ytd-period">
                <label className="field-label" htmlFor="ytd-period">
                  {t('nowcast.import.period')}
                </label>
                <div className="ytd-period-input">
                  <input
                    id="ytd-period"
                    type="text"
                    value={period}
                    maxLength={40}
                    placeholder={t('nowcast.import.periodPlaceholder')}
                    onChange={(e) => setPeriod(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        void recheck(mapping, period);
                      }
                    }}
                    disabled={busy}
                    data-testid="ytd-period"
                  />
                  {periodDirty && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void recheck(mapping, period)}
                      disabled={busy}
                      data-testid="ytd-recheck"
                    >
                      {t('nowcast.import.recheck')}
                    </button>
                  )}
                </div>
                <p
                  className="field-help"
                  data-testid="ytd-period-from"
                  data-from={reply.sheet_period?.from ?? (checked?.period ? 'refused' : 'none')}
                >
                  {fromLabel}
                </p>
              </div>

              {mapping && headers.length > 0 && (
                <>
                  <h3 className="sub-title">{t('nowcast.import.mapping')}</h3>
                  {checked?.remembered && (
                    <p className="field-help" data-testid="ytd-remembered">
                      {t('nowcast.import.remembered')}
                    </p>
                  )}
                  <MappingFields
                    fields={YTD_SHEET_FIELDS}
                    mapping={mapping}
                    headers={headers}
                    fieldLabel={fieldLabel}
                    required={REQUIRED}
                    onChange={(m) => {
                      setMapping(m);
                      void recheck(m, period);
                    }}
                    disabled={busy}
                    testId="ytd-mapping"
                    selectTestId={(f) => `ytd-map-${f}`}
                  />
                </>
              )}

              {step === 'rechecking' ? (
                <p className="muted" role="status" data-testid="ytd-rechecking">
                  {t('nowcast.import.checking')}
                </p>
              ) : reply.errors.length === 0 ? (
                <>
                  <p className="ytd-verdict ok" data-testid="ytd-verdict" data-ok={periodDirty ? 'stale' : 'true'}>
                    <Icon name="check" size={18} />
                    {t('nowcast.import.canImport', { n: reply.will_store })}
                    {reply.skipped_rows.length > 0 && (
                      <span className="muted">
                        {' '}
                        {t('nowcast.import.skipped', { n: reply.skipped_rows.length, rows: reply.skipped_rows.join('、') })}
                      </span>
                    )}
                  </p>
                  {reply.warnings && reply.warnings.length > 0 && (
                    <p className="notice" data-testid="ytd-warnings">
                      {t('plausibility.importWarnings', { n: reply.warnings.length })}
                    </p>
                  )}
                  <h3 className="sub-title">{t('nowcast.import.willStore')}</h3>
                  <div className="table-wrap preview">
                    <table className="table ytd-store" data-testid="ytd-store">
                      <thead>
                        <tr>
                          <th scope="col">{t('nowcast.import.row')}</th>
                          <th scope="col">{t('nowcast.field.series')}</th>
                          <th scope="col">{t('nowcast.field.period')}</th>
                          <th scope="col" className="num">
                            {t('nowcast.field.cumulative')}
                          </th>
                          <th scope="col" className="num">
                            {t('nowcast.field.growth')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {reply.preview.map((p) => (
                          <tr
                            key={`${p.row}-${p.series}`}
                            data-testid="ytd-store-row"
                            data-series={p.series}
                            data-period={p.period}
                            data-value={p.value}
                          >
                            <td className="nowrap muted">{p.row}</td>
                            <td>{zh ? p.name_zh : p.name_en}</td>
                            <td className="nowrap">{zh ? p.period_zh : p.period_en}</td>
                            <td className="num nowrap">
                              {withUnit(formatPlain(p.value, lang, 4), p.unit, lang)}
                              {p.implied && <span className="muted"> {t('nowcast.import.implied')}</span>}
                            </td>
                            <td className="num nowrap">{formatRate(p.growth, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  {reply.will_store > reply.preview.length && (
                    <p className="muted">{t('nowcast.import.moreRows', { n: reply.will_store - reply.preview.length })}</p>
                  )}
                </>
              ) : (
                <>
                  <p className="ytd-verdict bad" data-testid="ytd-verdict" data-ok="false">
                    <Icon name="warning" size={18} />
                    {t('nowcast.import.rejected', { n: reply.errors.length })}
                  </p>
                  <p className="field-help">{t('nowcast.import.nothingStored')}</p>
                  <div className="table-wrap rejected-table">
                    <table className="table" data-testid="ytd-rejected">
                      <thead>
                        <tr>
                          <th scope="col">{t('nowcast.import.row')}</th>
                          <th scope="col">{t('nowcast.import.column')}</th>
                          <th scope="col">{t('nowcast.import.field')}</th>
                          <th scope="col">{t('nowcast.import.reason')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {reply.errors.map((e, i) => (
                          <tr key={i} data-testid="ytd-rejected-row" data-row={e.row} data-field={e.field} data-column={e.column ?? ''}>
                            <td className="nowrap">{e.row > 0 ? t('nowcast.import.rowN', { n: e.row }) : t('nowcast.import.wholeFile')}</td>
                            <td className="nowrap">{e.column ?? '—'}</td>
                            <td className="nowrap">{fieldLabel(e.field)}</td>
                            <td>{zh ? e.message_zh : e.message_en}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}

              {rawRows.length > 1 && (
                <>
                  <h3 className="sub-title">{t('nowcast.import.preview')}</h3>
                  <div className="table-wrap preview">
                    <table className="table ytd-preview" data-testid="ytd-raw">
                      <thead>
                        <tr>
                          <th scope="col">#</th>
                          {headers.map((h, i) => (
                            <th key={i} scope="col" className={mappedCols.has(i) ? 'mapped' : ''}>
                              {h}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {rawRows.slice(1).map((r) => (
                          <tr key={r.line}>
                            <td className="muted">{r.line}</td>
                            {headers.map((_, i) => (
                              <td key={i} className={mappedCols.has(i) ? 'mapped' : ''}>
                                {r.fields[i] ?? ''}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => setStep('file')} disabled={busy} data-testid="ytd-again">
                  <Icon name="upload" size={16} />
                  {t('nowcast.import.another')}
                </button>
                {templateButton}
              </div>
            </div>
          )
        )}
        <InlineError>{error}</InlineError>
      </Dialog>
      {toConfirm && (
        <ConfirmValues
          warnings={toConfirm}
          busy={step === 'importing'}
          onCancel={() => setToConfirm(null)}
          onConfirm={() => confirm(true)}
        />
      )}
    </>
  );
}

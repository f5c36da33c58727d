/**
 * Importing actuals from a file (CSV in UTF-8, GBK/GB18030 or UTF-16, or .xlsx): the file's bytes
 * go to the API, which reads them with the server's one sheet reader and its limits
 * ('sheets:preview'); the planner maps the columns; a dry run ('actuals:import' with dry_run)
 * checks every row and lists the rejected ones with their reasons; the import then stores the whole
 * file in one transaction, or nothing when any row is rejected (all or nothing).
 */
import { useMemo, useState } from 'react';
import { FileDrop } from '../../components/FileDrop';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../contract';
import type { Reliability } from '../../../../models/schema';
import { useApi } from '../../state/api-context';
import { MappingFields } from '../../components/MappingFields';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError } from '../../components/ui';
import {
  guessMapping,
  IMPORT_FIELDS,
  missingRequired,
  type ColumnMapping,
  type ImportField,
  type RejectReason,
} from '../../lib/actualsImport';
import { bytesToBase64 } from '../../lib/download';
import { localizeError, warningsToConfirm, type ValueWarning } from '../../lib/errors';
import { ConfirmValues } from '../../components/ConfirmValues';
import { useApp, useToast } from '../../state/app';
import { RELIABILITIES, reliabilityWord } from '../../../../models/reliability';

type Preview = Res<'sheets:preview'>;
type Checked = Res<'actuals:import'>;

interface Loaded {
  name: string;
  content: string;
  preview: Preview;
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [step, setStep] = useState<'file' | 'reading' | 'map' | 'checking' | 'check' | 'importing'>('file');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [header, setHeader] = useState(true);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [sourceTitle, setSourceTitle] = useState('');
  const [reliability, setReliability] = useState<Reliability>('internal');
  const [result, setResult] = useState<Checked | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  /** far-off values (models/plausibility.ts) shown for confirmation before anything is stored */
  const [toConfirm, setToConfirm] = useState<ValueWarning[] | null>(null);

  const rows = useMemo(() => loaded?.preview.rows ?? [], [loaded]);
  const headers = useMemo(() => {
    if (rows.length === 0) return [];
    const width = Math.max(...rows.map((r) => r.fields.length));
    const first = rows[0].fields;
    return Array.from({ length: width }, (_, i) =>
      header ? (first[i] ?? '').trim() || t('import.column', { n: i + 1 }) : t('import.column', { n: i + 1 }),
    );
  }, [rows, header, t]);
  const dataRows = header ? rows.slice(1) : rows;
  const dataCount = loaded ? loaded.preview.data_rows + (header ? 0 : 1) : 0;

  const onFile = async (file: File) => {
    setFileError(null);
    setStep('reading');
    try {
      const content = bytesToBase64(await file.arrayBuffer());
      const preview = await client.call('sheets:preview', { content_base64: content, file_name: file.name });
      if (preview.rows.length === 0) {
        setFileError(t('import.emptyFile'));
        setStep('file');
        return;
      }
      setLoaded({ name: file.name, content, preview });
      setSourceTitle(file.name);
      setMapping(guessMapping(header ? preview.rows[0].fields : []));
      setResult(null);
      setStep('map');
    } catch (err) {
      setFileError(localizeError(err, i18n.language).message);
      setStep('file');
    }
  };

  const request = (dryRun: boolean, confirm = false) => {
    if (!loaded || !mapping) throw new Error('nothing to import');
    return client.call('actuals:import', {
      content_base64: loaded.content,
      file_name: loaded.name,
      sheet: loaded.preview.sheet,
      data_from_line: header ? loaded.preview.header_line + 1 : loaded.preview.header_line,
      mapping,
      source_title: sourceTitle,
      reliability,
      dry_run: dryRun,
      ...(confirm ? { confirm: true } : {}),
    });
  };

  const check = async () => {
    setStep('checking');
    setImportError(null);
    try {
      setResult(await request(true));
      setStep('check');
    } catch (err) {
      setImportError(localizeError(err, i18n.language).message);
      setStep('map');
    }
  };

  const doImport = async (confirm = false) => {
    if (!result || result.valid === 0 || result.rejected_count > 0) return;
    // values far from what is known are named and confirmed before the file is stored
    if (!confirm && result.warnings && result.warnings.length > 0) {
      setToConfirm(result.warnings);
      return;
    }
    setStep('importing');
    setImportError(null);
    try {
      const r = await request(false, confirm);
      setToConfirm(null);
      if (r.stored === 0) {
        // the plan or the stored figures changed since the dry run: show the new verdict, nothing stored
        setResult(r);
        setStep('check');
        return;
      }
      app.version.bump();
      toast.push(t('import.done', { n: r.stored }), 'success');
      // figures that contradict stored ones are listed on the Data screen, where the planner chooses
      if (r.conflicts) toast.push(t('conflicts.afterImport', { n: r.conflicts }), 'info');
      onClose();
    } catch (err) {
      const warnings = warningsToConfirm(err);
      setStep('check');
      if (warnings) {
        // the stored figures changed since the dry run: ask about the new warnings
        setToConfirm(warnings);
        return;
      }
      setToConfirm(null);
      setImportError(localizeError(err, i18n.language).message);
    }
  };

  /** A rejected row's reason in the planner's words, naming the column to fix (models/actuals-import.ts gives its letter). */
  const reasonText = (r: RejectReason): string => {
    const zh = i18n.language.startsWith('zh');
    let field: ImportField;
    let text: string;
    switch (r.code) {
      case 'duplicate':
        return t('import.reason.duplicate', { line: r.other, column: r.column, period_column: r.period_column });
      case 'implausible':
        // the plausibility rule's words: the indicator's Chinese name, the line, the column and the allowed range
        return zh ? r.message_zh : r.message_en;
      case 'missing':
      case 'too_long':
        field = r.field;
        text = t(`import.reason.${r.code}`, { field: t(`import.field.${r.field}`) });
        break;
      case 'bad_date':
        field = r.field;
        text = t('import.reason.bad_date', { field: t(`import.field.${r.field}`), value: r.value });
        break;
      case 'bad_number':
        field = 'value';
        // the number reader's own words (a unit that does not convert, a percentage under 亿元 ...)
        text = r.reason_zh && r.reason_en ? (zh ? r.reason_zh : r.reason_en) : t('import.reason.bad_number', { value: r.value });
        break;
      default:
        field =
          r.code === 'bad_period'
            ? 'period'
            : r.code === 'bad_value_kind'
              ? 'value_kind'
              : r.code === 'bad_reliability'
                ? 'reliability'
                : 'series';
        text = t(`import.reason.${r.code}`, { value: r.value });
    }
    return r.column ? t('import.reason.inColumn', { field: t(`import.field.${field}`), column: r.column, reason: text }) : text;
  };

  const missing = mapping ? missingRequired(mapping) : [];
  const title = t('import.title');

  if (step === 'file' || step === 'reading') {
    return (
      <Dialog key="file" title={title} onClose={onClose} wide testId="import-dialog">
        <p>{t('import.intro')}</p>
        <FileDrop
          label={t('import.chooseFileXlsx')}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          busy={step === 'reading'}
          busyLabel={t('import.reading')}
          onFile={onFile}
          inputTestId="import-file"
        />
        <InlineError>{fileError}</InlineError>
        <p className="field-help">{t('import.formatHelp')}</p>
      </Dialog>
    );
  }

  if ((step === 'map' || step === 'checking') && loaded && mapping) {
    return (
      <Dialog
        key="map"
        title={title}
        onClose={onClose}
        wide
        onSubmit={check}
        submitLabel={t('import.checkRows')}
        submitDisabled={missing.length > 0}
        busy={step === 'checking'}
        testId="import-dialog"
        initialFocus="submit"
      >
        <p className="muted">
          {t('import.fileInfo', { name: loaded.name, n: dataCount })}
          {loaded.preview.encoding && loaded.preview.kind === 'csv' ? ` · ${loaded.preview.encoding}` : ''}
          {loaded.preview.kind === 'xlsx' ? ` · ${t('import.sheet', { name: loaded.preview.sheet })}` : ''}
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={header}
            onChange={(e) => {
              setHeader(e.target.checked);
              setMapping(guessMapping(e.target.checked ? rows[0].fields : []));
            }}
          />
          <span>{t('import.hasHeader')}</span>
        </label>
        <h3 className="sub-title">{t('import.mapping')}</h3>
        <MappingFields
          fields={IMPORT_FIELDS}
          mapping={mapping}
          headers={headers}
          fieldLabel={(f) => t(`import.field.${f}`)}
          required={['series', 'period', 'value']}
          onChange={(m) => setMapping(m as ColumnMapping)}
          testId="import-mapping"
        />
        {missing.length > 0 && (
          <InlineError>
            {t('import.missingRequired', { fields: missing.map((m: ImportField) => t(`import.field.${m}`)).join('、') })}
          </InlineError>
        )}
        <div className="form-grid">
          <div className="field">
            <label className="field-label" htmlFor="imp-source">
              {t('import.defaultSource')}
            </label>
            <input id="imp-source" type="text" value={sourceTitle} maxLength={300} onChange={(e) => setSourceTitle(e.target.value)} />
            <p className="field-help">{t('import.defaultSourceHelp')}</p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="imp-rel">
              {t('import.defaultReliability')}
            </label>
            <select id="imp-rel" value={reliability} onChange={(e) => setReliability(e.target.value as Reliability)}>
              {RELIABILITIES.map((r) => (
                <option key={r} value={r}>
                  {reliabilityWord(r, i18n.language)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <h3 className="sub-title">{t('import.preview')}</h3>
        <div className="table-wrap preview">
          <table className="table" data-testid="import-preview">
            <thead>
              <tr>
                <th scope="col">#</th>
                {headers.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dataRows.slice(0, 8).map((r) => (
                <tr key={r.line}>
                  <td className="muted">{r.line}</td>
                  {headers.map((_, i) => (
                    <td key={i}>{r.fields[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <InlineError>{importError}</InlineError>
      </Dialog>
    );
  }

  if ((step === 'check' || step === 'importing') && result) {
    const blocked = result.rejected_count > 0;
    return (
      <>
        <Dialog
          key="check"
          initialFocus="submit"
          title={title}
          onClose={onClose}
          wide
          onSubmit={step === 'check' ? () => doImport() : undefined}
          submitLabel={t('import.confirm', { n: result.valid })}
          submitDisabled={result.valid === 0 || blocked}
          busy={step === 'importing'}
          testId="import-dialog"
        >
          <div className="import-summary" data-testid="import-summary">
            <span className="ok-count">
              <Icon name="check" size={16} /> {t('import.validCount', { n: result.valid })}
            </span>
            <span className={blocked ? 'bad-count' : 'muted'}>
              <Icon name="warning" size={16} /> {t('import.rejectedCount', { n: result.rejected_count })}
            </span>
            <button type="button" className="btn btn-small btn-link" onClick={() => setStep('map')} disabled={step === 'importing'}>
              {t('import.backToMapping')}
            </button>
          </div>
          <p className={blocked ? 'notice bad' : 'notice'} data-testid="import-policy">
            {blocked ? t('import.blocked', { n: result.rejected_count }) : t('import.policy')}
          </p>
          {blocked && (
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setStep('file')} data-testid="import-again">
                <Icon name="upload" size={16} />
                {t('import.another')}
              </button>
            </div>
          )}
          {result.rejected.length > 0 && (
            <div className="table-wrap preview">
              <table className="table rejected" data-testid="import-rejected">
                <thead>
                  <tr>
                    <th scope="col">{t('import.line')}</th>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rejected.slice(0, 200).map((r) => (
                    <tr key={r.line} data-testid="rejected-row">
                      <td>{r.line}</td>
                      <td className="muted small">{r.fields.join(' | ')}</td>
                      <td>{r.reasons.map(reasonText).join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {result.rejected_count > result.rejected.length && (
                <p className="muted">{t('import.moreRejected', { n: result.rejected_count - result.rejected.length })}</p>
              )}
            </div>
          )}
          {step === 'importing' && (
            <p className="muted" role="status">
              {t('import.importing')}
            </p>
          )}
          {result.warnings && result.warnings.length > 0 && !blocked && (
            <p className="notice" data-testid="import-warnings">
              {t('plausibility.importWarnings', { n: result.warnings.length })}
            </p>
          )}
          <InlineError>{importError}</InlineError>
        </Dialog>
        {toConfirm && (
          <ConfirmValues
            warnings={toConfirm}
            busy={step === 'importing'}
            onCancel={() => setToConfirm(null)}
            onConfirm={() => doImport(true)}
          />
        )}
      </>
    );
  }
  return null;
}

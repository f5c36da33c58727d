/**
 * Importing actuals from a file: choose (CSV, UTF-8; Excel when available), preview and map the
 * columns, check every row (the rejected ones listed with their reasons), then import only the
 * valid rows after the planner confirms. Large imports go in batches with progress and can be
 * cancelled between batches.
 */
import { useMemo, useRef, useState } from 'react';
import { FileDrop } from '../../components/FileDrop';
import { useTranslation } from 'react-i18next';
import type { Reliability } from '../../../../models/schema';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError, ProgressBar } from '../../components/ui';
import {
  guessMapping,
  IMPORT_FIELDS,
  missingRequired,
  validateRows,
  type ColumnMapping,
  type ImportField,
  type RejectReason,
  type ValidationResult,
} from '../../lib/actualsImport';
import { parseCsv } from '../../lib/csv';
import { decodeUtf8, extensionOf } from '../../lib/files';
import { readSpreadsheet, spreadsheetSupported } from '../../lib/spreadsheet';
import { useApp, useToast } from '../../state/app';
import { RELIABILITIES } from '../Data';

interface Table {
  name: string;
  rows: { line: number; fields: string[] }[];
}

const BATCH = 2000;

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [step, setStep] = useState<'file' | 'map' | 'check' | 'importing'>('file');
  const [table, setTable] = useState<Table | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [header, setHeader] = useState(true);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [sourceTitle, setSourceTitle] = useState('');
  const [reliability, setReliability] = useState<Reliability>('internal');
  const [result, setResult] = useState<ValidationResult | null>(null);
  const [progress, setProgress] = useState(0);
  const cancelled = useRef(false);
  const [importError, setImportError] = useState<string | null>(null);

  const headers = useMemo(() => {
    if (!table || table.rows.length === 0) return [];
    const width = Math.max(...table.rows.slice(0, 50).map((r) => r.fields.length));
    const first = table.rows[0].fields;
    return Array.from({ length: width }, (_, i) => (header ? (first[i] ?? '').trim() || t('import.column', { n: i + 1 }) : t('import.column', { n: i + 1 })));
  }, [table, header, t]);
  const dataRows = useMemo(() => (table ? (header ? table.rows.slice(1) : table.rows) : []), [table, header]);

  const onFile = async (file: File) => {
    setFileError(null);
    const ext = extensionOf(file.name);
    try {
      let rows: Table['rows'];
      if (ext === 'xlsx') {
        if (!spreadsheetSupported) {
          setFileError(t('import.xlsxUnavailable'));
          return;
        }
        rows = await readSpreadsheet(await file.arrayBuffer());
      } else {
        const decoded = decodeUtf8(await file.arrayBuffer());
        if (!decoded.ok) {
          setFileError(t('import.notUtf8'));
          return;
        }
        const parsed = parseCsv(decoded.text);
        if (parsed.errors.some((e) => e.code === 'unterminated_quote')) {
          setFileError(t('import.unterminated', { line: parsed.errors[0].line }));
          return;
        }
        rows = parsed.records;
      }
      if (rows.length === 0) {
        setFileError(t('import.emptyFile'));
        return;
      }
      setTable({ name: file.name, rows });
      setSourceTitle(file.name);
      setMapping(guessMapping(header ? rows[0].fields : []));
      setStep('map');
    } catch (err) {
      setFileError(t('import.readFailed', { message: err instanceof Error ? err.message.split('\n')[0] : String(err) }));
    }
  };

  const check = () => {
    if (!mapping) return;
    const r = validateRows(dataRows, mapping, app.plan, {
      source_title: sourceTitle,
      reliability,
      entered_by: app.settings.user_name || '',
      vintage: new Date().toISOString().slice(0, 10),
    });
    setResult(r);
    setStep('check');
  };

  const doImport = async () => {
    if (!result || result.valid.length === 0) return;
    setStep('importing');
    setImportError(null);
    cancelled.current = false;
    const all = result.valid.map((v) => v.actual);
    let done = 0;
    try {
      for (let i = 0; i < all.length; i += BATCH) {
        if (cancelled.current) break;
        await client.call('actuals:add', { actuals: all.slice(i, i + BATCH) });
        done = Math.min(all.length, i + BATCH);
        setProgress(done / all.length);
      }
      app.version.bump();
      if (done < all.length) toast.push(t('import.cancelledAfter', { done, total: all.length }), 'info');
      else toast.push(t('import.done', { n: done, rejected: result.rejected.length }), 'success');
      onClose();
    } catch (err) {
      app.version.bump();
      const msg = err && typeof err === 'object' && 'localized' in err ? (err as { localized: (l: string) => string }).localized(i18n.language) : String(err);
      setImportError(done > 0 ? t('import.partialFailure', { done, message: msg }) : msg);
      setStep('check');
    }
  };

  const reasonText = (r: RejectReason): string => {
    switch (r.code) {
      case 'missing':
        return t('import.reason.missing', { field: t(`import.field.${r.field}`) });
      case 'too_long':
        return t('import.reason.too_long', { field: t(`import.field.${r.field}`) });
      case 'bad_date':
        return t('import.reason.bad_date', { field: t(`import.field.${r.field}`), value: r.value });
      case 'duplicate':
        return t('import.reason.duplicate', { line: r.other });
      default:
        return t(`import.reason.${r.code}`, { value: r.value });
    }
  };

  const missing = mapping ? missingRequired(mapping) : [];
  const title = t('import.title');
  const accept = spreadsheetSupported ? '.csv,.txt,.xlsx,text/csv' : '.csv,.txt,text/csv';

  if (step === 'file') {
    return (
      <Dialog key="file" title={title} onClose={onClose} wide testId="import-dialog">
        <p>{t('import.intro')}</p>
        <FileDrop
          label={t(spreadsheetSupported ? 'import.chooseFileXlsx' : 'import.chooseFile')}
          accept={accept}
          onFile={onFile}
          inputTestId="import-file"
        />
        <InlineError>{fileError}</InlineError>
        <p className="field-help">{t('import.formatHelp')}</p>
        {!spreadsheetSupported && <p className="field-help">{t('import.xlsxNote')}</p>}
      </Dialog>
    );
  }

  if (step === 'map' && table && mapping) {
    return (
      <Dialog key="map" title={title} onClose={onClose} wide onSubmit={check} submitLabel={t('import.checkRows')} submitDisabled={missing.length > 0} testId="import-dialog" initialFocus="submit">
        <p className="muted">{t('import.fileInfo', { name: table.name, n: dataRows.length })}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={header}
            onChange={(e) => {
              setHeader(e.target.checked);
              setMapping(guessMapping(e.target.checked ? table.rows[0].fields : []));
            }}
          />
          <span>{t('import.hasHeader')}</span>
        </label>
        <h3 className="sub-title">{t('import.mapping')}</h3>
        <div className="mapping" data-testid="import-mapping">
          {IMPORT_FIELDS.map((f) => (
            <label key={f} className="map-row">
              <span className="map-field">
                {t(`import.field.${f}`)}
                {['series', 'period', 'value'].includes(f) && <span className="req" aria-label={t('import.required')}>*</span>}
              </span>
              <select value={mapping[f]} onChange={(e) => setMapping({ ...mapping, [f]: Number(e.target.value) } as ColumnMapping)} data-testid={`map-${f}`}>
                <option value={-1}>{t('import.notMapped')}</option>
                {headers.map((h, i) => (
                  <option key={i} value={i}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {missing.length > 0 && <InlineError>{t('import.missingRequired', { fields: missing.map((m: ImportField) => t(`import.field.${m}`)).join('、') })}</InlineError>}
        <div className="form-grid">
          <div className="field">
            <label className="field-label" htmlFor="imp-source">{t('import.defaultSource')}</label>
            <input id="imp-source" type="text" value={sourceTitle} maxLength={300} onChange={(e) => setSourceTitle(e.target.value)} />
            <p className="field-help">{t('import.defaultSourceHelp')}</p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="imp-rel">{t('import.defaultReliability')}</label>
            <select id="imp-rel" value={reliability} onChange={(e) => setReliability(e.target.value as Reliability)}>
              {RELIABILITIES.map((r) => (
                <option key={r} value={r}>{t(`reliability.${r}`)}</option>
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
                  <th key={i} scope="col">{h}</th>
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
      </Dialog>
    );
  }

  if ((step === 'check' || step === 'importing') && result) {
    return (
      <Dialog
        key="check"
        initialFocus="submit"
        title={title}
        onClose={step === 'importing' ? () => (cancelled.current = true) : onClose}
        wide
        onSubmit={step === 'check' ? doImport : undefined}
        submitLabel={t('import.confirm', { n: result.valid.length })}
        submitDisabled={result.valid.length === 0 || step === 'importing'}
        testId="import-dialog"
      >
        <div className="import-summary" data-testid="import-summary">
          <span className="ok-count">
            <Icon name="check" size={16} /> {t('import.validCount', { n: result.valid.length })}
          </span>
          <span className={result.rejected.length ? 'bad-count' : 'muted'}>
            <Icon name="warning" size={16} /> {t('import.rejectedCount', { n: result.rejected.length })}
          </span>
          <button type="button" className="btn btn-small btn-link" onClick={() => setStep('map')} disabled={step === 'importing'}>
            {t('import.backToMapping')}
          </button>
        </div>
        <p className="notice">{t('import.policy')}</p>
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
            {result.rejected.length > 200 && <p className="muted">{t('import.moreRejected', { n: result.rejected.length - 200 })}</p>}
          </div>
        )}
        {step === 'importing' && <ProgressBar value={progress} label={t('import.importing')} onCancel={() => (cancelled.current = true)} />}
        <InlineError>{importError}</InlineError>
      </Dialog>
    );
  }
  return null;
}

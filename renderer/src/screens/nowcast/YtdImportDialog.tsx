/**
 * Importing year-to-date figures (1-N月累计) from a statistics bulletin table (.xlsx or .csv):
 * first a dry run ('nowcast:import' with dry_run) that shows the columns it found and either
 * "可导入 N 条" or every rejected row with its row, field and reason — nothing is stored — then
 * 确认导入 stores all rows (all or nothing).
 */
import { FileDrop } from '../../components/FileDrop';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../contract';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError } from '../../components/ui';
import { bytesToBase64 } from '../../lib/download';
import { localizeError, warningsToConfirm, type ValueWarning } from '../../lib/errors';
import { ConfirmValues } from '../../components/ConfirmValues';
import { extensionOf } from '../../lib/files';
import { detectedColumnIndexes, YTD_SHEET_FIELDS } from '../../lib/nowcast';
import { useApp, useToast } from '../../state/app';
import './nowcast.css';

type ImportReply = Res<'nowcast:import'>;

interface Checked {
  name: string;
  kind: 'xlsx' | 'csv';
  content: string;
  reply: ImportReply;
  /** the file as the server's sheet reader sees it (header row first), for the preview and the row count. */
  preview: Res<'sheets:preview'> | null;
}

const PREVIEW_ROWS = 6;

export function YtdImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [step, setStep] = useState<'file' | 'checking' | 'checked' | 'importing'>('file');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      const bytes = await file.arrayBuffer();
      const content = bytesToBase64(bytes);
      const reply = await client.call('nowcast:import', { content_base64: content, kind: ext, dry_run: true });
      let preview: Res<'sheets:preview'> | null = null;
      try {
        preview = await client.call('sheets:preview', { content_base64: content, file_name: file.name });
      } catch {
        preview = null; // the preview is a courtesy: the dry run above read the file
      }
      setChecked({ name: file.name, kind: ext, content, reply, preview });
      setStep('checked');
    } catch (err) {
      setStep('file');
      setError(localizeError(err, lang).message);
    }
  };

  const confirm = async (valuesConfirmed = false) => {
    if (!checked || checked.reply.errors.length > 0) return;
    if (!valuesConfirmed && checked.reply.warnings && checked.reply.warnings.length > 0) {
      setToConfirm(checked.reply.warnings);
      return;
    }
    setStep('importing');
    setError(null);
    try {
      const r = await client.call('nowcast:import', { content_base64: checked.content, kind: checked.kind, ...(valuesConfirmed ? { confirm: true } : {}) });
      setToConfirm(null);
      if (r.errors.length > 0) {
        // the data changed since the dry run: show the new verdict, nothing stored
        setChecked({ ...checked, reply: r });
        setStep('checked');
        return;
      }
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

  const reply = checked?.reply ?? null;
  const ok = !!reply && reply.errors.length === 0;
  const count = checked?.preview && checked.preview.rows.length > 0 ? { rows: checked.preview.data_rows } : null;
  const header = checked?.preview?.rows[0]?.fields ?? null;
  const mapped = header && reply ? detectedColumnIndexes(header, reply.columns) : new Map<number, string>();

  return (
    <>
    <Dialog
      title={t('nowcast.import.title')}
      onClose={onClose}
      onSubmit={ok ? () => confirm() : undefined}
      submitLabel={t('nowcast.import.confirm')}
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
        </>
      ) : (
        reply && (
          <div data-testid="ytd-check">
            <p className="muted">
              <Icon name="file" size={14} /> {checked?.name}
            </p>
            {reply.columns && (
              <>
                <h3 className="sub-title">{t('nowcast.import.detected')}</h3>
                <ul className="ytd-columns" data-testid="ytd-columns">
                  {YTD_SHEET_FIELDS.map((f) => {
                    const name = reply.columns?.[f] ?? null;
                    return (
                      <li key={f} className={name ? '' : 'missing'} data-field={f}>
                        {t('nowcast.import.fieldFound', { field: t(`nowcast.field.${f}`), name: name ? `“${name}”` : t('nowcast.import.notFound') })}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
            {ok ? (
              <p className="ytd-verdict ok" data-testid="ytd-verdict" data-ok="true">
                <Icon name="check" size={18} />
                {count ? t('nowcast.import.canImport', { n: count.rows }) : t('nowcast.import.canImportAll')}
              </p>
            ) : null}
            {ok && reply.warnings && reply.warnings.length > 0 ? (
              <p className="notice" data-testid="ytd-warnings">
                {t('plausibility.importWarnings', { n: reply.warnings.length })}
              </p>
            ) : null}
            {ok ? null : (
              <>
                <p className="ytd-verdict bad" data-testid="ytd-verdict" data-ok="false">
                  <Icon name="warning" size={18} />
                  {t('nowcast.import.rejected', { n: reply.errors.filter((e) => e.row > 0).length || reply.errors.length })}
                </p>
                <p className="field-help">{t('nowcast.import.nothingStored')}</p>
                <div className="table-wrap rejected-table">
                  <table className="table" data-testid="ytd-rejected">
                    <thead>
                      <tr>
                        <th scope="col">{t('nowcast.import.row')}</th>
                        <th scope="col">{t('nowcast.import.field')}</th>
                        <th scope="col">{t('nowcast.import.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {reply.errors.map((e, i) => (
                        <tr key={i} data-testid="ytd-rejected-row" data-row={e.row} data-field={e.field}>
                          <td className="nowrap">{e.row > 0 ? t('nowcast.import.rowN', { n: e.row }) : t('nowcast.import.wholeFile')}</td>
                          <td className="nowrap">{t(`nowcast.field.${e.field}`, { defaultValue: e.field })}</td>
                          <td>{zh ? e.message_zh : e.message_en}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {checked?.preview && header && (
              <>
                <h3 className="sub-title">{t('nowcast.import.preview')}</h3>
                <div className="table-wrap preview">
                  <table className="table ytd-preview">
                    <thead>
                      <tr>
                        {header.map((h, i) => (
                          <th key={i} scope="col" className={mapped.has(i) ? 'mapped' : ''}>
                            {h}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {checked.preview.rows.slice(1, 1 + PREVIEW_ROWS).map((r) => (
                        <tr key={r.line}>
                          {header.map((_, i) => (
                            <td key={i} className={mapped.has(i) ? 'mapped' : ''}>
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
            {!ok && (
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => setStep('file')} data-testid="ytd-again">
                  <Icon name="upload" size={16} />
                  {t('nowcast.import.another')}
                </button>
              </div>
            )}
          </div>
        )
      )}
      <InlineError>{error}</InlineError>
    </Dialog>
    {toConfirm && <ConfirmValues warnings={toConfirm} busy={step === 'importing'} onCancel={() => setToConfirm(null)} onConfirm={() => confirm(true)} />}
    </>
  );
}

/**
 * 设置 › 规划文件 / Plan: the active plan (title, id, its database); importing another plan from an
 * Excel indicator table (upload → map the columns with a preview → plan id, title, years → 生成:
 * the targets recognised → download the plan file, or 启用 it; a table with any bad row builds no
 * plan (all or nothing) and lists every bad row with its indicator and reasons, to fix the file
 * and choose it again);
 * restoring the bundled plan. Activating or restoring switches the database: the app reloads.
 */
import { FileDrop } from '../../components/FileDrop';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../contract';
import type { Plan } from '../../../../models/schema';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError, Tag } from '../../components/ui';
import { bytesToBase64, saveBytes } from '../../lib/download';
import { localizeError } from '../../lib/errors';
import { extensionOf } from '../../lib/files';
import { formatTarget, showUnit } from '../../lib/format';
import {
  cellText,
  columnLetter,
  commonYear,
  fieldsByColumn,
  isBundledPlan,
  mappingProblems,
  normalizeMapping,
  parseYear,
  PLAN_FIELDS,
  planFileName,
  planIdProblem,
  REQUIRED_FIELDS,
  suggestPlanId,
  yearInText,
  type PlanField,
  type PlanMapping,
} from '../../lib/planImport';
import { useApp, useToast } from '../../state/app';
import './plan.css';

type Reply = Res<'plan:importTable'>;

/** Reloads the window after the plan (and with it the database) changed. */
function reloadApp() {
  window.location.reload();
}

export function PlanSection() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [importing, setImporting] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [busy, setBusy] = useState(false);
  const bundled = isBundledPlan(app.info);

  const restore = async () => {
    setBusy(true);
    try {
      await app.flushPending();
      await client.call('plan:activate', { default: true });
      reloadApp();
    } catch (err) {
      setBusy(false);
      toast.error(err);
    }
  };

  const download = async () => {
    try {
      await saveBytes(planFileName(app.plan), new TextEncoder().encode(JSON.stringify(app.plan, null, 2)), 'application/json');
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <div className="card plan-card" data-testid="plan-section">
      <div className="card-head">
        <h2>{t('planImport.title')}</h2>
        {bundled ? <Tag tone="info">{t('planImport.bundled')}</Tag> : <Tag tone="override">{t('planImport.imported')}</Tag>}
      </div>
      <p className="plan-title" data-testid="plan-title">
        {zh ? app.plan.title_zh : app.plan.title_en}
      </p>
      <dl className="meta plan-meta">
        <dt>{t('planImport.id')}</dt>
        <dd>
          <code data-testid="plan-id">{app.info.plan_id}</code>
        </dd>
        <dt>{t('planImport.period')}</dt>
        <dd>{t('planImport.periodValue', { from: app.plan.period_start, to: app.plan.period_end, base: app.plan.base_year })}</dd>
        <dt>{t('planImport.targets')}</dt>
        <dd>{t('planImport.targetsValue', { n: app.plan.targets.length })}</dd>
      </dl>
      <div className="form-actions plan-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={app.readOnly}
          title={app.readOnlyTip}
          onClick={() => setImporting(true)}
          data-testid="plan-import-open"
        >
          <Icon name="upload" size={16} />
          {t('planImport.open')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => void download()} data-testid="plan-download-active">
          <Icon name="download" size={16} />
          {t('planImport.downloadActive')}
        </button>
        {!bundled && (
          <button
            type="button"
            className="btn"
            onClick={() => setRestoring(true)}
            disabled={busy || app.readOnly}
            title={app.readOnlyTip}
            data-testid="plan-restore"
          >
            <Icon name="restore" size={16} />
            {t('planImport.restore')}
          </button>
        )}
      </div>
      <p className="field-help">{t('planImport.help')}</p>
      {importing && <PlanImportDialog onClose={() => setImporting(false)} />}
      {restoring && (
        <Dialog
          title={t('planImport.restoreTitle')}
          onClose={() => setRestoring(false)}
          onSubmit={restore}
          submitLabel={t('planImport.restore')}
          busy={busy}
          testId="plan-restore-confirm"
          initialFocus="submit"
        >
          <p>{t('planImport.restoreWarn')}</p>
        </Dialog>
      )}
    </div>
  );
}

type Step = 'file' | 'reading' | 'map' | 'building' | 'result';

function PlanImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [step, setStep] = useState<Step>('file');
  const [content, setContent] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [reply, setReply] = useState<Reply | null>(null);
  const [mapping, setMapping] = useState<PlanMapping>(normalizeMapping(null));
  const [planId, setPlanId] = useState('');
  const [title, setTitle] = useState('');
  const [baseYear, setBaseYear] = useState('');
  const [targetYear, setTargetYear] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [activating, setActivating] = useState(false);

  const fieldLabel = (f: PlanField) => {
    const x = reply?.fields.find((y) => y.field === f);
    return x ? (zh ? x.zh : x.en) : t(`planImport.field.${f}`);
  };

  const read = async (b64: string, sheet?: string, name = fileName) => {
    setError(null);
    setStep('reading');
    try {
      const r = await client.call('plan:importTable', {
        content_base64: b64,
        ...(name ? { file_name: name } : {}),
        ...(sheet ? { sheet } : {}),
      });
      const m = normalizeMapping(r.mapping);
      setReply(r);
      setMapping(m);
      const by = yearInText(m.base_value !== null ? r.headers[m.base_value] : null);
      const ty = commonYear(r.preview, m.target_year);
      if (!baseYear) setBaseYear(by ? String(by) : '');
      if (!targetYear && ty) setTargetYear(String(ty));
      if (!planId) setPlanId(suggestPlanId(by, ty));
      setStep('map');
    } catch (err) {
      setStep(reply ? 'map' : 'file');
      setError(localizeError(err, lang).message);
    }
  };

  const onFile = async (file: File) => {
    setError(null);
    // the same formats as every import (docs/imports.md): a workbook, or a CSV in any encoding Excel or WPS saves
    if (!['xlsx', 'csv', 'txt'].includes(extensionOf(file.name))) {
      setError(t('planImport.notXlsx', { name: file.name }));
      return;
    }
    const b64 = bytesToBase64(await file.arrayBuffer());
    setContent(b64);
    setFileName(file.name);
    if (!title) setTitle(file.name.replace(/\.(xlsx|csv|txt)$/i, ''));
    await read(b64, undefined, file.name);
  };

  const problems = mappingProblems(mapping);
  const build = async () => {
    if (!content || !reply) return;
    const e: Record<string, string> = {};
    const idp = planIdProblem(planId);
    if (idp === 'empty') e.planId = t('validation.empty', { field: t('planImport.planId') });
    else if (idp === 'format') e.planId = t('planImport.idFormat');
    if (!title.trim()) e.title = t('validation.empty', { field: t('planImport.planTitle') });
    const by = parseYear(baseYear);
    if (!by) e.baseYear = t('planImport.yearFormat', { field: t('planImport.baseYear') });
    const ty = targetYear.trim() ? parseYear(targetYear) : null;
    if (targetYear.trim() && !ty) e.targetYear = t('planImport.yearFormat', { field: t('planImport.targetYear') });
    if (by && ty && ty <= by) e.targetYear = t('planImport.targetAfterBase');
    if (problems.missing.length > 0)
      e.mapping = t('planImport.missing', { fields: problems.missing.map(fieldLabel).join(zh ? '、' : ', ') });
    else if (problems.duplicates.length > 0)
      e.mapping = t('planImport.duplicate', {
        column: columnLetter(problems.duplicates[0].column),
        fields: problems.duplicates[0].fields.map(fieldLabel).join(zh ? '、' : ', '),
      });
    setErrors(e);
    if (Object.keys(e).length > 0 || !by) return;
    setStep('building');
    setError(null);
    try {
      const r = await client.call('plan:importTable', {
        content_base64: content,
        ...(fileName ? { file_name: fileName } : {}),
        sheet: reply.sheet,
        mapping,
        plan_id: planId.trim(),
        title_zh: title.trim(),
        base_year: by,
        ...(ty ? { target_year: ty } : {}),
      });
      setReply(r);
      setStep('result');
    } catch (err) {
      setStep('map');
      setError(localizeError(err, lang).message);
    }
  };

  const plan = reply?.result?.plan ?? null;
  const activate = async () => {
    if (!plan) return;
    setActivating(true);
    try {
      await app.flushPending();
      await client.call('plan:activate', { content: plan });
      reloadApp();
    } catch (err) {
      setActivating(false);
      setConfirm(false);
      setError(localizeError(err, lang).message);
    }
  };

  const downloadPlan = async (p: Plan) => {
    try {
      const ok = await saveBytes(planFileName(p), new TextEncoder().encode(JSON.stringify(p, null, 2)), 'application/json');
      if (ok) toast.push(t('planImport.downloaded', { name: planFileName(p) }), 'success');
    } catch (err) {
      toast.error(err);
    }
  };

  const submit = step === 'map' ? build : step === 'result' && plan ? async () => setConfirm(true) : undefined;
  const submitLabel = step === 'result' ? t('planImport.activate') : t('planImport.build');

  return (
    <>
      <Dialog
        title={t('planImport.dialogTitle')}
        onClose={onClose}
        onSubmit={submit}
        submitLabel={submitLabel}
        busy={step === 'building' || step === 'reading'}
        wide
        testId="plan-import"
      >
        {step === 'file' || (step === 'reading' && !reply) ? (
          <>
            <p className="field-help">{t('planImport.fileHelp')}</p>
            <FileDrop
              label={t('planImport.choose')}
              accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              busy={step === 'reading'}
              busyLabel={t('planImport.reading')}
              onFile={onFile}
              testId="plan-drop"
              inputTestId="plan-file"
            />
          </>
        ) : step === 'result' && reply?.result ? (
          <ImportResult
            reply={reply}
            onBack={() => setStep('map')}
            onAgain={() => {
              setReply(null);
              setContent(null);
              setError(null);
              setStep('file');
            }}
            onDownload={plan ? () => void downloadPlan(plan) : undefined}
          />
        ) : reply ? (
          <MappingStep
            reply={reply}
            fileName={fileName}
            mapping={mapping}
            onMapping={setMapping}
            onSheet={(sheet) => content && void read(content, sheet)}
            fieldLabel={fieldLabel}
            planId={planId}
            setPlanId={setPlanId}
            title={title}
            setTitle={setTitle}
            baseYear={baseYear}
            setBaseYear={setBaseYear}
            targetYear={targetYear}
            setTargetYear={setTargetYear}
            errors={errors}
            busy={step === 'building' || step === 'reading'}
          />
        ) : null}
        <InlineError>{error}</InlineError>
      </Dialog>
      {confirm && plan && (
        <Dialog
          title={t('planImport.activateTitle', { title: plan.title_zh })}
          onClose={() => setConfirm(false)}
          onSubmit={activate}
          submitLabel={t('planImport.activateConfirm')}
          busy={activating}
          testId="plan-activate-confirm"
          initialFocus="submit"
        >
          <p>{t('planImport.activateWarn', { id: plan.id, file: `${plan.id}.sqlite` })}</p>
          <p className="notice">{t('planImport.activateKeep', { current: zh ? app.plan.title_zh : app.plan.title_en })}</p>
        </Dialog>
      )}
    </>
  );
}

function MappingStep(props: {
  reply: Reply;
  fileName: string;
  mapping: PlanMapping;
  onMapping: (m: PlanMapping) => void;
  onSheet: (s: string) => void;
  fieldLabel: (f: PlanField) => string;
  planId: string;
  setPlanId: (s: string) => void;
  title: string;
  setTitle: (s: string) => void;
  baseYear: string;
  setBaseYear: (s: string) => void;
  targetYear: string;
  setTargetYear: (s: string) => void;
  errors: Record<string, string>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { reply, mapping, fieldLabel, errors } = props;
  const byCol = useMemo(() => fieldsByColumn(mapping), [mapping]);
  const dupCols = new Set(mappingProblems(mapping).duplicates.map((d) => d.column));
  const rows = reply.preview.slice(0, 8);
  return (
    <div data-testid="plan-mapping">
      <p className="muted plan-file">
        <Icon name="file" size={14} />{' '}
        {t('planImport.fileSummary', { name: props.fileName, rows: reply.row_count, header: reply.header_row })}
      </p>
      {reply.sheets.length > 1 && (
        <div className="field plan-sheet">
          <label className="field-label" htmlFor="pi-sheet">
            {t('planImport.sheet')}
          </label>
          <select
            id="pi-sheet"
            value={reply.sheet}
            onChange={(e) => props.onSheet(e.target.value)}
            disabled={props.busy}
            data-testid="pi-sheet"
          >
            {reply.sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      <h3 className="sub-title">{t('planImport.mapping')}</h3>
      <p className="field-help">{t('planImport.mappingHelp')}</p>
      <div className="mapping plan-mapping-grid">
        {PLAN_FIELDS.map((f) => {
          const col = mapping[f];
          const bad = (col === null && REQUIRED_FIELDS.includes(f)) || (col !== null && dupCols.has(col));
          return (
            <label key={f} className="map-row">
              <span className="map-field">
                <span className={`plan-swatch f-${f}`} aria-hidden="true" />
                {fieldLabel(f)}
                {REQUIRED_FIELDS.includes(f) && (
                  <span className="req" aria-label={t('planImport.required')}>
                    *
                  </span>
                )}
              </span>
              <select
                value={col === null ? '' : String(col)}
                onChange={(e) => props.onMapping({ ...mapping, [f]: e.target.value === '' ? null : Number(e.target.value) })}
                aria-invalid={bad}
                data-testid={`pi-map-${f}`}
              >
                <option value="">{t('planImport.noColumn')}</option>
                {reply.headers.map((h, i) => (
                  <option key={i} value={String(i)}>
                    {`${columnLetter(i)} · ${h || t('planImport.untitled')}`}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <InlineError>{errors.mapping}</InlineError>
      <h3 className="sub-title">{t('planImport.preview', { n: Math.min(rows.length, reply.row_count), total: reply.row_count })}</h3>
      <div className="table-wrap preview plan-preview">
        <table className="table" data-testid="pi-preview">
          <thead>
            <tr>
              <th scope="col" className="muted">
                {t('planImport.rowCol')}
              </th>
              {reply.headers.map((h, i) => {
                const f = byCol.get(i);
                return (
                  <th key={i} scope="col" className={f ? `mapped f-${f}` : ''} data-mapped={f ?? ''}>
                    <span className="plan-col-letter">{columnLetter(i)}</span> {h}
                    {f && <span className="plan-col-field">{fieldLabel(f)}</span>}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, k) => (
              <tr key={k}>
                <td className="muted">{reply.header_row + 1 + k}</td>
                {reply.headers.map((_, i) => {
                  const f = byCol.get(i);
                  return (
                    <td key={i} className={f ? `mapped f-${f}` : ''}>
                      {cellText(r[i])}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="sub-title">{t('planImport.about')}</h3>
      <div className="form-grid">
        <div className="field">
          <label className="field-label" htmlFor="pi-id">
            {t('planImport.planId')}
          </label>
          <input
            id="pi-id"
            type="text"
            value={props.planId}
            maxLength={64}
            onChange={(e) => props.setPlanId(e.target.value)}
            aria-invalid={!!errors.planId}
            data-testid="pi-id"
            spellCheck={false}
          />
          <InlineError>{errors.planId}</InlineError>
          <p className="field-help">{t('planImport.planIdHelp')}</p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="pi-title">
            {t('planImport.planTitle')}
          </label>
          <input
            id="pi-title"
            type="text"
            value={props.title}
            maxLength={300}
            onChange={(e) => props.setTitle(e.target.value)}
            aria-invalid={!!errors.title}
            data-testid="pi-title"
          />
          <InlineError>{errors.title}</InlineError>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="pi-base">
            {t('planImport.baseYear')}
          </label>
          <input
            id="pi-base"
            type="text"
            inputMode="numeric"
            value={props.baseYear}
            onChange={(e) => props.setBaseYear(e.target.value)}
            aria-invalid={!!errors.baseYear}
            data-testid="pi-base"
            placeholder="2025"
          />
          <InlineError>{errors.baseYear}</InlineError>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="pi-target">
            {t('planImport.targetYear')}
          </label>
          <input
            id="pi-target"
            type="text"
            inputMode="numeric"
            value={props.targetYear}
            onChange={(e) => props.setTargetYear(e.target.value)}
            aria-invalid={!!errors.targetYear}
            data-testid="pi-target"
            placeholder="2028"
          />
          <InlineError>{errors.targetYear}</InlineError>
          <p className="field-help">{t('planImport.targetYearHelp')}</p>
        </div>
      </div>
    </div>
  );
}

function ImportResult({
  reply,
  onBack,
  onAgain,
  onDownload,
}: {
  reply: Reply;
  onBack: () => void;
  onAgain: () => void;
  onDownload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const r = reply.result!;
  const plan = r.plan;
  const refused = !plan && r.rejected.length > 0;
  return (
    <div data-testid="plan-result" data-ok={r.ok}>
      {plan ? (
        <p className="plan-verdict ok" data-testid="plan-recognised" data-n={plan.targets.length}>
          <Icon name="check" size={18} />
          {t('planImport.recognised', { n: plan.targets.length, title: plan.title_zh })}
        </p>
      ) : (
        <p className="plan-verdict bad" role="alert">
          <Icon name="warning" size={18} />
          {t('planImport.failed')}
        </p>
      )}
      {!r.ok && r.errors.length > 0 && (
        <ul className="plan-errors" data-testid="plan-errors">
          {r.errors.map((e, i) => (
            <li key={i}>
              {e.path && e.path !== 'rows' && <code>{e.path}</code>} {zh ? e.message_zh : e.message_en}
            </li>
          ))}
        </ul>
      )}
      {refused && (
        <>
          <h3 className="sub-title">{t('planImport.rejected', { n: r.rejected.length })}</h3>
          <div className="table-wrap rejected-table">
            <table className="table" data-testid="plan-rejected">
              <thead>
                <tr>
                  <th scope="col">{t('planImport.col.row')}</th>
                  <th scope="col">{t('planImport.col.name')}</th>
                  <th scope="col">{t('planImport.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {r.rejected.map((x) => (
                  <tr key={x.row} data-testid="plan-rejected-row" data-row={x.row}>
                    <td className="nowrap">{t('planImport.rowN', { n: x.row })}</td>
                    <td className="cell-name">{x.name ?? '—'}</td>
                    <td>
                      <ul className="plan-reasons">
                        {(zh ? x.reasons_zh : x.reasons_en).map((reason, i) => (
                          <li key={i}>{reason}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {plan && (
        <div className="table-wrap plan-targets">
          <table className="table" data-testid="plan-targets">
            <thead>
              <tr>
                <th scope="col">{t('planImport.col.name')}</th>
                <th scope="col">{t('planImport.col.target')}</th>
                <th scope="col">{t('planImport.col.unit')}</th>
                <th scope="col">{t('planImport.col.year')}</th>
                <th scope="col">{t('planImport.col.responsible')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.targets.map((x) => (
                <tr key={x.id} data-testid="plan-target-row">
                  <td className="cell-name" title={x.source_text}>
                    {x.name_zh}
                  </td>
                  <td>{formatTarget(x, lang)}</td>
                  <td>{showUnit(x.unit, lang)}</td>
                  <td>{x.target_year}</td>
                  <td>{x.responsible.join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions plan-result-actions">
        <button type="button" className="btn" onClick={onBack} data-testid="plan-back">
          {t('planImport.back')}
        </button>
        {!plan && (
          <button type="button" className="btn" onClick={onAgain} data-testid="plan-again">
            <Icon name="upload" size={16} />
            {t('planImport.again')}
          </button>
        )}
        {onDownload && (
          <button type="button" className="btn" onClick={onDownload} data-testid="plan-download">
            <Icon name="download" size={16} />
            {t('planImport.download')}
          </button>
        )}
      </div>
      {plan && <p className="field-help">{t('planImport.activateHelp')}</p>}
    </div>
  );
}

/**
 * 数据征集 (collection from the units): create a round, download one workbook per unit, see per
 * unit returned / outstanding / with problems, import returned files (one or many), decide
 * conflicts, see what the round changed on the scoreboard, and choose each series' 报送单位.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../contract';
import { Icon } from '../../components/Icon';
import { EmptyState, Spinner, useStatusWord } from '../../components/ui';
import { base64ToBytes, bytesToBase64, saveBytes } from '../../lib/download';
import { useApi } from '../../state/api-context';
import { useApp, useToast } from '../../state/app';
import { useQuery } from '../../state/query';

type Status = NonNullable<Res<'collect:status'>>;
type ImportReport = Res<'collect:import'>['reports'][number];

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function periodText(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年1-${Number(m[2])}月` : `${period}年`;
}

export function CollectScreen() {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const rounds = useQuery(app.version, 'collect:rounds', {});
  const [roundId, setRoundId] = useState<string | null>(null);
  const current = roundId ?? rounds.data?.[0]?.id ?? null;
  const status = useQuery(app.version, 'collect:status', current ? { round_id: current } : null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reports, setReports] = useState<{ report: ImportReport; files: { name: string; content_base64: string }[] }[]>([]);
  const [showReporters, setShowReporters] = useState(false);

  const download = async (units?: string[]) => {
    if (!current) return;
    setBusy(true);
    try {
      if (units) {
        const out = await client.call('collect:export', { round_id: current, units });
        for (const f of out.files) await saveBytes(f.file_name, base64ToBytes(f.content_base64), XLSX_MIME);
        toast.push(t('collect.downloaded', { count: out.files.length }), 'success');
      } else {
        // every unit's workbook in one zip: one file to save, mail or copy to a USB stick
        const out = await client.call('collect:exportZip', { round_id: current });
        if (await saveBytes(out.file_name, base64ToBytes(out.content_base64), 'application/zip'))
          toast.push(t('collect.downloadedZip', { count: out.units.length, name: out.file_name }), 'success');
      }
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };

  const importFiles = async (list: File[], opts: { expect_unit?: string; confirm_mapping?: boolean } = {}) => {
    if (!list.length) return;
    setBusy(true);
    try {
      const files = await Promise.all(list.map(async (f) => ({ name: f.name, content_base64: bytesToBase64(await f.arrayBuffer()) })));
      await runImport(files, opts);
    } finally {
      setBusy(false);
    }
  };

  const runImport = async (
    files: { name: string; content_base64: string }[],
    opts: { expect_unit?: string; confirm_mapping?: boolean },
  ) => {
    try {
      const out = await client.call('collect:import', { files, round_id: current ?? undefined, ...opts });
      setReports((prev) => [
        ...out.reports.map((report, i) => ({ report, files: [files[i]!] })),
        ...prev.filter((p) => !files.some((f) => f.name === p.report.file_name)),
      ]);
      app.version.bump();
    } catch (err) {
      toast.error(err);
    }
  };

  const resolve = async (id: number, choice: 'take' | 'keep') => {
    try {
      await client.call('collect:resolve', { id, choice });
      app.version.bump();
    } catch (err) {
      toast.error(err);
    }
  };

  return (
    <section className="screen screen-collect" aria-labelledby="collect-title">
      <header className="screen-head">
        <div>
          <h1 id="collect-title">{t('nav.collect')}</h1>
          <p className="lede">{t('collect.lede')}</p>
        </div>
        <div className="toolbar">
          {(rounds.data?.length ?? 0) > 1 && (
            <label>
              {t('collect.history')}{' '}
              <select value={current ?? ''} onChange={(e) => setRoundId(e.target.value)} data-testid="collect-round-select">
                {rounds.data!.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}（{r.created_at.slice(0, 10)}）
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="btn" onClick={() => setShowReporters((v) => !v)} data-testid="collect-reporters-toggle">
            {t('collect.reporters')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={app.readOnly}
            title={app.readOnlyTip}
            onClick={() => setCreating(true)}
            data-testid="collect-new"
          >
            <Icon name="plus" /> {t('collect.newRound')}
          </button>
        </div>
      </header>

      {creating && (
        <NewRound
          onDone={(id) => {
            setCreating(false);
            if (id) setRoundId(id);
          }}
        />
      )}
      {showReporters && <Reporters />}

      {rounds.loading && !rounds.data && <Spinner />}
      {rounds.data && rounds.data.length === 0 && !creating && (
        <EmptyState
          icon="file"
          title={t('collect.none')}
          action={
            <button className="btn btn-primary" disabled={app.readOnly} title={app.readOnlyTip} onClick={() => setCreating(true)}>
              {t('collect.newRound')}
            </button>
          }
        >
          {t('collect.noneHint')}
        </EmptyState>
      )}

      {status.data && <RoundView status={status.data} busy={busy} onDownload={download} onImport={importFiles} onResolve={resolve} />}

      {status.data && (
        <label
          className="file-drop collect-drop"
          data-testid="collect-drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            void importFiles([...e.dataTransfer.files]);
          }}
        >
          {busy ? <Spinner /> : <Icon name="upload" size={28} />}
          <span>{t('collect.drop')}</span>
          <input
            type="file"
            multiple
            accept=".xlsx,.csv"
            disabled={busy || app.readOnly}
            title={app.readOnlyTip}
            data-testid="collect-import-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void importFiles(files);
            }}
          />
        </label>
      )}

      {reports.length > 0 && (
        <div className="collect-reports" data-testid="collect-reports">
          <h2>{t('collect.reports')}</h2>
          {reports.map(({ report, files }) => (
            <div
              key={report.file_name + String(report.import_id)}
              className={`card collect-report ${report.outcome}`}
              data-testid="collect-report"
            >
              <strong>{report.file_name}</strong>
              {report.unit && <span>（{report.unit}）</span>}{' '}
              {report.outcome === 'stored' ? (
                <span>
                  {t('collect.reportStored', {
                    stored: report.stored.length,
                    empty: report.empty.length,
                    unchanged: report.unchanged.length,
                    conflicts: report.conflicts.length,
                  })}
                </span>
              ) : (
                <span className="danger">
                  {report.reason_zh && t('collect.refused')}：{report.reason_zh}
                </span>
              )}
              {report.refused.length > 0 && (
                <ul>
                  {report.refused.map((f) => (
                    <li key={f.cell}>{f.message_zh}</li>
                  ))}
                </ul>
              )}
              {report.reason_code === 'moved_columns' && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="collect-confirm-mapping"
                  onClick={() => void runImport(files, { confirm_mapping: true })}
                >
                  {t('collect.confirmMapping')}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function RoundView({
  status,
  busy,
  onDownload,
  onImport,
  onResolve,
}: {
  status: Status;
  busy: boolean;
  onDownload: (units?: string[]) => void;
  onImport: (files: File[], opts?: { expect_unit?: string }) => void;
  onResolve: (id: number, choice: 'take' | 'keep') => void;
}) {
  const { t } = useTranslation();
  const statusWordOf = useStatusWord();
  const app = useApp();
  const counts = useMemo(() => {
    const c = { returned: 0, outstanding: 0, problems: 0 };
    for (const u of status.units) c[u.state]++;
    return c;
  }, [status.units]);
  const open = status.conflicts.filter((c) => c.resolution === null);
  const seriesById = useMemo(() => new Map(app.plan.series.map((s) => [s.id, s])), [app.plan.series]);
  return (
    <>
      <div className="card collect-round" data-testid="collect-round">
        <div className="collect-round-head">
          <div>
            <h2>{status.round.name}</h2>
            <p className="muted">
              {t('collect.roundMeta', {
                date: status.round.return_date,
                contact: status.round.contact || '—',
                month: status.round.ytd_month,
              })}
            </p>
          </div>
          <p data-testid="collect-counts">{t('collect.counts', counts)}</p>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => onDownload()} data-testid="collect-download-all">
            <Icon name="download" /> {t('collect.downloadAll')}
          </button>
        </div>
        {status.effect && (
          <div className="collect-effect" data-testid="collect-effect">
            <strong>{t('collect.effect')}</strong>{' '}
            {t('collect.assumed', { before: status.effect.assumed_before, after: status.effect.assumed_after, total: status.effect.total })}
            {status.effect.moved.length > 0 ? (
              <ul>
                {status.effect.moved.map((m) => (
                  <li key={m.target}>
                    {m.name_zh}：<span className={`chip chip-compact status-${m.before}`}>{statusWordOf(m.before)}</span> →{' '}
                    <span className={`chip chip-compact status-${m.after}`}>{statusWordOf(m.after)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted"> {t('collect.noneMoved')}</span>
            )}
          </div>
        )}
        <div className="table-wrap">
          <table className="table" data-testid="collect-units">
            <thead>
              <tr>
                <th>{t('collect.unit')}</th>
                <th>{t('collect.indicators')}</th>
                <th>{t('collect.state')}</th>
                <th>{t('collect.lastFile')}</th>
                <th>{t('collect.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {status.units.map((u) => (
                <tr key={u.unit} data-testid="collect-unit-row" data-state={u.state}>
                  <td>{u.unit}</td>
                  <td className="num">{u.indicators}</td>
                  <td>
                    <span className={`chip chip-compact collect-${u.state}`}>{t(`collect.states.${u.state}`)}</span>
                    {u.open_conflicts > 0 && <span className="muted"> {t('collect.openConflicts', { count: u.open_conflicts })}</span>}
                  </td>
                  <td className="muted">
                    {u.last_file ?? '—'}
                    {u.last_reason_zh && u.state === 'problems' ? `：${u.last_reason_zh}` : ''}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small btn-link" disabled={busy} onClick={() => onDownload([u.unit])}>
                      {t('collect.download')}
                    </button>
                    <label className="btn btn-small btn-link">
                      {t('collect.importFor')}
                      <input
                        type="file"
                        accept=".xlsx,.csv"
                        hidden
                        data-testid="collect-unit-import"
                        onChange={(e) => {
                          const files = [...(e.target.files ?? [])];
                          e.target.value = '';
                          onImport(files, { expect_unit: u.unit });
                        }}
                      />
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      {open.length > 0 && (
        <div className="card" data-testid="collect-conflicts">
          <h2>{t('collect.conflicts')}</h2>
          <p className="muted">{t('collect.conflictsHint')}</p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('collect.indicator')}</th>
                <th>{t('collect.period')}</th>
                <th>{t('collect.unit')}</th>
                <th className="num">{t('collect.stored')}</th>
                <th className="num">{t('collect.returnedValue')}</th>
                <th>{t('collect.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((c) => (
                <tr key={c.id} data-testid="collect-conflict">
                  <td>{c.name_zh}</td>
                  <td>{periodText(c.period)}</td>
                  <td>{c.unit}</td>
                  <td className="num">
                    {c.stored_value} {seriesById.get(c.series)?.unit}
                  </td>
                  <td className="num">
                    {c.value} {seriesById.get(c.series)?.unit}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={app.readOnly}
                      title={app.readOnlyTip}
                      onClick={() => onResolve(c.id, 'take')}
                      data-testid="collect-take"
                    >
                      {t('collect.take')}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-small btn-link"
                      disabled={app.readOnly}
                      title={app.readOnlyTip}
                      onClick={() => onResolve(c.id, 'keep')}
                      data-testid="collect-keep"
                    >
                      {t('collect.keep')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {status.imports.length > 0 && (
        <details className="card">
          <summary>{t('collect.importHistory', { count: status.imports.length })}</summary>
          <table className="table">
            <tbody>
              {status.imports.map((i) => (
                <tr key={i.id}>
                  <td>{i.imported_at.slice(0, 16).replace('T', ' ')}</td>
                  <td>{i.unit}</td>
                  <td>{i.file_name}</td>
                  <td>{i.outcome === 'stored' ? t('collect.storedShort', { count: i.stored }) : t('collect.refused')}</td>
                  <td>{i.filled_by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

function NewRound({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const reporters = useQuery(app.version, 'collect:reporters', {});
  const byUnit = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of reporters.data?.reporters ?? []) if (r.unit) m.set(r.unit, (m.get(r.unit) ?? 0) + 1);
    return m;
  }, [reporters.data]);
  const [name, setName] = useState(`${new Date().getFullYear()}年${new Date().getMonth() + 1}月数据征集`);
  const [contact, setContact] = useState(app.settings.user_name);
  const [phone, setPhone] = useState('');
  const [returnDate, setReturnDate] = useState('');
  const [month, setMonth] = useState(Math.max(1, new Date().getMonth()));
  const [skip, setSkip] = useState<Set<string>>(new Set());
  const create = async () => {
    try {
      const units = [...byUnit.keys()].filter((u) => !skip.has(u));
      const round = await client.call('collect:createRound', { name, contact, phone, return_date: returnDate, ytd_month: month, units });
      app.version.bump();
      onDone(round.id);
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <div className="card collect-new" data-testid="collect-new-form">
      <h2>{t('collect.newRound')}</h2>
      <div className="form-grid">
        <label>
          {t('collect.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="collect-name" />
        </label>
        <label>
          {t('collect.contact')}
          <input value={contact} onChange={(e) => setContact(e.target.value)} data-testid="collect-contact" />
        </label>
        <label>
          {t('collect.phone')}
          <input value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="collect-phone" />
        </label>
        <label>
          {t('collect.returnDate')}
          <input type="date" value={returnDate} onChange={(e) => setReturnDate(e.target.value)} data-testid="collect-return-date" />
        </label>
        <label>
          {t('collect.ytdMonth')}
          <input
            type="number"
            min={1}
            max={12}
            value={month}
            onChange={(e) => setMonth(Number(e.target.value))}
            data-testid="collect-month"
          />
        </label>
      </div>
      <fieldset className="collect-units-pick">
        <legend>{t('collect.units')}</legend>
        {[...byUnit.entries()].map(([u, n]) => (
          <label key={u}>
            <input
              type="checkbox"
              checked={!skip.has(u)}
              onChange={(e) =>
                setSkip((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.delete(u);
                  else next.add(u);
                  return next;
                })
              }
            />{' '}
            {u}（{t('collect.indicatorCount', { count: n })}）
          </label>
        ))}
      </fieldset>
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => void create()} data-testid="collect-create">
          {t('collect.create')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function Reporters() {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const data = useQuery(app.version, 'collect:reporters', {});
  const seriesById = useMemo(() => new Map(app.plan.series.map((s) => [s.id, s])), [app.plan.series]);
  if (!data.data) return <Spinner />;
  const set = async (series: string, unit: string | null) => {
    try {
      await client.call('collect:setReporters', { reporters: [{ series, unit }] });
      app.version.bump();
    } catch (err) {
      toast.error(err);
    }
  };
  return (
    <div className="card" data-testid="collect-reporters">
      <h2>{t('collect.reporters')}</h2>
      <p className="muted">{t('collect.reportersHint')}</p>
      <div className="table-wrap collect-reporters-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('collect.indicator')}</th>
              <th>{t('collect.reportingUnit')}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.reporters.map((r) => (
              <tr key={r.series}>
                <td>{seriesById.get(r.series)?.name_zh ?? r.series}</td>
                <td>
                  <select
                    value={r.chosen ? (r.unit ?? '') : ''}
                    disabled={app.readOnly}
                    title={app.readOnlyTip}
                    onChange={(e) => void set(r.series, e.target.value || null)}
                    data-testid={`collect-reporter-${r.series}`}
                  >
                    <option value="">{t('collect.defaultUnit', { unit: r.chosen ? '' : (r.unit ?? '—') })}</option>
                    {[...r.candidates, ...data.data!.units.filter((u) => !r.candidates.includes(u))].map((u) => (
                      <option key={u} value={u}>
                        {u}
                        {r.candidates.includes(u) ? ' ★' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Milestones (qualitative tasks) per plan item, each with a tick box ('milestones:set'). */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../state/api-context';
import { EmptyState, Spinner } from '../components/ui';
import { useApp, useToast } from '../state/app';
import { useQuery } from '../state/query';

export function Milestones() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const states = useQuery(app.version, 'milestones:list', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [optimistic, setOptimistic] = useState<Record<string, boolean>>({});
  const done = useMemo(() => {
    const m = new Map<string, boolean>();
    for (const s of states.data ?? []) m.set(s.id, s.done);
    for (const [k, v] of Object.entries(optimistic)) m.set(k, v);
    return m;
  }, [states.data, optimistic]);

  const groups = useMemo(() => {
    const out: { key: string; title: string; items: typeof app.plan.milestones }[] = [];
    for (const s of app.plan.sections) {
      const inSection = app.plan.milestones.filter((m) => m.section === s.id);
      if (s.id === 'preamble' || s.items.length === 0) {
        if (inSection.length) out.push({ key: s.id, title: zh ? s.title_zh : s.title_en, items: inSection });
        continue;
      }
      const loose = inSection.filter((m) => !m.item);
      if (loose.length) out.push({ key: s.id, title: `${s.code}、${zh ? s.title_zh : s.title_en}`, items: loose });
      for (const it of s.items) {
        const ms = inSection.filter((m) => m.item === it.id);
        if (ms.length) out.push({ key: it.id, title: `${it.code}${zh ? it.title_zh : it.title_en}`, items: ms });
      }
    }
    return out;
  }, [app.plan, zh]);

  if (app.plan.milestones.length === 0) return <EmptyState title={t('milestones.none')} />;
  if (!states.data && !states.error) return <Spinner label={t('common.loading')} />;

  const toggle = async (id: string, value: boolean) => {
    setBusy(id);
    setOptimistic((o) => ({ ...o, [id]: value }));
    try {
      await client.call('milestones:set', { id, done: value });
      app.version.bump();
    } catch (err) {
      setOptimistic((o) => ({ ...o, [id]: !value }));
      toast.error(err);
    } finally {
      setBusy(null);
    }
  };

  const total = app.plan.milestones.length;
  const doneCount = app.plan.milestones.filter((m) => done.get(m.id)).length;
  return (
    <div className="milestones" data-testid="milestones">
      <p className="lede">{t('milestones.summary', { done: doneCount, total })}</p>
      {groups.map((g) => {
        const n = g.items.filter((m) => done.get(m.id)).length;
        // the units named once for the group when every task shares them
        const shared = g.items.every((m) => m.responsible.join('、') === g.items[0].responsible.join('、'))
          ? g.items[0].responsible.join('、')
          : null;
        return (
          <section key={g.key} className="ms-group">
            <h3>
              <span>{g.title}</span>
              <span className="ms-count">
                {n}/{g.items.length}
              </span>
            </h3>
            {shared && <p className="ms-shared">{t('milestones.responsible', { units: shared })}</p>}
            <ul>
              {g.items.map((m) => (
                <li key={m.id} className={done.get(m.id) ? 'done' : ''}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={!!done.get(m.id)}
                      disabled={busy === m.id || app.readOnly}
                      title={app.readOnlyTip}
                      onChange={(e) => void toggle(m.id, e.target.checked)}
                      data-testid={`milestone-${m.id}`}
                    />
                    <span>{zh ? m.text_zh : m.text_en}</span>
                  </label>
                  {!shared && m.responsible.length > 0 && <span className="ms-units">{m.responsible.join('、')}</span>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

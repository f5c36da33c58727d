/** The inheritance tree of 情景管理: every live scenario under its parent; a click selects it. */
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { Icon } from '../../components/Icon';
import { Tag } from '../../components/ui';
import { useApp } from '../../state/app';

export function ScenarioTree({
  ordered,
  depth,
  selected,
}: {
  ordered: ScenarioMeta[];
  depth: ReadonlyMap<string, number>;
  selected: ScenarioMeta | null;
}) {
  const { t } = useTranslation();
  const app = useApp();
  return (
    <ul className="tree" role="tree" aria-label={t('scenarios.tree')} data-testid="scenario-tree">
      {ordered.map((s) => (
        <li key={s.id} role="treeitem" aria-selected={s.id === selected?.id} aria-level={(depth.get(s.id) ?? 0) + 1}>
          <button
            type="button"
            className={`tree-item ${s.id === selected?.id ? 'active' : ''}`}
            style={{ paddingLeft: `${12 + (depth.get(s.id) ?? 0) * 22}px` }}
            onClick={() => app.setCurrentId(s.id)}
            data-testid="tree-item"
            data-name={s.name}
            data-frozen={s.frozen}
          >
            {(depth.get(s.id) ?? 0) > 0 && (
              <span className="tree-elbow" aria-hidden="true">
                └
              </span>
            )}
            <span className="tree-name">{app.nameOf(s)}</span>
            {s.preset_id && <Tag tone="info">{t('scenarios.preset')}</Tag>}
            {s.frozen && (
              <span className="lock" title={t('scenarios.frozenTip')} aria-label={t('scenarios.frozenShort')}>
                <Icon name="lock" size={14} />
                {s.frozen_label}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

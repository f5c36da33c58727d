/** The target list of 指标工作台: search (names, id, units, pinyin) and a status dot per target. */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Status, type Target } from '../../../../models/schema';
import { Icon } from '../../components/Icon';
import { useStatusWord } from '../../components/ui';
import { usePinyin } from '../../components/usePinyin';
import { rankMatches, searchEntry } from '../../lib/pickerFilter';

export const TargetList = memo(function TargetList({
  targets,
  statuses,
  selected,
  onSelect,
  inputRef,
  lang,
}: {
  targets: Target[];
  /** the statuses of the targets, in plan order, joined with commas. */
  statuses: string;
  selected: string;
  onSelect: (id: string) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
  lang: string;
}) {
  const { t } = useTranslation();
  const statusWordOf = useStatusWord();
  const [q, setQ] = useState('');
  const zh = lang.startsWith('zh');
  const status = useMemo(() => {
    const list = statuses ? statuses.split(',') : [];
    return new Map(targets.map((x, i) => [x.id, list[i] as Status | undefined]));
  }, [targets, statuses]);
  // names, id, responsible units, or the Chinese name's pinyin (lib/pickerFilter.ts), best matches first
  const reader = usePinyin(q !== '');
  const entries = useMemo(
    () => targets.map((x) => searchEntry([x.name_zh, x.name_en, x.id, x.responsible.join(' ')], reader, [x.name_zh])),
    [targets, reader],
  );
  const shown = rankMatches(targets, entries, q);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <nav className="wb-list" aria-label={t('workbench.targetList')}>
      <label className="search search-small">
        <Icon name="search" size={14} />
        <input
          ref={inputRef}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('workbench.searchTargets')}
          aria-label={t('workbench.searchTargets')}
          data-testid="wb-search"
        />
      </label>
      {shown.length === 0 ? (
        <p className="muted empty-small">{t('scoreboard.noMatch')}</p>
      ) : (
        <ul ref={listRef}>
          {shown.map((x) => {
            const st = status.get(x.id) ?? 'no_data';
            return (
              <li key={x.id}>
                <button
                  type="button"
                  className={`wb-item ${x.id === selected ? 'active' : ''}`}
                  aria-current={x.id === selected}
                  onClick={() => onSelect(x.id)}
                  data-testid="wb-item"
                  data-target={x.id}
                >
                  <span className={`dot status-${st}`} title={statusWordOf(st)} aria-label={statusWordOf(st)} />
                  <span className="wb-item-name">
                    {x.headline && <span className="star">★</span>}
                    {zh ? x.name_zh : x.name_en}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
});

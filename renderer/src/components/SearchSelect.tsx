/**
 * A searchable picker (a combobox in the WAI-ARIA sense) for long lists: the 72 input series, the
 * targets. Typing filters by Chinese or English name, id or pinyin (initials, full syllables or a mix:
 * lib/pickerFilter.ts; pinyin-pro is loaded on first use, usePinyin), best matches first; ArrowDown/ArrowUp
 * move, Enter chooses, Escape closes and restores, Home/End jump; a click chooses. Closed, it shows
 * the chosen option's name. `emptyLabel` adds a first option with the value '' (全部序列, 请选择).
 */
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optionEntries, rankMatches, type PickerOption } from '../lib/pickerFilter';
import { Icon } from './Icon';
import { usePinyin } from './usePinyin';

export function SearchSelect({
  options,
  value,
  onChange,
  emptyLabel,
  placeholder,
  ariaLabel,
  id,
  testId,
  disabled,
  invalid,
  className,
}: {
  options: readonly PickerOption[];
  value: string;
  onChange: (value: string) => void;
  emptyLabel?: string;
  placeholder?: string;
  ariaLabel?: string;
  id?: string;
  testId?: string;
  disabled?: boolean;
  invalid?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const all = useMemo(
    () => (emptyLabel !== undefined ? [{ value: '', label: emptyLabel }, ...options] : [...options]),
    [options, emptyLabel],
  );
  const chosen = all.find((o) => o.value === value);
  const reader = usePinyin(open);
  // the readings are memoised per text (lib/pinyin.ts): rebuilding the entries is cheap
  const entries = useMemo(() => optionEntries(all, reader), [all, reader]);
  const shown = useMemo(() => (query ? rankMatches(all, entries, query) : all), [query, all, entries]);

  const show = (i: number) => {
    setActive(i);
    listRef.current?.querySelector(`[data-index="${i}"]`)?.scrollIntoView?.({ block: 'nearest' });
  };
  const openList = () => {
    if (disabled) return;
    setOpen(true);
    const i = shown.findIndex((o) => o.value === value);
    setActive(i >= 0 ? i : 0);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (o: PickerOption | undefined) => {
    if (!o) return;
    onChange(o.value);
    close();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return openList();
      const n = shown.length;
      if (n > 0) show((active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (open && (e.key === 'Home' || e.key === 'End') && shown.length > 0) {
      e.preventDefault();
      show(e.key === 'Home' ? 0 : shown.length - 1);
    } else if (e.key === 'Enter' && open) {
      // choose, without submitting the dialog the picker sits in
      e.preventDefault();
      e.stopPropagation();
      choose(shown[active]);
    } else if (e.key === 'Escape' && open) {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab' && open) {
      close();
    }
  };
  const activeId = open && shown[active] ? `${listId}-${active}` : undefined;
  return (
    <div className={`search-select${open ? ' open' : ''}${className ? ` ${className}` : ''}`} data-testid={testId} data-value={value}>
      <Icon name="search" size={14} />
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        placeholder={placeholder}
        value={query ?? (chosen && chosen.value !== '' ? chosen.label : '')}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.currentTarget.select()}
        onClick={(e) => {
          // typing replaces the name shown, it does not extend it
          if (open) return;
          e.currentTarget.select();
          openList();
        }}
        onBlur={close}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      {open && (
        <ul
          className="search-select-list"
          role="listbox"
          id={listId}
          ref={listRef}
          aria-label={ariaLabel}
          data-testid={testId ? `${testId}-list` : undefined}
        >
          {shown.length === 0 ? (
            <li className="search-select-none" role="presentation">
              {t('picker.none')}
            </li>
          ) : (
            shown.map((o, i) => (
              <li
                key={o.value || '(empty)'}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={o.value === value}
                className={i === active ? 'active' : undefined}
                data-index={i}
                data-value={o.value}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={(e) => {
                  // inside a <label>, the click would also reach the input and open the list again
                  e.preventDefault();
                  choose(o);
                }}
              >
                {o.label}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}

/**
 * Starting presentation mode from a screen: the 演示模式 button, F5, and the presentation itself
 * loaded on first use (its own chunk, so the scoreboard stays light).
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/ui';
import type { PresentationProps } from './Presentation';

const LazyPresentation = lazy(() => import('./Presentation'));

export function PresentationHost(props: PresentationProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <div className="dialog-backdrop" role="status">
          <Spinner label={t('common.loading')} />
        </div>
      }
    >
      <LazyPresentation {...props} />
    </Suspense>
  );
}

/** F5 starts the presentation while the screen is shown (not from inside a dialog or a text field's own keys). */
export function usePresentHotkey(onStart: () => void, enabled = true): void {
  const ref = useRef(onStart);
  ref.current = onStart;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F5' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      ref.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export function PresentButton({ onClick, disabled, count }: { onClick: () => void; disabled?: boolean; count?: number }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn present-btn"
      onClick={onClick}
      disabled={disabled}
      title={count !== undefined ? t('present.startTipN', { n: count }) : t('present.startTip')}
      data-testid="present-start"
    >
      <Icon name="present" size={16} />
      {t('present.start')}
    </button>
  );
}

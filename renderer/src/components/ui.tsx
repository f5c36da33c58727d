/** Small shared pieces: status chips, the 假设 marker, empty states, dialogs, toasts, spinners. */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../models/schema';
import { STATUSES, STATUS_TABLE, statusWord } from '../../../models/status';
import { Icon, type IconName } from './Icon';
import { useToast } from '../state/app';

/** The words of a status from the one table (models/status.ts), in the interface language. */
export function useStatusWord(): (status: Status | string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  return (status) => ((STATUSES as readonly string[]).includes(status) ? statusWord(status as Status, lang) : String(status));
}

export function StatusChip({ status, compact = false }: { status: Status; compact?: boolean }) {
  const word = useStatusWord();
  return (
    <span className={`chip status-${status} ${compact ? 'chip-compact' : ''}`} data-status={status} data-tone={STATUS_TABLE[status].tone}>
      <span className="chip-dot" aria-hidden="true" />
      {word(status)}
    </span>
  );
}

/** Marks a value that rests on an assumption: a dotted underline and a 假设 tag with a tooltip. */
export function Assumed({ on, children, tip }: { on: boolean; children: ReactNode; tip?: string }) {
  const { t } = useTranslation();
  if (!on) return <>{children}</>;
  const text = tip ?? t('assumed.tip');
  return (
    <span className="assumed" data-assumed="true">
      <span className="assumed-value">{children}</span>
      <span className="tag tag-assumed" tabIndex={0} role="note" aria-label={text} data-tip={text}>
        {t('assumed.tag')}
      </span>
    </span>
  );
}

export function Tag({
  children,
  tone = 'neutral',
  tip,
}: {
  children: ReactNode;
  tone?: 'neutral' | 'override' | 'frozen' | 'info' | 'warn';
  tip?: string;
}) {
  return (
    <span className={`tag tag-${tone}`} data-tip={tip} tabIndex={tip ? 0 : undefined}>
      {children}
    </span>
  );
}

export function EmptyState({
  icon = 'info',
  title,
  children,
  action,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty" role="status">
      <Icon name={icon} size={32} />
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner-wrap" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label && <span>{label}</span>}
    </span>
  );
}

export function InlineError({ children, id }: { children: ReactNode; id?: string }) {
  if (!children) return null;
  return (
    <div className="inline-error" role="alert" id={id}>
      <Icon name="warning" size={14} />
      <span>{children}</span>
    </div>
  );
}

/**
 * A modal dialog: focus moves into it, Esc closes it, Enter submits its form (the primary
 * button is the form's submit button), focus returns where it was when it closes.
 */
export function Dialog({
  title,
  children,
  onClose,
  onSubmit,
  submitLabel,
  submitTone = 'primary',
  submitDisabled,
  busy,
  wide,
  testId,
  initialFocus = 'field',
  extra,
}: {
  /** more footer buttons, between Cancel and the submit button. */
  extra?: ReactNode;
  /** where focus starts: the first field (default) or the submit button. */
  initialFocus?: 'field' | 'submit';
  title: string;
  children: ReactNode;
  onClose: () => void;
  onSubmit?: () => void | Promise<void>;
  submitLabel?: string;
  submitTone?: 'primary' | 'danger';
  submitDisabled?: boolean;
  busy?: boolean;
  wide?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const el = ref.current;
    // the first field, else the primary button, else anything (in that order of preference)
    const first =
      (initialFocus === 'submit' ? el?.querySelector<HTMLElement>('.dialog-foot button[type="submit"]:not([disabled])') : null) ??
      el?.querySelector<HTMLElement>(
        '.dialog-body input:not([disabled]):not([type="hidden"]), .dialog-body textarea:not([disabled]), .dialog-body select:not([disabled])',
      ) ??
      // a destructive confirmation starts on Cancel, so a stray Enter does no harm
      (submitTone === 'danger' ? null : el?.querySelector<HTMLElement>('.dialog-foot button[type="submit"]:not([disabled])')) ??
      el?.querySelector<HTMLElement>('.dialog-foot button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit && !submitDisabled && !busy) {
      // Ctrl+Enter submits from a multi-line field too (where Enter starts a new line)
      e.preventDefault();
      void onSubmit();
    }
    if (e.key === 'Tab' && ref.current) {
      // keep focus inside the dialog
      const items = [...ref.current.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex="0"]')].filter(
        (x) => !x.hasAttribute('disabled'),
      );
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!submitDisabled && !busy) void onSubmit?.();
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`dialog ${wide ? 'dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <form onSubmit={submit}>
          <header className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('common.close')}>
              <Icon name="close" />
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          <footer className="dialog-foot">
            {/* a dialog with nothing to submit only shows things: it closes (关闭), there is nothing
                to cancel; one whose submit button just closes it has that button alone */}
            {onSubmit !== onClose && (
              <button type="button" className="btn" onClick={onClose} data-testid="dialog-dismiss">
                {onSubmit ? t('common.cancel') : t('common.close')}
              </button>
            )}
            {extra}
            {onSubmit && (
              <button type="submit" className={`btn btn-${submitTone}`} disabled={submitDisabled || busy}>
                {busy ? <Spinner /> : null}
                {submitLabel ?? t('common.ok')}
              </button>
            )}
          </footer>
        </form>
      </div>
    </div>
  );
}

export function Toasts() {
  const { toasts, dismiss } = useToast();
  const { t } = useTranslation();
  return (
    <div className="toasts" aria-live="polite" aria-atomic="false">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <Icon name={x.kind === 'error' ? 'warning' : x.kind === 'success' ? 'check' : 'info'} size={16} />
          <span className="toast-text">{x.text}</span>
          <button type="button" className="btn btn-icon btn-small" onClick={() => dismiss(x.id)} aria-label={t('common.close')}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** A dialog asking for one name (clone: the copy's name; freeze: the version label). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, InlineError } from '../../components/ui';

export function NameDialog({
  title,
  label,
  initial,
  help,
  submitLabel,
  onClose,
  onSubmit,
  busy,
  testId,
}: {
  title: string;
  label: string;
  initial: string;
  help?: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (v: string) => Promise<void>;
  busy: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      submitLabel={submitLabel}
      busy={busy}
      testId={testId}
      onSubmit={async () => {
        if (!value.trim()) {
          setError(t('validation.empty', { field: label }));
          return;
        }
        await onSubmit(value.trim());
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="nd-value">
          {label}
        </label>
        <input
          id="nd-value"
          type="text"
          value={value}
          maxLength={100}
          onChange={(e) => setValue(e.target.value)}
          data-testid="nd-value"
          aria-invalid={!!error}
        />
        <InlineError>{error}</InlineError>
        {help && <p className="field-help">{help}</p>}
      </div>
    </Dialog>
  );
}

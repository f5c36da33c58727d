/**
 * The confirm dialog for values the API found far from what is known (a 'needs_confirmation'
 * answer): it lists each warning in the user's language; the submit button repeats the request with
 * confirm: true (确认保存), Cancel stores nothing.
 */
import { useTranslation } from 'react-i18next';
import type { ValueWarning } from '../lib/errors';
import { Dialog } from './ui';

export function ConfirmValues({
  warnings,
  onConfirm,
  onCancel,
  busy,
}: {
  warnings: ValueWarning[];
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <Dialog
      title={t('plausibility.confirmTitle')}
      onClose={onCancel}
      onSubmit={onConfirm}
      submitLabel={t('plausibility.saveAnyway')}
      busy={busy}
      initialFocus="submit"
      testId="confirm-values"
    >
      <p>{t('plausibility.confirmLede')}</p>
      <ul className="confirm-values" data-testid="confirm-values-list">
        {warnings.map((w, i) => (
          <li key={i}>{zh ? w.message_zh : w.message_en}</li>
        ))}
      </ul>
    </Dialog>
  );
}

/** The 导出汇报材料 button of a screen: asks the shell (through the action bus) to open the dialog. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useActionBus } from '../../state/actions';
import './briefing.css';

export function BriefingButton() {
  const { t } = useTranslation();
  const bus = useActionBus();
  return (
    <button
      type="button"
      className="btn"
      onClick={() => bus.emit('file.exportBriefing')}
      title={t('briefing.openTip')}
      data-testid="briefing-open"
    >
      <Icon name="file" size={16} />
      {t('briefing.open')}
    </button>
  );
}

/** Buttons at the right of a screen's head. */
export function HeadActions({ children }: { children: React.ReactNode }) {
  return <div className="head-actions">{children}</div>;
}

/** The dialogs of 情景管理: create (or a child), clone, freeze, empty the trash (asks first). */
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../state/api-context';
import { Dialog } from '../../components/ui';
import { useApp } from '../../state/app';
import { CreateDialog } from './CreateDialog';
import { NameDialog } from './NameDialog';
import type { DialogState, Run } from './types';

export function ScenarioDialogs({
  dialog,
  setDialog,
  busy,
  run,
}: {
  dialog: DialogState;
  setDialog: Dispatch<SetStateAction<DialogState>>;
  busy: boolean;
  run: Run;
}) {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  return (
    <>
      {dialog?.kind === 'create' && (
        <CreateDialog
          parent={dialog.parent}
          scenarios={app.scenarios}
          onClose={() => setDialog(null)}
          onCreate={async (req) => {
            const s = await run(
              () => client.call('scenarios:create', req),
              (v) => t('scenarios.created', { name: v.name }),
            );
            if (s) {
              setDialog(null);
              app.setCurrentId(s.id);
            }
          }}
          busy={busy}
        />
      )}
      {dialog?.kind === 'clone' && (
        <NameDialog
          title={t('scenarios.cloneTitle', { name: app.nameOf(dialog.source) })}
          label={t('scenarios.name')}
          initial={t('scenarios.copyName', { name: dialog.source.name })}
          submitLabel={t('scenarios.clone')}
          onClose={() => setDialog(null)}
          busy={busy}
          onSubmit={async (name) => {
            const s = await run(
              () => client.call('scenarios:clone', { id: dialog.source.id, name }),
              (v) => t('scenarios.created', { name: v.name }),
            );
            if (s) {
              setDialog(null);
              app.setCurrentId(s.id);
            }
          }}
        />
      )}
      {dialog?.kind === 'freeze' && (
        <NameDialog
          title={t('scenarios.freezeTitle', { name: app.nameOf(dialog.scenario) })}
          label={t('scenarios.freezeLabel')}
          initial={t('scenarios.freezeDefault')}
          help={t('scenarios.freezeHelp')}
          submitLabel={t('scenarios.freeze')}
          onClose={() => setDialog(null)}
          busy={busy}
          onSubmit={async (label) => {
            await app.flushPending();
            const s = await run(
              () => client.call('scenarios:freeze', { id: dialog.scenario.id, label }),
              () => t('scenarios.frozenDone', { label }),
            );
            if (s) setDialog(null);
          }}
          testId="freeze-dialog"
        />
      )}
      {dialog?.kind === 'emptyTrash' && (
        <Dialog
          title={t('scenarios.emptyTrashTitle')}
          onClose={() => setDialog(null)}
          submitLabel={t('scenarios.emptyTrash')}
          submitTone="danger"
          busy={busy}
          testId="empty-trash-dialog"
          onSubmit={async () => {
            const r = await run(
              () => client.call('scenarios:emptyTrash', { confirm: true }),
              (v) => t('scenarios.trashEmptied', { n: v.removed }),
            );
            if (r) setDialog(null);
          }}
        >
          <p>{t('scenarios.emptyTrashWarn')}</p>
        </Dialog>
      )}
    </>
  );
}

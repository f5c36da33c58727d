/**
 * 哪个假设驱动哪些指标: the assumptions × targets heatmap (models/sensitivity sensitivityMatrix):
 * each uncertain assumption moved from the low to the high end of its range, the others at their
 * centre; the colour is the change of each target, scaled by the largest change of that target.
 * Lazily loaded (it brings the sensitivity model), in a dialog from the scoreboard and the workbench.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectionInput } from '../../../../models/types';
import { sensitivityMatrix } from '../../../../models/sensitivity';
import { heatmapFigure } from '../../lib/uncertainty-figures';
import { heatmapHeight, tidyHeatmap } from '../../lib/uncertainty-layout';
import { isZh } from '../../lib/format';
import { localizeError } from '../../lib/errors';
import { Dialog, EmptyState, InlineError, Spinner } from '../../components/ui';
import { UncertaintyChart } from './parts';
import './uncertainty.css';

export function DriversDialog({ input, onClose }: { input: ProjectionInput | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const zh = isZh(i18n.language);
  const computed = useMemo(() => {
    if (!input) return null;
    try {
      return { matrix: sensitivityMatrix(input), error: null };
    } catch (error) {
      return { matrix: null, error };
    }
  }, [input]);
  const figure = useMemo(
    () =>
      computed?.matrix && computed.matrix.assumptions.length > 0
        ? tidyHeatmap(heatmapFigure(computed.matrix, { en: !zh }), { colChars: zh ? 12 : 24, rowChars: zh ? 18 : 36 })
        : null,
    [computed, zh],
  );
  const rows = figure ? (figure.data[0] as { y: string[] }).y.length : 0;
  const cols = figure ? (figure.data[0] as { x: string[] }).x.length : 0;
  return (
    <Dialog title={t('uncertainty.matrix.title')} onClose={onClose} wide testId="drivers-dialog">
      <div className="drivers-body">
        {!computed ? (
          <Spinner label={t('common.loading')} />
        ) : computed.error ? (
          <InlineError>{localizeError(computed.error, i18n.language).message}</InlineError>
        ) : !figure ? (
          <EmptyState icon="info" title={t('uncertainty.empty.title')}>
            {t('uncertainty.empty.body')}
          </EmptyState>
        ) : (
          <>
            <p className="lede">{t('uncertainty.matrix.lede', { rows, cols })}</p>
            <UncertaintyChart
              figure={figure}
              height={heatmapHeight(rows)}
              testId="heatmap-chart"
              label={t('uncertainty.matrix.title')}
              fileName="假设-指标敏感性矩阵"
            />
            <p className="unc-caption">{t('uncertainty.matrix.note')}</p>
          </>
        )}
      </div>
    </Dialog>
  );
}

/** The chart's words in the user's language, shared by the workbench and the presentation. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureText } from '../lib/figure';
import { reliabilityWord } from '../../../models/reliability';

export function useFigureText(): FigureText {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      lang: i18n.language,
      actual: t('chart.actual'),
      target: t('chart.target'),
      timePath: t('chart.timePath'),
      band: t('chart.band'),
      assumed: t('assumed.tag'),
      projected: t('chart.projected'),
      source: t('chart.source'),
      date: t('chart.date'),
      reliability: (r) => reliabilityWord(r, i18n.language),
      valueKind: (k: string) => t(`valueKind.${k}`),
      computed: t('chart.computed'),
      actualsThenForecast: [t('chart.actuals'), t('chart.forecast')],
      yearSuffix: (y: number) => t('chart.year', { year: y }),
    }),
    [t, i18n.language],
  );
}

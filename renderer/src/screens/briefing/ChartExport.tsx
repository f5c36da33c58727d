/**
 * 导出PNG / 导出SVG for a chart: Plotly.toImage of the drawn chart (offline, from the page's own
 * SVG; PNG through a canvas from a data: image, which the CSP allows), saved as a file — a
 * download in the web host, the save dialog in the desktop app.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { loadPlotly } from '../../components/Plot';
import { dataUrlToBytes, safeFileName, saveBytes } from '../../lib/download';
import { useToast } from '../../state/app';
import './briefing.css';

type ImageFormat = 'png' | 'svg';
interface ToImage {
  toImage(el: HTMLElement, opts: { format: ImageFormat; width: number; height: number; scale?: number }): Promise<string>;
}

/** Makes the image of the chart drawn inside `container` (its .plot-surface) as a data: URL. */
async function chartImage(container: HTMLElement, format: ImageFormat): Promise<string> {
  const el = container.matches('.plot-surface') ? container : container.querySelector<HTMLElement>('.plot-surface');
  if (!el || !el.querySelector('.main-svg')) throw new Error('chart not drawn');
  const plotly = (await loadPlotly()) as unknown as ToImage;
  const width = Math.max(320, Math.round(el.clientWidth || 800));
  const height = Math.max(240, Math.round(el.clientHeight || 450));
  return plotly.toImage(el, { format, width, height, scale: format === 'png' ? 2 : 1 });
}

/** `container`: the element holding the chart (its Plot), looked up when a button is pressed. */
export function ChartExport({
  container,
  fileName,
  compact = false,
  testId = 'chart-export',
}: {
  container: () => HTMLElement | null;
  fileName: string;
  compact?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [busy, setBusy] = useState<ImageFormat | null>(null);
  const run = async (format: ImageFormat) => {
    const el = container();
    if (!el || busy) return;
    setBusy(format);
    try {
      const url = await chartImage(el, format);
      const { bytes, mime } = dataUrlToBytes(url);
      const name = safeFileName(fileName, format);
      const ok = await saveBytes(name, bytes, mime);
      if (ok) toast.push(t('briefing.imageSaved', { name }), 'success');
    } catch (err) {
      if (err instanceof Error && err.message === 'chart not drawn') toast.push(t('briefing.chartNotReady'), 'error');
      else toast.error(err, t('briefing.imageFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div
      className={`chart-export ${compact ? 'chart-export-compact' : ''}`}
      role="group"
      aria-label={t('briefing.exportChart')}
      data-testid={testId}
    >
      {(['png', 'svg'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="btn btn-ghost"
          onClick={() => void run(f)}
          disabled={busy !== null}
          title={t(f === 'png' ? 'briefing.pngTip' : 'briefing.svgTip')}
          data-testid={`${testId}-${f}`}
        >
          <Icon name="download" size={compact ? 12 : 14} />
          {t(f === 'png' ? 'briefing.png' : 'briefing.svg')}
        </button>
      ))}
    </div>
  );
}

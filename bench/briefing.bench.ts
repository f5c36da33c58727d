/**
 * Briefing pack speed: producing the workbook and the PDF (汇报材料) for the real plan with its
 * three preset scenarios, each separately and both together (as `exportBriefing` does), with
 * Chromium launched cold as in a real export. Files go to a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportBriefing } from '../scenarios/briefing/export';
import { buildBriefingInput, briefingHtmlWithFont, presetScenarios } from '../scenarios/briefing/pack';
import { launchChromium, renderPdf } from '../scenarios/briefing/pdf';
import { buildWorkbook } from '../scenarios/briefing/workbook';
import { writeFileAtomic } from '../scenarios/briefing/files';
import { loadDefaultPlan } from '../scenarios/plan/load';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

export async function benchBriefing(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-bench-'));
  const figures: BenchFigure[] = [];
  try {
    const plan = loadDefaultPlan();
    const [tInput, input] = await timed(() =>
      buildBriefingInput({ plan, scenarios: presetScenarios(plan, 'zh-CN'), language: 'zh-CN', generated_at: new Date().toISOString() }),
    );
    figures.push({ name: 'assemble input: 3 scenarios projected', value: tInput, unit: 'ms', aim: 200 });

    // workbook: build + atomic write, 3 runs
    const wb: number[] = [];
    let wbBytes = 0;
    for (let i = 0; i < 3; i++) {
      const [t, buf] = await timed(async () => {
        const b = await buildWorkbook(input);
        await writeFileAtomic(path.join(dir, 'b.xlsx'), b);
        return b;
      });
      wb.push(t);
      wbBytes = buf.length;
    }
    figures.push({ name: 'workbook (.xlsx), 3 scenarios, median of 3', value: median(wb), unit: 'ms', aim: 1000 });
    figures.push({ name: 'workbook size', value: wbBytes / 1024, unit: 'KB' });

    // HTML with the inlined font
    const [tHtml, html] = await timed(() => briefingHtmlWithFont(input));
    figures.push({ name: 'print HTML with font subset, 3 scenarios', value: tHtml, unit: 'ms', aim: 500 });
    figures.push({ name: 'print HTML size', value: html.length / 1024 / 1024, unit: 'MB' });

    // PDF: cold (Chromium launched per export), then warm (a browser reused)
    const [tCold, cold] = await timed(() => renderPdf(html, path.join(dir, 'b.pdf')));
    figures.push({ name: `PDF, 3 scenarios (${cold.pages} pages), Chromium cold`, value: tCold, unit: 'ms', aim: 6000 });
    figures.push({ name: 'PDF size', value: cold.bytes / 1024 / 1024, unit: 'MB' });
    const browser = await launchChromium();
    try {
      const warm: number[] = [];
      for (let i = 0; i < 2; i++) warm.push((await timed(() => renderPdf(html, path.join(dir, 'w.pdf'), { browser })))[0]);
      figures.push({ name: 'PDF, 3 scenarios, browser warm, median of 2', value: median(warm), unit: 'ms', aim: 4000 });
    } finally {
      await browser.close();
    }

    // one scenario alone, both files
    const single = buildBriefingInput({ plan, scenarios: presetScenarios(plan, 'zh-CN', ['baseline']), language: 'zh-CN' });
    const [tSingle] = await timed(() => exportBriefing({ input: single, xlsx: path.join(dir, 's.xlsx'), pdf: path.join(dir, 's.pdf') }));
    figures.push({ name: 'workbook + PDF, 1 scenario (exportBriefing)', value: tSingle, unit: 'ms', aim: 5000 });

    // everything, as the export button does it
    const [tTotal] = await timed(() => exportBriefing({ input, xlsx: path.join(dir, 't.xlsx'), pdf: path.join(dir, 't.pdf') }));
    figures.push({ name: 'workbook + PDF, 3 scenarios (exportBriefing), total', value: tTotal, unit: 'ms', aim: 8000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

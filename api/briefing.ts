/**
 * The briefing pack through the API: the workbook and the PDF for one to four scenarios, built
 * from the same projections the screens show (stored actuals plus the nowcast of the year under
 * way). The PDF is rendered by the host: Electron's printToPDF in the desktop app, Debian's
 * Chromium (playwright-core) for the web host and the CLI — from the same HTML.
 */
import { comparisonSeed, simulatePlan } from '../models/montecarlo';
import { targetsWithRange } from '../models/probability';
import type { EvalSettings, Plan } from '../models/schema';
import type { BriefingFile } from '../contract/types';
import type { ProjectionInput } from '../models/types';
import { buildBriefingInput, briefingHtmlWithFont } from '../scenarios/briefing/pack';
import type { BriefingActual, BriefingLanguage, BriefingSimulation, PercentileSet } from '../scenarios/briefing/types';
import { buildFinalReport } from '../scenarios/briefing/final-report';
import { buildFinalReportDocx } from '../scenarios/briefing/final-report-docx';
import { finalReportHtmlWithFont } from '../scenarios/briefing/final-report-html';
import { STATUS_ORDER, STATUS_WORDS } from '../scenarios/briefing/terms';
import { buildWorkbook } from '../scenarios/briefing/workbook';
import type { ScenarioStore } from '../scenarios/store/store';

/** Turns a standalone HTML document into PDF bytes. */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

export interface BriefingRequest {
  ids: string[];
  format: 'xlsx' | 'pdf' | 'docx' | 'report_pdf';
  language?: BriefingLanguage;
}

/** Draws per scenario in a pack: the workbench's default run, so the pack prints what the screen showed. */
export const PACK_DRAWS = 10_000;

/**
 * Each scenario simulated with its own values and the pack's common seed (comparisonSeed: the
 * first scenario's, so the scenarios' probabilities differ by their assumptions only, not by
 * sampling; a pack of one scenario prints the numbers of its run on the workbench); a target without any uncertain input upstream gets no probability
 * (the pack prints 未设区间).
 */
function packSimulation(input: ProjectionInput, draws: number, seed: number): BriefingSimulation {
  const ranged = targetsWithRange(input);
  const result = simulatePlan({ ...input, draws, seed });
  return {
    runs: result.draws_done,
    targets: result.targets.map((t) => ({
      id: t.id,
      p_meet: ranged.has(t.id) ? t.p_meet : null,
      percentiles: ranged.has(t.id) ? (t.percentiles as unknown as Record<string, PercentileSet>) : null,
    })),
  };
}

export async function exportBriefingFile(
  store: ScenarioStore,
  plan: Plan,
  req: BriefingRequest,
  ctx: {
    actuals: BriefingActual[];
    history?: BriefingActual[];
    settings: Partial<EvalSettings>;
    author: string;
    renderPdf: PdfRenderer;
    now: Date;
    draws?: number;
  },
): Promise<BriefingFile> {
  const seed = req.ids.length ? comparisonSeed(req.ids.map((id) => store.get(id).seed)) : 0;
  const scenarios = req.ids.map((id) => {
    const meta = store.get(id);
    const assumptions = store.resolve(id).assumptions;
    return {
      id: meta.id,
      name: meta.name,
      description: meta.description,
      frozen_label: meta.frozen_label,
      assumptions,
      simulation:
        ctx.draws === 0
          ? null
          : packSimulation({ plan, assumptions, actuals: ctx.actuals, settings: ctx.settings }, ctx.draws ?? PACK_DRAWS, seed),
    };
  });
  const input = buildBriefingInput({
    plan,
    scenarios,
    actuals: ctx.actuals,
    history: ctx.history,
    settings: ctx.settings,
    language: req.language ?? 'zh-CN',
    generated_at: ctx.now,
    author: ctx.author,
  });
  const stamp = ctx.now.toISOString().slice(0, 10);
  const names = scenarios
    .map((s) => s.name)
    .join('-')
    .replace(/[\\/:*?"<>|]/g, '_')
    .slice(0, 60);
  const base = req.language === 'en' ? `briefing-${names}-${stamp}` : `汇报材料-${names}-${stamp}`;
  if (req.format === 'docx' || req.format === 'report_pdf') {
    const report = buildFinalReport(input);
    const reportBase = req.language === 'en' ? `final-evaluation-${names}-${stamp}` : `终期评估报告-${names}-${stamp}`;
    const words = { statusWords: STATUS_WORDS[input.language], statusOrder: STATUS_ORDER };
    const bytes =
      req.format === 'docx' ? await buildFinalReportDocx(report, words) : await ctx.renderPdf(finalReportHtmlWithFont(report, words));
    const ext = req.format === 'docx' ? 'docx' : 'pdf';
    return { file_name: `${reportBase}.${ext}`, content_base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
  }
  const bytes = req.format === 'xlsx' ? await buildWorkbook(input) : await ctx.renderPdf(briefingHtmlWithFont(input));
  return { file_name: `${base}.${req.format}`, content_base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
}

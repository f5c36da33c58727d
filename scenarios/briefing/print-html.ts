/**
 * The print layout of the briefing pack (汇报材料): one standalone HTML document (no scripts, no
 * external references; fonts come in `fontCss` as data: URLs) that Chromium prints to PDF here and
 * Electron's printToPDF prints in the desktop app.
 *
 *   cover  plan title, 汇报材料, scenarios, date, the note on assumed values
 *   总览   the roll-up by status per scenario (coloured chips) and the scoreboard of every target
 *   一..四 one section per part of the plan (总体目标 first): per target a trajectory chart (inline
 *          SVG), the drafted sentence per scenario, the latest actual, the plan's words, the
 *          responsible units
 *   附录   assumptions (rationale, sources), actuals and their sources, how the status is judged
 *
 * A4 with margins, page numbers in the page margin (CSS margin boxes), a page break before each
 * section. Pure: no Node APIs.
 *
 * This file puts the document together; each part is a module of print/: the word tables
 * (words.ts) and the style sheet (style.ts) as data, the layout by section (cover.ts,
 * overview.ts, targets.ts, appendices.ts) and the small pieces they share (markup.ts).
 */
import { checkInput, type BriefingInput } from './types';
import { cover } from './print/cover';
import { overview } from './print/overview';
import { planSection } from './print/targets';
import { assumptionsAppendix, actualsAppendix, methodAppendix, koujingAppendix } from './print/appendices';
import { css } from './print/style';
import { esc } from './print/markup';

/** The policy of every printed document: no scripts, nothing but inline styles and data: fonts and images. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

export interface BriefingHtmlOptions {
  /** @font-face rules (url()s or data: URLs) for the family 'BriefingSans'; '' for system fonts. */
  fontCss: string;
}

/** The complete standalone HTML document of the briefing (汇报材料). */
export function buildBriefingHtml(input: BriefingInput, opts: BriefingHtmlOptions): string {
  checkInput(input);
  const { plan, language: lang } = input;
  const zh = lang === 'zh-CN';
  const sections = plan.sections.filter((s) => plan.targets.some((t) => t.section === s.id)).map((s) => planSection(input, s.id));
  // targets in sections the plan does not list still appear, last
  const known = new Set(plan.sections.map((s) => s.id));
  const orphans = [...new Set(plan.targets.filter((t) => !known.has(t.section)).map((t) => t.section))];
  for (const id of orphans) sections.push(planSection(input, id));
  const title = zh ? `${plan.title_zh} 汇报材料` : `${plan.title_en} — briefing pack`;
  return `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<title>${esc(title)}</title>
<style>
${css(input, opts.fontCss)}
</style>
</head>
<body>
${cover(input)}
${overview(input)}
${sections.join('\n')}
${assumptionsAppendix(input)}
${actualsAppendix(input)}
${methodAppendix(input)}
${koujingAppendix(input)}
</body>
</html>
`;
}

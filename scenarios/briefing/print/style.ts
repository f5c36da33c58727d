/**
 * The print style sheet of the briefing: the page rules (A4, the running header and the page
 * numbers, which depend on the plan and the language) and the rules of every section, which are
 * data: one constant, the same for every pack.
 */
import { CHART_FONT_STACK } from '../chart';
import type { BriefingInput } from '../types';

const font = CHART_FONT_STACK;

/** The rules of every part of the document (cover, 总览, target cards, appendices, method). */
const SECTION_RULES = `* { box-sizing: border-box; }
html { font-family: ${font}; font-size: 9.5pt; line-height: 1.5; color: #1f2328; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1, h2, h3, h4 { font-weight: 700; margin: 0; break-after: avoid; }
h2 { font-size: 15pt; color: #0b3d7a; border-bottom: 2px solid #0b3d7a; padding-bottom: 2mm; margin-bottom: 3mm; }
h3 { font-size: 11pt; color: #1f2328; margin: 4mm 0 2mm; }
h4 { font-size: 10.5pt; display: inline; }
p { margin: 0 0 2mm; }
section { break-before: page; }
section.cover { break-before: auto; min-height: 255mm; display: flex; flex-direction: column; padding: 18mm 6mm 0; }
.cover .issuer { font-size: 11pt; color: #57606a; letter-spacing: 0.1em; }
.cover h1 { font-size: 24pt; line-height: 1.35; color: #0b3d7a; margin-top: 24mm; }
.nobreak { white-space: nowrap; }
.stale { color: #a3191f; font-weight: 700; }
.cover .subtitle-zh { font-size: 12pt; color: #57606a; margin-top: 3mm; }
.cover .pack { font-size: 30pt; font-weight: 700; margin: 10mm 0 12mm; color: #1f2328; border-top: 3px solid #cf222e; padding-top: 6mm; width: 100%; }
.cover .pack.zh { letter-spacing: 0.3em; }
.cover .pack .pack-zh { font-size: 14pt; font-weight: 400; color: #57606a; margin-left: 3mm; }
.cover-meta { border-collapse: collapse; font-size: 11pt; width: auto; align-self: flex-start; }
.cover-meta th { text-align: left; font-weight: 400; color: #57606a; padding: 1mm 4mm 1mm 0; white-space: nowrap; vertical-align: top; }
.cover-meta td { padding: 1mm 0; }
.cover-headline { font-size: 12pt; font-weight: 700; margin-top: 8mm; }
.contents { margin-top: 6mm; font-size: 10pt; color: #424a53; }
.contents-title { font-weight: 700; }
.contents ol { margin: 1mm 0 0; padding-left: 6mm; }
.cover-note { margin-top: auto; font-size: 9.5pt; color: #57606a; border-top: 1px solid #d0d7de; padding-top: 3mm; }
.lead { color: #424a53; }
.legend { font-size: 8.5pt; color: #57606a; }
.chip { display: inline-block; border: 0.5px solid; border-radius: 7px; padding: 0 1.6mm; font-size: 7.5pt; line-height: 1.55; white-space: nowrap; font-weight: 700; }
.swatch { display: inline-block; width: 3mm; height: 3mm; border-radius: 1px; margin-right: 1.2mm; vertical-align: -0.3mm; }
.assumed { font-style: italic; color: #6e7781; }
.assumed .tag { font-style: normal; font-size: 6.5pt; border: 0.5px solid #8c959f; border-radius: 2px; padding: 0 0.6mm; margin-left: 0.8mm; vertical-align: 0.4mm; }
.rollups { margin: 2mm 0 3mm; }
.rollup { margin: 1mm 0; display: flex; flex-wrap: wrap; align-items: center; gap: 1.2mm; }
.rollup-name { font-weight: 700; min-width: 20mm; }
.rollup-sum { color: #424a53; margin-left: 2mm; font-size: 8.5pt; }
.rollup-assumed { flex-basis: 100%; color: #424a53; font-size: 8pt; margin-left: 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.scoreboard { font-size: 8pt; table-layout: fixed; }
.scoreboard th { background: #eef1f4; padding: 1mm; font-size: 7.5pt; border-bottom: 1px solid #afb8c1; }
.scoreboard th.scn { text-align: center; border-left: 1px solid #d0d7de; }
.scoreboard td { padding: 0.35mm 1mm; border-bottom: 0.5px solid #e1e4e8; line-height: 1.35; }
.scoreboard .chip { line-height: 1.4; font-size: 7pt; }
.scoreboard td.num, .scoreboard th.num { text-align: right; }
.scoreboard tr.sec td { background: #f6f8fa; font-weight: 700; color: #0b3d7a; padding-top: 1mm; }
.scoreboard .prob { display: block; font-size: 6.5pt; color: #57606a; }
.overview.wide { page: wide; }
article.target { break-inside: avoid; border-top: 1px solid #d0d7de; padding: 2.5mm 0 2mm; }
article.target header { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; margin-bottom: 1.5mm; }
article.target .goal { color: #cf222e; font-weight: 700; font-size: 9pt; white-space: nowrap; }
.headline { font-size: 7pt; font-weight: 400; color: #57606a; border: 0.5px solid #8c959f; border-radius: 2px; padding: 0 1mm; margin-left: 2mm; vertical-align: 0.5mm; }
article.target .body { display: flex; gap: 4mm; }
article.target .chart { flex: 0 0 76mm; }
article.target .chart svg { width: 76mm; height: auto; display: block; }
article.target .text { flex: 1 1 auto; min-width: 0; }
ul.drafts { list-style: none; margin: 0 0 1.5mm; padding: 0; }
ul.drafts li { margin: 0 0 1.2mm; font-size: 9pt; }
.meta { font-size: 7.8pt; color: #57606a; margin: 0 0 0.8mm; }
.meta b { color: #424a53; }
table.appendix { font-size: 7.5pt; table-layout: fixed; margin-bottom: 3mm; }
table.appendix th { background: #eef1f4; padding: 1mm; border-bottom: 1px solid #afb8c1; }
table.appendix td { padding: 1mm; border-bottom: 0.5px solid #e1e4e8; overflow-wrap: anywhere; }
table.appendix td.num, table.appendix th.num { text-align: right; }
table.appendix .sub { color: #6e7781; font-size: 6.8pt; }
table.appendix td.url { word-break: break-all; }
table.appendix .assumed .v { display: block; }
table.appendix .assumed .tag { margin-left: 0; }
.keep { break-inside: avoid; break-after: avoid; }
section.appendix h3 { break-after: avoid; }
section.appendix + section.appendix { break-before: page; }
.method ol { padding-left: 6mm; }
.method li { margin-bottom: 2mm; }
.method-rule h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.method-rule p { margin: 0 0 1.5mm; break-inside: avoid; }
.method-examples { border-left: 0.6mm solid #1d4f91; padding: 1mm 3mm; margin: 1.5mm 0 3mm; background: #f5f7fa; break-inside: avoid; }
.method-examples h4 { font-size: 9pt; margin: 0 0 1mm; color: #57606a; }
.method-examples ul { margin: 0; padding-left: 5mm; }
.method-examples li { margin-bottom: 1mm; }
`;

/** A CSS string literal's content: quotes, backslashes, '<' and newlines escaped. */
function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3c ').replace(/\n/g, '\\a ');
}

/** The whole style sheet: the font faces, the page rules of this pack, then the section rules. */
export function css(input: BriefingInput, fontCss: string): string {
  const zh = input.language === 'zh-CN';
  const running = cssString(zh ? `${input.plan.title_zh}\u3000汇报材料` : `${input.plan.title_en} — briefing pack`);
  const pageNo = zh ? '"第 " counter(page) " 页，共 " counter(pages) " 页"' : '"Page " counter(page) " of " counter(pages)';
  return `${fontCss.replace(/<\/style/gi, '<\\/style')}
@page { size: A4; margin: 16mm 14mm 17mm 14mm;
  @top-right { content: "${running}"; font-family: ${font}; font-size: 7.5pt; color: #6e7781; }
  @bottom-center { content: ${pageNo}; font-family: ${font}; font-size: 8pt; color: #6e7781; } }
@page :first { @top-right { content: none; } @bottom-center { content: none; } }
@page wide { size: A4 landscape; }
${SECTION_RULES}`;
}

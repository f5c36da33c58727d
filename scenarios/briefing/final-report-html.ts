/**
 * The final evaluation (终期评估报告) as a print layout, for the PDF: the same content as the DOCX
 * (final-report.ts), A4 with official-document margins, page numbers, a contents list. Fonts:
 * 方正小标宋 / 黑体 / 仿宋 where the machine has them, the bundled Noto Sans SC subset otherwise.
 * One standalone HTML document: no scripts, no external references. Pure: no Node APIs.
 */
import { escapeXml } from './chart';
import { fontCssFor } from './font';
import type { FinalReport } from './final-report';
import { PRINT_CSP } from './print-html';

const esc = escapeXml;

const STACK = {
  title: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'STZhongsong', 'BriefingSans', serif",
  heading: "'黑体', 'SimHei', 'STHeiti', 'BriefingSans', sans-serif",
  body: "'仿宋', 'FangSong', 'STFangsong', '仿宋_GB2312', 'BriefingSans', serif",
};

function css(report: FinalReport, fontCss: string): string {
  const zh = report.language === 'zh-CN';
  const pageNo = zh ? '"— " counter(page) " —"' : '"— " counter(page) " —"';
  return `${fontCss.replace(/<\/style/gi, '<\\/style')}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: ${pageNo}; font-family: 'Times New Roman', serif; font-size: 12pt; } }
@page :first { @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { font-family: ${STACK.body}; font-size: 14pt; line-height: 1.75; color: #000; }
body { margin: 0; }
h1 { font-family: ${STACK.title}; font-size: 22pt; font-weight: 400; text-align: center; line-height: 1.5; margin: 40mm 0 4mm; }
.subtitle, .meta { text-align: center; }
.meta { margin-top: 2mm; }
h2 { font-family: ${STACK.heading}; font-size: 16pt; font-weight: 400; margin: 6mm 0 2mm; break-after: avoid; }
p { text-indent: 2em; margin: 0 0 1mm; text-align: justify; }
p.plain { text-indent: 0; }
section.cover { break-after: page; }
section.toc { break-after: page; }
.toc h2 { text-align: center; }
.toc ol { list-style: none; padding: 0; }
.toc li { font-size: 14pt; line-height: 2; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9pt; line-height: 1.4; }
th, td { border: 0.6pt solid #000; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
th { font-family: ${STACK.heading}; font-weight: 400; background: #e7ecf3; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.section td { background: #f4f6f9; font-family: ${STACK.heading}; }
td.num, th.num { text-align: center; white-space: nowrap; }
.note { font-size: 10pt; text-indent: 0; }
.annex li { font-size: 10pt; line-height: 1.5; }
/* titles never break inside brackets */
.nobreak { white-space: nowrap; }
`;
}

/** Keeps a bracketed part of a title together: (2024—2026年) never splits across lines. */
function titleHtml(title: string): string {
  return esc(title).replace(/([（(][^（）()]{1,24}[）)])/g, '<span class="nobreak">$1</span>');
}

export interface ReportHtmlOptions {
  fontCss: string;
  statusWords: Record<string, string>;
  statusOrder: readonly string[];
}

function buildFinalReportHtml(report: FinalReport, opts: ReportHtmlOptions): string {
  const zh = report.language === 'zh-CN';
  const present = opts.statusOrder.filter((s) => (report.counts as Record<string, number | undefined>)[s]);
  const h = report.headings;
  const countsRows = [
    ...report.sections.map((s) => [
      s.title,
      String(s.rows.length),
      ...present.map((p) => String((s.counts as Record<string, number | undefined>)[p] ?? 0)),
    ]),
    [
      zh ? '合计' : 'Total',
      String(report.sections.reduce((a, s) => a + s.rows.length, 0)),
      ...present.map((p) => String((report.counts as Record<string, number | undefined>)[p] ?? 0)),
    ],
  ];
  const countsTable = `<table><thead><tr><th>${esc(zh ? '领域' : 'Area')}</th><th class="num">${esc(zh ? '指标数' : 'Targets')}</th>${present
    .map((p) => `<th class="num">${esc(opts.statusWords[p] ?? p)}</th>`)
    .join(
      '',
    )}</tr></thead><tbody>${countsRows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const table = `<table><thead><tr>${report.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${report.sections
    .map(
      (s) =>
        `<tr class="section"><td colspan="${report.columns.length}">${esc(s.title)}</td></tr>` +
        s.rows
          .map(
            (r) =>
              `<tr><td class="num">${r.no}</td><td>${esc(r.indicator)}</td><td>${esc(r.target)}</td><td>${esc(r.figure)}</td><td>${esc(r.basis_text)}</td><td>${esc(
                r.status_text + (r.assumed ? '*' : ''),
              )}</td><td>${esc(r.p_text)}</td><td>${esc(r.gap)}</td><td>${esc(r.responsible || '—')}</td><td>${esc(r.source)}</td></tr>`,
          )
          .join(''),
    )
    .join('')}</tbody></table>`;
  const problems =
    report.problems.length > 0
      ? report.problems.map((p, i) => `<p>${esc(zh ? `（${i + 1}）` : `(${i + 1}) `)}${esc(p.text)}</p>`).join('')
      : `<p>${esc(zh ? '各项指标均已完成或预计完成。' : 'Every target is met or expected to be met.')}</p>`;
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<title>${esc(report.title)}</title><style>${css(report, opts.fontCss)}</style></head>
<body>
<section class="cover"><h1>${titleHtml(report.title)}</h1><div class="subtitle">${esc(report.subtitle)}</div>
<div class="meta">${esc(zh ? `测算情景：${report.scenario}` : `Scenario: ${report.scenario}`)}</div>
<div class="meta">${esc(zh ? `数据截至：${report.data_as_of}` : `Data: ${report.data_as_of}`)}</div>
<div class="meta">${esc(report.date)}</div></section>
<section class="toc"><h2>${esc(h.toc)}</h2><ol>${[h.overall, h.table, h.sections, h.problems, h.definitions, ...(report.comparison ? [h.compare] : []), h.annex].map((x) => `<li>${esc(x)}</li>`).join('')}</ol></section>
<h2>${esc(h.overall)}</h2><p>${esc(report.lead)}</p>${countsTable}
<h2>${esc(h.table)}</h2>${table}${report.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}
<h2>${esc(h.sections)}</h2>${report.sections.map((s) => `<p>${esc(s.paragraph)}</p>`).join('')}
<h2>${esc(h.problems)}</h2>${problems}
<h2>${esc(h.definitions)}</h2>${report.definitions.map((d) => `<p>${esc(d)}</p>`).join('')}
${
  report.comparison
    ? `<h2>${esc(h.compare)}</h2><table><thead><tr><th>${esc(zh ? '指标' : 'Indicator')}</th>${report.comparison.scenarios.map((x) => `<th>${esc(x)}</th>`).join('')}</tr></thead><tbody>${report.comparison.rows
        .map((r) => `<tr><td>${esc(r.indicator)}</td>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : ''
}
<h2>${esc(h.annex)}</h2><ol class="annex">${report.sources.map((s) => `<li>${esc(`${s.indicator} · ${s.period} · ${s.value} · ${s.source}${s.revision ? `${report.language === 'zh-CN' ? '；' : '; '}${s.revision}` : ''}`)}</li>`).join('')}</ol>
</body></html>`;
}

/** The report's HTML with the bundled fallback font inlined (only the slices its text needs). */
export function finalReportHtmlWithFont(
  report: FinalReport,
  words: { statusWords: Record<string, string>; statusOrder: readonly string[] },
): string {
  const draft = buildFinalReportHtml(report, { fontCss: '', ...words });
  return buildFinalReportHtml(report, { fontCss: fontCssFor(draft), ...words });
}

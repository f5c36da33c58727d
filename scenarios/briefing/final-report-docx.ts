/**
 * The final evaluation (终期评估报告) as an editable Word/WPS document, written with the `docx`
 * package from the content of final-report.ts. Typography as official documents set it (GB/T 9704
 * in spirit): A4, title in 方正小标宋简体, headings in 黑体, body in 仿宋 at 三号 (16 pt) with a
 * first-line indent of two characters, tables in 仿宋 五号, page numbers centred in the footer,
 * a table of contents that Word and WPS refresh on opening. Where a machine lacks these fonts,
 * Word, WPS and LibreOffice substitute their own Song/Hei faces; the PDF writer bundles a fallback.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { FinalReport, ReportRow } from './final-report';

const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋',
  latin: 'Times New Roman',
} as const;

/** half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, heading: 32, body: 32, table: 21, small: 21 } as const;

const A4 = { width: 11906, height: 16838 };
const MM = 56.7; // twips per millimetre

function run(text: string, opts: { font?: string; size?: number; bold?: boolean } = {}): TextRun {
  const east = opts.font ?? FONTS.body;
  return new TextRun({
    text,
    bold: opts.bold,
    size: opts.size ?? SIZE.body,
    font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: east, cs: FONTS.latin },
  });
}

function body(text: string): Paragraph {
  return new Paragraph({
    children: [run(text)],
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' as never },
    alignment: AlignmentType.JUSTIFIED,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    children: [run(text, { font: FONTS.heading, size: SIZE.heading })],
    spacing: { before: 240, after: 120 },
  });
}

function cell(text: string, opts: { bold?: boolean; width?: number; shade?: string } = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({ children: [run(text, { size: SIZE.table, bold: opts.bold, font: opts.bold ? FONTS.heading : FONTS.body })] }),
    ],
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.shade ? { fill: opts.shade, color: 'auto', type: 'clear' as never } : undefined,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** Column widths of the completion table, in twips, summing to the text width of A4 landscape (247 mm). */
const WIDTHS = [550, 2450, 1400, 1300, 1200, 1150, 950, 1400, 1900, 1700];

function completionTable(report: FinalReport): Table {
  const head = new TableRow({
    tableHeader: true,
    children: report.columns.map((c, i) => cell(c, { bold: true, width: WIDTHS[i], shade: 'E7ECF3' })),
  });
  const rows = report.sections.flatMap((sec) => [
    new TableRow({
      children: [
        new TableCell({
          columnSpan: report.columns.length,
          children: [new Paragraph({ children: [run(sec.title, { size: SIZE.table, font: FONTS.heading })] })],
          shading: { fill: 'F4F6F9', color: 'auto', type: 'clear' as never },
        }),
      ],
    }),
    ...sec.rows.map((r) => rowOf(r)),
  ]);
  return new Table({
    rows: [head, ...rows],
    width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    borders: BORDERS,
    columnWidths: WIDTHS,
  });
}

function rowOf(r: ReportRow): TableRow {
  const status = `${r.status_text}${r.assumed ? '*' : ''}`;
  return new TableRow({
    cantSplit: true,
    children: [String(r.no), r.indicator, r.target, r.figure, r.basis_text, status, r.p_text, r.gap, r.responsible || '—', r.source].map(
      (text, i) => cell(text, { width: WIDTHS[i] }),
    ),
  });
}

function countsTable(report: FinalReport, statuses: string[], words: Record<string, string>): Table {
  const sectionWord = report.language === 'zh-CN' ? '领域' : 'Area';
  const totalWord = report.language === 'zh-CN' ? '合计' : 'Total';
  const countWord = report.language === 'zh-CN' ? '指标数' : 'Targets';
  const head = new TableRow({
    tableHeader: true,
    children: [sectionWord, countWord, ...statuses.map((s) => words[s])].map((c) => cell(c, { bold: true, shade: 'E7ECF3' })),
  });
  const line = (label: string, n: number, counts: Partial<Record<string, number>>) =>
    new TableRow({ children: [label, String(n), ...statuses.map((s) => String(counts[s] ?? 0))].map((c) => cell(c)) });
  const rows = report.sections.map((sec) => line(sec.title, sec.rows.length, sec.counts));
  const total = report.sections.reduce((a, s) => a + s.rows.length, 0);
  return new Table({
    rows: [head, ...rows, line(totalWord, total, report.counts)],
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
  });
}

export interface DocxOptions {
  /** status id -> word, in the order the roll-up lists them. */
  statusWords: Record<string, string>;
  statusOrder: readonly string[];
}

export async function buildFinalReportDocx(report: FinalReport, opts: DocxOptions): Promise<Uint8Array> {
  const zh = report.language === 'zh-CN';
  const present = opts.statusOrder.filter((s) => (report.counts as Record<string, number | undefined>)[s]);
  const tocEntries = [
    report.headings.overall,
    report.headings.table,
    report.headings.sections,
    report.headings.problems,
    report.headings.definitions,
    ...(report.comparison ? [report.headings.compare] : []),
    report.headings.annex,
  ].map((title) => ({ title, level: 1 }));
  const front = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 1200, after: 240 },
      children: [run(report.title, { font: FONTS.title, size: SIZE.title })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(report.subtitle, { font: FONTS.body, size: SIZE.body })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480 },
      children: [run(zh ? `测算情景：${report.scenario}` : `Scenario: ${report.scenario}`)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(zh ? `数据截至：${report.data_as_of}` : `Data: ${report.data_as_of}`)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(report.date)] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(report.headings.toc, { font: FONTS.heading, size: SIZE.heading })] }),
    new TableOfContents(report.headings.toc, { hyperlink: true, headingStyleRange: '1-1', cachedEntries: tocEntries }),
    new Paragraph({ children: [new PageBreak()] }),
    heading(report.headings.overall),
    body(report.lead),
    countsTable(report, present, opts.statusWords),
  ];
  // the completion table on landscape pages: nine columns read as a table, not a column of words
  const table = [
    heading(report.headings.table),
    completionTable(report),
    ...report.notes.map((n) => new Paragraph({ children: [run(n, { size: SIZE.small })] })),
  ];
  const rest = [
    heading(report.headings.sections),
    ...report.sections.map((sec) => body(sec.paragraph)),
    heading(report.headings.problems),
    ...(report.problems.length > 0
      ? report.problems.map((p, i) => body(`${zh ? `（${toChineseNumber(i + 1)}）` : `(${i + 1}) `}${p.text}`))
      : [body(zh ? '各项指标均已完成或预计完成。' : 'Every target is met or expected to be met.')]),
    heading(report.headings.definitions),
    ...report.definitions.map((d) => body(d)),
    ...(report.comparison ? [heading(report.headings.compare), comparisonTable(report.comparison, zh)] : []),
    heading(report.headings.annex),
    ...report.sources.map(
      (s) =>
        new Paragraph({
          children: [
            run(
              `${s.indicator} · ${s.period} · ${s.value} · ${s.source}${s.revision ? `${report.language === 'zh-CN' ? '；' : '; '}${s.revision}` : ''}`,
              { size: SIZE.small },
            ),
          ],
        }),
    ),
  ];
  const doc = new Document({
    creator: zh ? '咸宁新质生产力规划情景工作室' : 'Xianning Plan Scenario Studio',
    title: report.title,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.body }, size: SIZE.body } } },
      paragraphStyles: [
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: { ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia: FONTS.heading }, size: SIZE.heading, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
      ],
    },
    sections: [
      { properties: { page: portrait(), titlePage: false }, footers: { default: pageFooter() }, children: front },
      { properties: { page: landscape() }, footers: { default: pageFooter() }, children: table },
      { properties: { page: portrait() }, footers: { default: pageFooter() }, children: rest },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function comparisonTable(c: NonNullable<FinalReport['comparison']>, zh: boolean): Table {
  const head = new TableRow({
    tableHeader: true,
    children: [zh ? '指标' : 'Indicator', ...c.scenarios].map((x) => cell(x, { bold: true, shade: 'E7ECF3' })),
  });
  const rows = c.rows.map((r) => new TableRow({ cantSplit: true, children: [r.indicator, ...r.cells].map((x) => cell(x)) }));
  return new Table({ rows: [head, ...rows], width: { size: 100, type: WidthType.PERCENTAGE }, borders: BORDERS });
}

function portrait() {
  return {
    size: { width: A4.width, height: A4.height },
    margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
  };
}

function landscape() {
  // docx swaps width and height itself for a landscape page
  return {
    size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
    margin: { top: Math.round(25 * MM), bottom: Math.round(25 * MM), left: Math.round(25 * MM), right: Math.round(25 * MM) },
  };
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: FONTS.latin })],
      }),
    ],
  });
}

function toChineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}

/**
 * `exportBriefing` writes the workbook and/or the PDF (headless Chromium), each atomically
 * (temporary file, then rename). Used by the CLI path, tests and benchmarks.
 */
import { writeFileAtomic } from './files';
import { briefingHtmlWithFont } from './pack';
import { renderPdf, type RenderPdfOptions } from './pdf';
import { checkInput, type BriefingInput } from './types';
import { buildWorkbook } from './workbook';

export interface ExportBriefingArgs {
  input: BriefingInput;
  /** where to write the workbook (.xlsx); skipped when absent. */
  xlsx?: string;
  /** where to write the PDF; skipped when absent. */
  pdf?: string;
  pdfOptions?: RenderPdfOptions;
}

export interface ExportBriefingResult {
  xlsx?: { file: string; bytes: number; ms: number };
  pdf?: { file: string; bytes: number; pages: number; ms: number };
}

/** Writes the workbook and/or the PDF, each atomically. */
export async function exportBriefing(args: ExportBriefingArgs): Promise<ExportBriefingResult> {
  checkInput(args.input);
  const result: ExportBriefingResult = {};
  if (args.xlsx) {
    const t0 = performance.now();
    const buf = await buildWorkbook(args.input);
    await writeFileAtomic(args.xlsx, buf);
    result.xlsx = { file: args.xlsx, bytes: buf.length, ms: performance.now() - t0 };
  }
  if (args.pdf) {
    const t0 = performance.now();
    const html = briefingHtmlWithFont(args.input);
    const r = await renderPdf(html, args.pdf, args.pdfOptions);
    result.pdf = { file: args.pdf, bytes: r.bytes, pages: r.pages, ms: performance.now() - t0 };
  }
  return result;
}

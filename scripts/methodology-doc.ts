/**
 * Rewrites the methodology sections of docs/methodology.md (between the methodology markers) from
 * models/methodology.ts, so the page says what the app's help and the PDF's method appendix say,
 * with the worked examples as the real functions compute them.
 *
 *   npx tsx scripts/methodology-doc.ts          rewrite docs/methodology.md
 *   npx tsx scripts/methodology-doc.ts --check  exit 1 if the page is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { methodologySections } from '../models/methodology';

export const DOC_FILE = fileURLToPath(new URL('../docs/methodology.md', import.meta.url));
export const START = '<!-- methodology:start (generated from models/methodology.ts by scripts/methodology-doc.ts) -->';
export const END = '<!-- methodology:end -->';

/** The sections as Markdown: heading zh / en, each paragraph in both languages, the worked examples. */
export function methodologyMarkdown(): string {
  const out: string[] = [];
  for (const s of methodologySections()) {
    out.push(`## ${s.heading.zh} / ${s.heading.en}`, '');
    for (const p of s.paragraphs) out.push(p.zh, '', p.en, '');
    if (s.examples.length > 0) {
      out.push('Worked examples (示例):', '');
      for (const e of s.examples) out.push(`- ${e.zh}`, `  — ${e.en}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** The page with its generated block replaced (the markers must be there). */
export function withMethodology(doc: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/methodology.md: the markers ${START} … ${END} are missing`);
  return `${doc.slice(0, a + START.length)}\n\n${methodologyMarkdown()}\n${doc.slice(b)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const doc = readFileSync(DOC_FILE, 'utf8');
  const next = withMethodology(doc);
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      console.error('docs/methodology.md is out of date: run npx tsx scripts/methodology-doc.ts');
      process.exit(1);
    }
  } else if (next !== doc) writeFileSync(DOC_FILE, next);
}

/**
 * A small RFC 4180 CSV parser: quoted fields with "" escapes, commas and line breaks inside
 * quotes, CRLF / LF / CR line ends, a UTF-8 byte order mark, and a last line without a line end.
 * Also accepts ; or tab as the separator (detected from the first line) since Excel in some
 * locales writes those. Pure: unit-tested in Node.
 */

export interface CsvRecord {
  /** 1-based line number in the file where the record starts (for error messages). */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  delimiter: string;
  /** problems found (an unterminated quote, stray characters after a closing quote). */
  errors: { line: number; code: 'unterminated_quote' | 'stray_quote' }[];
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Picks the separator used most outside quotes in the first line: , ; or tab. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && c in counts) counts[c] += 1;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

export function parseCsv(input: string, opts: { delimiter?: string } = {}): CsvParseResult {
  const text = stripBom(input);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  const errors: CsvParseResult['errors'] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  let inQuotes = false;
  let quotedField = false;
  let afterQuote = false;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    // a blank line (one empty unquoted field) is skipped, as spreadsheet exports often end with one.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // a line break inside quotes is part of the field; CRLF is kept as \n.
        if (c === '\r' && text[i + 1] === '\n') i += 1;
        field += '\n';
        line += 1;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      i += 1;
      endRecord();
      line += 1;
      recordLine = line;
      continue;
    }
    if (c === '"') {
      if (field === '' && !quotedField) {
        inQuotes = true;
        quotedField = true;
        i += 1;
        continue;
      }
      // a quote in the middle of an unquoted field: keep it, but note it.
      if (!afterQuote) errors.push({ line, code: 'stray_quote' });
      field += c;
      i += 1;
      continue;
    }
    if (afterQuote) {
      // characters after a closing quote and before the separator: keep them, note it once.
      errors.push({ line, code: 'stray_quote' });
      afterQuote = false;
    }
    field += c;
    i += 1;
  }
  if (inQuotes) errors.push({ line: recordLine, code: 'unterminated_quote' });
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return { records, delimiter, errors };
}

/** Writes rows back as RFC 4180 CSV (CRLF line ends, quotes where needed). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows
    .map((r) =>
      r
        .map((v) => {
          const s = v === null || v === undefined ? '' : String(v);
          return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(','),
    )
    .join('\r\n');
}

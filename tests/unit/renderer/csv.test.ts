import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, stripBom, toCsv } from '../../../renderer/src/lib/csv';

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('RFC 4180 CSV parser', () => {
  it('reads simple rows with CRLF and LF line ends and no final newline', () => {
    expect(fields('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fields('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
  it('handles quotes, escaped quotes, separators and line breaks inside quotes', () => {
    const text = 'name,note\r\n"金盛兰, 湖北","他说""达700亿元"""\r\n"多行\r\n备注",x\r\n';
    expect(fields(text)).toEqual([
      ['name', 'note'],
      ['金盛兰, 湖北', '他说"达700亿元"'],
      ['多行\n备注', 'x'],
    ]);
  });
  it('reports the line each record starts on (line breaks in quotes counted)', () => {
    const r = parseCsv('h1,h2\n"a\nb",c\nd,e\n').records;
    expect(r.map((x) => x.line)).toEqual([1, 2, 4]);
  });
  it('keeps empty fields and skips blank lines', () => {
    expect(fields('a,,c\n\n,,\n')).toEqual([['a', '', 'c'], ['', '', '']]);
    expect(fields('"",x')).toEqual([['', 'x']]);
  });
  it('strips a UTF-8 byte order mark and keeps Chinese text intact', () => {
    const text = '\ufeff指标,期间,数值\n地区生产总值,2025,2000\n';
    expect(stripBom(text).startsWith('指标')).toBe(true);
    expect(fields(text)[0][0]).toBe('指标');
    expect(fields(text)[1]).toEqual(['地区生产总值', '2025', '2000']);
  });
  it('detects ; and tab separators from the first line', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(fields('a;"b;c"\n1;2')).toEqual([['a', 'b;c'], ['1', '2']]);
  });
  it('notes an unterminated quote and stray quotes', () => {
    const r = parseCsv('a,b\n"open,1\n2,3');
    expect(r.errors.some((e) => e.code === 'unterminated_quote' && e.line === 2)).toBe(true);
    const s = parseCsv('a,b"c\n');
    expect(s.errors[0].code).toBe('stray_quote');
    expect(s.records[0].fields).toEqual(['a', 'b"c']);
  });
  it('round-trips through toCsv', () => {
    const rows = [['a', 'b,c', 'd"e', '多\n行'], ['1', '', '3', '4']];
    expect(fields(toCsv(rows))).toEqual(rows);
  });
});

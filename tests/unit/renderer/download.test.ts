/** Saving files: base64 both ways, data: URLs from Plotly.toImage, safe file names. */
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, dataUrlToBytes, MIME, safeFileName } from '../../../renderer/src/lib/download';

describe('base64', () => {
  it('round-trips bytes, also larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
    expect(base64ToBytes('5rGH5oql\n5p2Q5paZ')).toEqual(new Uint8Array(Buffer.from('汇报材料')));
  });
});

describe('data: URLs', () => {
  it('reads a base64 PNG and a URL-encoded SVG', () => {
    const png = dataUrlToBytes(`data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64')}`);
    expect(png.mime).toBe('image/png');
    expect([...png.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svgText = '<svg xmlns="http://www.w3.org/2000/svg"><text>金盛兰 700亿元 #1</text></svg>';
    const svg = dataUrlToBytes(`data:image/svg+xml,${encodeURIComponent(svgText)}`);
    expect(svg.mime).toBe('image/svg+xml');
    expect(new TextDecoder().decode(svg.bytes)).toBe(svgText);
    expect(() => dataUrlToBytes('blob:http://x/1')).toThrow();
  });
});

describe('file names', () => {
  it('drops path separators and reserved characters, keeps Chinese', () => {
    expect(safeFileName('金盛兰精品钢产值-基准情景', 'png')).toBe('金盛兰精品钢产值-基准情景.png');
    expect(safeFileName('a/b\\c:d*e?"f"<g>|h', '.svg')).toBe('a_b_c_d_e_f_g_h.svg');
    expect(safeFileName('..\u0001  ', 'pdf')).toBe('_.pdf');
    expect(safeFileName('', 'pdf')).toBe('file.pdf');
    expect(safeFileName('x'.repeat(200), 'png')).toHaveLength(84);
    expect(MIME.xlsx).toContain('spreadsheetml');
  });
});

/**
 * A GBK encoder built from Node's own GB18030 decoder (every two-byte code decoded once), so
 * tests write the bytes Excel on Chinese Windows saves without another package.
 */
let table: Map<string, number[]> | null = null;

export function encodeGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export function encodeUtf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = order === 'le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]!));
  return bom ? Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
}

let fourByteBmp: Map<string, number[]> | null = null;

/** The four bytes of GB18030 linear index `n` (0 = 81 30 81 30). */
function fourBytes(n: number): number[] {
  const b4 = n % 10;
  const b3 = Math.floor(n / 10) % 126;
  const b2 = Math.floor(n / 1260) % 10;
  const b1 = Math.floor(n / 12600);
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

/**
 * A GB18030 encoder: GBK's two-byte codes, the four-byte codes of the rest of the BMP (each
 * decoded once by Node's GB18030 decoder), and the four-byte codes of the supplementary planes
 * (linear from 90 30 81 30 = U+10000), so tests can write characters GBK cannot (𠀀, 䶮).
 */
export function encodeGb18030(text: string): Buffer {
  encodeGbk('');
  if (!fourByteBmp) {
    fourByteBmp = new Map();
    const dec = new TextDecoder('gb18030');
    for (let n = 0; n < 39420; n++) {
      const bytes = fourBytes(n);
      const ch = dec.decode(new Uint8Array(bytes));
      if (ch.length === 1 && ch !== '\ufffd' && !table!.has(ch)) fourByteBmp.set(ch, bytes);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0x10000) out.push(...fourBytes(189000 + code - 0x10000));
    else {
      const bytes = table!.get(ch) ?? fourByteBmp.get(ch);
      if (!bytes) throw new Error(`no GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

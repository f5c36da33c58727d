/**
 * Saving binary files (the briefing pack, chart images, a generated plan file): in the desktop
 * app through the bridge's save dialog (window.studio.saveFile), in the web host as a browser
 * download (a Blob and an <a download>). The conversions (base64, data: URLs, file names) are
 * pure and unit-tested in Node; only `saveBytes` touches the DOM.
 */

/** base64 (as the API sends files) -> bytes. Whitespace is ignored. */
export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/\s+/g, '');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** bytes -> base64 (for uploads: 'nowcast:import', 'plan:importTable'), in chunks so large files do not overflow the stack. */
export function bytesToBase64(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < u8.length; i += CHUNK) bin += String.fromCharCode(...u8.subarray(i, i + CHUNK));
  return btoa(bin);
}

/**
 * A data: URL (what Plotly.toImage returns) -> its bytes and MIME type. Handles base64 PNGs and
 * URL-encoded SVG text ("data:image/svg+xml,%3Csvg..."). Throws on anything else.
 */
export function dataUrlToBytes(url: string): { bytes: Uint8Array; mime: string } {
  const m = /^data:([^;,]+)((?:;[^;,]+)*),(.*)$/s.exec(url);
  if (!m) throw new Error('not a data: URL');
  const mime = m[1];
  const params = m[2];
  const body = m[3];
  if (/;base64/i.test(params)) return { bytes: base64ToBytes(body), mime };
  return { bytes: new TextEncoder().encode(decodeURIComponent(body)), mime };
}

/** A file name safe on Windows, macOS and Linux: no path separators or reserved characters, at most `max` characters before the extension. */
export function safeFileName(name: string, ext: string, max = 80): string {
  const base = [...name]
    .map((c) => (c.charCodeAt(0) < 32 ? '_' : c))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, max);
  return `${base || 'file'}.${ext.replace(/^\./, '')}`;
}

/** MIME types of the files the studio saves. */
export const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  svg: 'image/svg+xml',
  json: 'application/json',
  zip: 'application/zip',
};

interface SaveBridge {
  saveFile?: (req: { defaultName: string; content: string | Uint8Array }) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
}

/**
 * Offers `bytes` as a file named `name`. Returns false when the user cancelled the desktop's save
 * dialog; the web host always downloads (true). Throws the bridge's error (with message_zh / _en).
 */
export async function saveBytes(name: string, bytes: Uint8Array, mime?: string): Promise<boolean> {
  const studio = (window as unknown as { studio?: SaveBridge }).studio;
  if (studio?.saveFile) {
    const env = await studio.saveFile({ defaultName: name, content: bytes });
    if (!env.ok) throw env.error;
    return env.value !== null;
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const blob = new Blob([bytes as BlobPart], { type: mime ?? MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/**
 * Saving and opening files: in the desktop app through the bridge's system dialogs, in the web
 * host as a browser download (a blob: link) and a file input. Reading text detects UTF-8 with or
 * without a byte order mark; anything else is refused with a clear message by the caller.
 */
import { saveBytes } from './download';

/** Offers `content` as a UTF-8 file named `name`. Returns false when the user cancelled. */
export async function saveTextFile(name: string, content: string, mime = 'application/json'): Promise<boolean> {
  return saveBytes(name, new TextEncoder().encode(content), `${mime};charset=utf-8`);
}

/** Decodes file bytes as UTF-8 (BOM or not); `fatal` so GBK files are refused rather than garbled. */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): { ok: true; text: string } | { ok: false } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false };
  }
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

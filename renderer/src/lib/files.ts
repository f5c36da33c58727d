/**
 * Saving and opening files: in the desktop app through the bridge's system dialogs, in the web
 * host as a browser download (a blob: link) and a file input. Reading text detects UTF-8 with or
 * without a byte order mark; anything else is refused with a clear message by the caller.
 */

export interface SaveTarget {
  saveFile?: (req: { defaultName: string; content: string | Uint8Array }) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
}

/** Offers `content` as a file named `name`. Returns false when the user cancelled. */
export async function saveTextFile(name: string, content: string, mime = 'application/json'): Promise<boolean> {
  const studio = (window as unknown as { studio?: SaveTarget }).studio;
  if (studio?.saveFile) {
    const env = await studio.saveFile({ defaultName: name, content });
    if (!env.ok) throw env.error;
    return env.value !== null;
  }
  const blob = new Blob([content], { type: `${mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return true;
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

export function readFileBytes(file: File): Promise<ArrayBuffer> {
  return file.arrayBuffer();
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

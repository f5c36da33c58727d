/**
 * Errors shown to planners: from the API (ApiCallError, localized, naming the field), from the
 * local projection engine (ModelError, with message_zh) or anything else, never as a stack.
 */

export interface ErrorLike {
  name?: string;
  message?: string;
  body?: { code?: string; message_zh?: string; message_en?: string; path?: string };
  message_zh?: string;
  parameter?: string | null;
  subject?: string;
}

/** The last field name of a path such as `assumptions[2].model.rate` -> `rate`. */
export function fieldOfPath(path: string | undefined | null): string | null {
  if (!path) return null;
  const parts = path.split(/[.[\]]+/).filter((p) => p && !/^\d+$/.test(p));
  return parts.length ? parts[parts.length - 1] : null;
}

export interface LocalizedError {
  message: string;
  /** the field the error names (a key to look up a label), when known. */
  field: string | null;
  code: string;
}

export function localizeError(err: unknown, lang: string): LocalizedError {
  const zh = lang.startsWith('zh');
  const e = (err ?? {}) as ErrorLike;
  if (e.body && (e.body.message_zh || e.body.message_en)) {
    return {
      message: (zh ? e.body.message_zh : e.body.message_en) ?? e.message ?? '',
      field: fieldOfPath(e.body.path),
      code: e.body.code ?? 'error',
    };
  }
  if (typeof e.message_zh === 'string') {
    return { message: zh ? e.message_zh : (e.message ?? e.message_zh), field: e.parameter ?? null, code: 'model' };
  }
  const raw = typeof e.message === 'string' ? e.message : String(err);
  // first line only: never a stack.
  const first = raw.split('\n')[0].slice(0, 300);
  return { message: zh ? `出现意外错误：${first}` : `Unexpected error: ${first}`, field: null, code: 'unexpected' };
}

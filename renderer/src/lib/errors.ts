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
function fieldOfPath(path: string | undefined | null): string | null {
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

/** A far-off value the API asks to confirm (models/plausibility.ts PlausibilityWarning, as it travels). */
export interface ValueWarning {
  field: string;
  message_zh: string;
  message_en: string;
}

/** The warnings of a 'needs_confirmation' answer, or null for any other error. */
export function warningsToConfirm(err: unknown): ValueWarning[] | null {
  const e = (err ?? {}) as ErrorLike & { details?: unknown };
  const code = e.body?.code ?? (e as { code?: unknown }).code;
  if (code !== 'needs_confirmation') return null;
  const details = ((e.body as { details?: unknown } | undefined)?.details ?? e.details) as { warnings?: unknown } | undefined;
  const list = Array.isArray(details?.warnings) ? details.warnings : [];
  return list.filter(
    (w): w is ValueWarning =>
      !!w && typeof (w as ValueWarning).message_zh === 'string' && typeof (w as ValueWarning).message_en === 'string',
  );
}

/**
 * The refusals of an 'implausible' answer (models/plausibility.ts), by the last field name of
 * each issue's path ('actuals[0].value' -> 'value', 'as_of_year'), in the user's language, so a
 * form shows each beside its field; null for any other error.
 */
export function implausibleByField(err: unknown, lang: string): Record<string, string> | null {
  const e = (err ?? {}) as ErrorLike & { details?: unknown };
  const code = e.body?.code ?? (e as { code?: unknown }).code;
  if (code !== 'implausible') return null;
  const details = ((e.body as { details?: unknown } | undefined)?.details ?? e.details) as { issues?: unknown } | undefined;
  const issues = Array.isArray(details?.issues) ? details.issues : [];
  const zh = lang.startsWith('zh');
  const out: Record<string, string> = {};
  for (const raw of issues) {
    const i = raw as { field?: unknown; message_zh?: unknown; message_en?: unknown };
    const field = typeof i.field === 'string' ? fieldOfPath(i.field) : null;
    const message = zh ? i.message_zh : i.message_en;
    if (!field || typeof message !== 'string') continue;
    out[field] = out[field] ? `${out[field]}；${message}` : message;
  }
  return out;
}

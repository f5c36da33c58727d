/**
 * The one way a request reaches a handler, for every host: the channel is checked against the
 * contract (own keys only, so `__proto__` or `constructor` are unknown channels), the request is
 * validated with zod, the handler runs, and whatever happens comes back as an envelope.
 */
import { z } from 'zod';
import { StudioError } from '../models/errors';
import { contract, isChannel } from './channels';
import type { HandlerContext, Handlers } from './channels';
import { errorBody, type ApiErrorBody, type Envelope } from './errors';

const ISSUE_ZH: Record<string, string> = {
  invalid_type: '类型不正确',
  too_big: '超出允许范围',
  too_small: '低于允许范围',
  invalid_value: '取值不在允许范围内',
  unrecognized_keys: '包含未知字段',
  invalid_format: '格式不正确',
  invalid_union: '不符合任何允许的形式',
  custom: '取值无效',
};

function pathString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Turns zod issues into one bilingual message naming each field and its problem. */
function describeZodError(error: z.ZodError, prefix = ''): ApiErrorBody {
  const issues = error.issues.slice(0, 5);
  const parts = issues.map((issue) => {
    const where = pathString([...(prefix ? [prefix] : []), ...issue.path]) || '(请求)';
    return { where, zh: `${where}: ${ISSUE_ZH[issue.code] ?? '取值无效'}（${issue.message}）`, en: `${where}: ${issue.message}` };
  });
  const more = error.issues.length > issues.length ? ` (+${error.issues.length - issues.length})` : '';
  const zh = parts.map((p) => p.zh).join('；') + more;
  const en = parts.map((p) => p.en).join('; ') + more;
  return errorBody('invalid', zh, en, parts[0]?.where);
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof z.ZodError) return describeZodError(err);
  if (err instanceof StudioError) return errorBody(err.code, err.message_zh, err.message_en, err.path, err.details);
  // Errors that are not StudioErrors but carry the same fields (from another realm or library).
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    if (typeof e.code === 'string' && typeof e.message_zh === 'string') {
      const en = typeof e.message_en === 'string' ? e.message_en : String(e.message ?? e.code);
      const path = typeof e.path === 'string' ? e.path : typeof e.subject === 'string' ? e.subject : undefined;
      return errorBody(e.code, e.message_zh, en, path, e.details);
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return errorBody('internal', `内部错误：${message}`, `Internal error: ${message}`);
}

export async function dispatch(handlers: Handlers, channel: unknown, request: unknown, ctx: HandlerContext): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    return { ok: false, error: errorBody('unknown_channel', `未知的接口：${name}`, `Unknown API channel: ${name}`) };
  }
  const parsed = contract[channel].req.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  try {
    const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorBody(err) };
  }
}

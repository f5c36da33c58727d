/**
 * The one way a request reaches a handler, for every host: the channel is checked against the
 * contract (own keys only, so `__proto__` or `constructor` are unknown channels), the request is
 * validated with zod, the handler runs, and whatever happens comes back as an envelope.
 */
import { z } from 'zod';
import { contract, isChannel } from './contract';
import type { ApiErrorBody, Envelope, HandlerContext, Handlers } from './contract';

/** An error a handler may throw on purpose; anything with code + message_zh + message_en works. */
export class ApiError extends Error {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly path?: string;
  readonly details?: unknown;
  constructor(code: string, message_zh: string, message_en: string, path?: string, details?: unknown) {
    super(message_en);
    this.name = 'ApiError';
    this.code = code;
    this.message_zh = message_zh;
    this.message_en = message_en;
    this.path = path;
    this.details = details;
  }
}

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
export function describeZodError(error: z.ZodError, prefix = ''): ApiErrorBody {
  const issues = error.issues.slice(0, 5);
  const parts = issues.map((issue) => {
    const where = pathString([...(prefix ? [prefix] : []), ...issue.path]) || '(请求)';
    return { where, zh: `${where}: ${ISSUE_ZH[issue.code] ?? '取值无效'}（${issue.message}）`, en: `${where}: ${issue.message}` };
  });
  const more = error.issues.length > issues.length ? ` (+${error.issues.length - issues.length})` : '';
  const zh = parts.map((p) => p.zh).join('；') + more;
  const en = parts.map((p) => p.en).join('; ') + more;
  return { code: 'invalid', message: en, message_zh: zh, message_en: en, path: parts[0]?.where };
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof z.ZodError) return describeZodError(err);
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    if (typeof e.code === 'string' && typeof e.message_zh === 'string') {
      const en = typeof e.message_en === 'string' ? e.message_en : String(e.message ?? e.code);
      return {
        code: e.code,
        message: en,
        message_zh: e.message_zh,
        message_en: en,
        path: typeof e.path === 'string' ? e.path : typeof e.subject === 'string' ? e.subject : undefined,
        details: e.details,
      };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, message_zh: `内部错误：${message}`, message_en: `Internal error: ${message}` };
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
  ctx: HandlerContext,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    return {
      ok: false,
      error: {
        code: 'unknown_channel',
        message: `Unknown API channel: ${name}`,
        message_zh: `未知的接口：${name}`,
        message_en: `Unknown API channel: ${name}`,
      },
    };
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

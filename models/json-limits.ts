/**
 * Limits on JSON coming in (docs/reliability.md): nesting depth and well-formed text. The checks
 * are iterative, so a hostile input (10^5 levels of `[[[[...`) cannot overflow the stack of the
 * checker itself, and they run before anything recursive (zod, JSON.stringify, error messages)
 * sees the value.
 */

/** Deeper than any file this program writes (a workspace file is 6 levels, a plan 7). */
export const MAX_JSON_DEPTH = 64;

export interface DepthProblem {
  /** the depth reached when the limit was passed. */
  depth: number;
  /** for text: the character offset where it happened. */
  offset?: number;
  message_zh: string;
  message_en: string;
}

function problem(depth: number, limit: number, offset?: number): DepthProblem {
  const where = offset === undefined ? '' : `（位置 ${offset}）`;
  const whereEn = offset === undefined ? '' : ` (at position ${offset})`;
  return {
    depth,
    offset,
    message_zh: `JSON 嵌套层数超过 ${limit} 层上限${where}，不是本软件的文件或请求`,
    message_en: `JSON nested more than ${limit} levels deep${whereEn}: not a file or request of this program`,
  };
}

/**
 * Scans JSON text (valid or not) for nesting deeper than `limit` without parsing it. Brackets
 * inside strings do not count. Returns null when the text is within the limit.
 */
export function jsonTextTooDeep(text: string, limit = MAX_JSON_DEPTH): DepthProblem | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > limit) return problem(depth, limit, i);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/** The same for a value already parsed (e.g. one that came through Electron IPC). */
export function jsonValueTooDeep(value: unknown, limit = MAX_JSON_DEPTH): DepthProblem | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) return problem(depth, limit);
    const o = v as object;
    if (seen.has(o)) continue; // a shared or cyclic reference: counted once
    seen.add(o);
    const children = Array.isArray(o) ? o : Object.values(o);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return null;
}

/** A lone surrogate (half of a UTF-16 pair): SQLite would store it as U+FFFD, changing the text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/**
 * Validation of scenario input against the plan, with bilingual messages; the stored document
 * schema (with its own schema_version) and its upgrade when read.
 */
import { z } from 'zod';
import { Assumption, type GrowthModel, type Plan } from '../../models/schema';
import { StoreError, fromZod, invalid } from './errors';
import { hasLoneSurrogate } from '../../models/json-limits';
import type { ScenarioDoc } from './types';

export const LIMITS = {
  name: 100,
  description: 4000,
  tags: 20,
  tag: 40,
  frozenLabel: 100,
  author: 100,
  assumptions: 2000,
} as const;

/** Length in characters as people count them (code points, so 汉字 count once). */
const len = (s: string): number => [...s].length;

// eslint-disable-next-line no-control-regex -- control characters are what these find
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above; tab, line feed and carriage return allowed
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Refuses text SQLite would not keep as given (a lone UTF-16 surrogate becomes U+FFFD) and
 * invisible control characters (NUL ...; in multi-line text tab and line breaks are fine).
 */
export function checkText(s: string, field: string, what: { zh: string; en: string }, multiLine = false): string {
  if (hasLoneSurrogate(s))
    throw invalid(
      `${what.zh} ${field}: 含有无效字符（不成对的 UTF-16 代理项），无法原样保存`,
      `${what.en} ${field}: contains an invalid character (a lone UTF-16 surrogate) that cannot be stored as given`,
      field,
    );
  const m = (multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).exec(s);
  if (m) {
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalid(
      `${what.zh} ${field}: 含有不可见的控制字符 ${code}（第 ${m.index + 1} 个字符）`,
      `${what.en} ${field}: contains the invisible control character ${code} (character ${m.index + 1})`,
      field,
    );
  }
  return s;
}

export function checkName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string') throw invalid('情景名称应为文本', 'Scenario name must be text', field);
  checkText(name.trim(), field, { zh: '情景名称', en: 'Scenario name' });
  const n = name.trim();
  if (!n) throw invalid('情景名称不能为空', 'Scenario name must not be empty', field);
  if (len(n) > LIMITS.name)
    throw invalid(
      `情景名称不能超过${LIMITS.name}个字符（现为${len(n)}个）`,
      `Scenario name must be at most ${LIMITS.name} characters (it has ${len(n)})`,
      field,
    );
  return n;
}

export function checkDescription(d: unknown, field = 'description'): string {
  if (d === undefined || d === null) return '';
  if (typeof d !== 'string') throw invalid('情景说明应为文本', 'Description must be text', field);
  checkText(d, field, { zh: '情景说明', en: 'Description' }, true);
  if (len(d) > LIMITS.description)
    throw invalid(
      `情景说明不能超过${LIMITS.description}个字符（现为${len(d)}个）`,
      `Description must be at most ${LIMITS.description} characters (it has ${len(d)})`,
      field,
    );
  return d;
}

export function checkTags(tags: unknown, field = 'tags'): string[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw invalid('标签应为文本列表', 'Tags must be a list of text', field);
  const out: string[] = [];
  tags.forEach((t, i) => {
    if (typeof t !== 'string') throw invalid(`标签 ${field}[${i}] 应为文本`, `Tag ${field}[${i}] must be text`, `${field}[${i}]`);
    checkText(t.trim(), `${field}[${i}]`, { zh: '标签', en: 'Tag' });
    const s = t.trim();
    if (!s) throw invalid(`标签 ${field}[${i}] 不能为空`, `Tag ${field}[${i}] must not be empty`, `${field}[${i}]`);
    if (len(s) > LIMITS.tag)
      throw invalid(
        `标签 ${field}[${i}] 不能超过${LIMITS.tag}个字符`,
        `Tag ${field}[${i}] must be at most ${LIMITS.tag} characters`,
        `${field}[${i}]`,
      );
    if (!out.includes(s)) out.push(s);
  });
  if (out.length > LIMITS.tags)
    throw invalid(
      `标签不能超过${LIMITS.tags}个（现为${out.length}个）`,
      `At most ${LIMITS.tags} tags are allowed (there are ${out.length})`,
      field,
    );
  return out;
}

export function checkSeed(seed: unknown, field = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw invalid('随机种子应为 0 到 2147483647 之间的整数', 'Seed must be an integer from 0 to 2147483647', field);
  return seed;
}

export function checkLabel(label: unknown, field = 'label'): string {
  if (typeof label !== 'string' || !label.trim()) throw invalid('冻结标签不能为空', 'Freeze label must not be empty', field);
  checkText(label.trim(), field, { zh: '冻结标签', en: 'Freeze label' });
  const s = label.trim();
  if (len(s) > LIMITS.frozenLabel)
    throw invalid(`冻结标签不能超过${LIMITS.frozenLabel}个字符`, `Freeze label must be at most ${LIMITS.frozenLabel} characters`, field);
  return s;
}

export function checkAuthor(author: unknown): string {
  if (author === undefined || author === null) return '';
  if (typeof author !== 'string') throw invalid('作者应为文本', 'Author must be text', 'author');
  if (len(author) > LIMITS.author)
    throw invalid(`作者不能超过${LIMITS.author}个字符`, `Author must be at most ${LIMITS.author} characters`, 'author');
  checkText(author, 'author', { zh: '作者', en: 'Author' });
  return author;
}

/** Series ids a scenario may set: the plan's series that are not derived. */
export class SeriesCatalog {
  readonly all = new Set<string>();
  readonly derived = new Set<string>();
  readonly order = new Map<string, number>();
  constructor(plan: Plan) {
    plan.series.forEach((s, i) => {
      this.all.add(s.id);
      this.order.set(s.id, i);
      if (s.derived) this.derived.add(s.id);
    });
  }
}

function driverOf(model: GrowthModel): string | null {
  return model.type === 'elasticity' || model.type === 'intensity_decay' ? model.driver : null;
}

/**
 * Validates raw assumptions (zod `Assumption`, series known and not derived, drivers known, no
 * series twice). `prefix` names them in messages ('assumptions', 'scenarios[1].assumptions').
 */
export function checkAssumptions(raw: unknown, catalog: SeriesCatalog, prefix = 'assumptions'): Assumption[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid(`${prefix} 应为列表`, `${prefix} must be a list`, prefix);
  if (raw.length > LIMITS.assumptions)
    throw invalid(`假设不能超过${LIMITS.assumptions}条`, `At most ${LIMITS.assumptions} assumptions are allowed`, prefix);
  const seen = new Map<string, number>();
  return raw.map((item, i) => checkAssumption(item, catalog, `${prefix}[${i}]`, seen, i));
}

export function checkAssumption(
  raw: unknown,
  catalog: SeriesCatalog,
  field = 'assumption',
  seen?: Map<string, number>,
  index = 0,
): Assumption {
  const parsed = Assumption.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error, { zh: '假设', en: 'Assumption' }, field);
  const a = parsed.data;
  if (!catalog.all.has(a.series))
    throw invalid(
      `假设 ${field}.series: 未知指标序列“${a.series}”（规划中没有此序列）`,
      `Assumption ${field}.series: unknown series "${a.series}" (not in the plan)`,
      `${field}.series`,
    );
  if (catalog.derived.has(a.series))
    throw invalid(
      `假设 ${field}.series: 序列“${a.series}”由其他序列推算，不能单独设定假设`,
      `Assumption ${field}.series: series "${a.series}" is derived from others and cannot carry an assumption`,
      `${field}.series`,
    );
  const driver = driverOf(a.model);
  if (driver !== null && !catalog.all.has(driver))
    throw invalid(
      `假设 ${field}.model.driver: 未知驱动序列“${driver}”`,
      `Assumption ${field}.model.driver: unknown driver series "${driver}"`,
      `${field}.model.driver`,
    );
  if (driver === a.series)
    throw invalid(
      `假设 ${field}.model.driver: 序列不能以自身为驱动`,
      `Assumption ${field}.model.driver: a series cannot drive itself`,
      `${field}.model.driver`,
    );
  if (a.uncertainty && !(a.uncertainty.low <= a.uncertainty.high))
    throw invalid(
      `假设 ${field}.uncertainty: 下限不能大于上限`,
      `Assumption ${field}.uncertainty: low must not exceed high`,
      `${field}.uncertainty`,
    );
  if (seen) {
    const prev = seen.get(a.series);
    if (prev !== undefined)
      throw invalid(
        `假设 ${field}.series: 序列“${a.series}”重复（已在第${prev + 1}条设定）`,
        `Assumption ${field}.series: series "${a.series}" appears twice (also item ${prev})`,
        `${field}.series`,
      );
    seen.set(a.series, index);
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// The stored document
// ---------------------------------------------------------------------------------------------

export const DOC_SCHEMA_VERSION = 1;

const ChainPinSchema = z.object({ id: z.string().min(1), rev: z.number().int().min(1) });

const ScenarioDocV1 = z.object({
  schema_version: z.literal(1),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  parent_id: z.string().nullable(),
  preset_id: z.string().nullable(),
  seed: z.number().int(),
  frozen: z.boolean(),
  frozen_label: z.string().nullable(),
  frozen_chain: z.array(ChainPinSchema).nullable(),
  deleted_at: z.string().nullable(),
  assumptions: z.array(Assumption),
});

/**
 * Parses a stored document, upgrading older schema versions (none yet: add a case per version,
 * mapping version N to N+1, when the document shape changes).
 */
export function parseDoc(json: string, where: string): ScenarioDoc {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new StoreError('corrupt', `情景文档无法解析（${where}）`, `Stored scenario document is not JSON (${where})`);
  }
  const version = (raw as { schema_version?: unknown })?.schema_version;
  if (typeof version === 'number' && version > DOC_SCHEMA_VERSION)
    throw new StoreError(
      'future_version',
      `情景文档版本 ${version} 高于本程序支持的 ${DOC_SCHEMA_VERSION}（${where}），请升级软件`,
      `Scenario document version ${version} is newer than this program supports (${DOC_SCHEMA_VERSION}) (${where}); please upgrade`,
      { fileVersion: version, supportedVersion: DOC_SCHEMA_VERSION },
    );
  const parsed = ScenarioDocV1.safeParse(raw);
  if (!parsed.success) {
    const e = fromZod(parsed.error, { zh: '情景文档', en: 'Scenario document' });
    throw new StoreError('corrupt', `已存数据无效（${where}）：${e.message_zh}`, `Stored data is invalid (${where}): ${e.message_en}`);
  }
  return parsed.data as ScenarioDoc;
}

/** Deterministic JSON (sorted keys) for comparisons. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/** An assumption without the fields that say who / when (for comparing substance). */
export function substance(a: Assumption): Omit<Assumption, 'author' | 'updated_at'> {
  const { author: _a, updated_at: _u, ...rest } = a;
  return rest;
}

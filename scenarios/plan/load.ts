/**
 * Loading and checking plan files (规划文件的读取与校验).
 *
 * `parsePlan` runs the zod schema of models/schema.ts and then the checks the schema cannot
 * express: unique ids, references between series / targets / presets, derivation cycles,
 * range targets, target years and reduction targets. Every problem is reported with its path
 * (`targets[3].target_year`) and a message in Chinese and English. On any error nothing of the
 * plan is returned.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { Plan } from '../../models/schema';
import type { PlanIssue } from '../../contract/types';
import { StudioError } from '../../models/errors';
import { jsonTextTooDeep } from '../../models/json-limits';
import { correlationGroupIssues } from '../../models/correlation';
import bundledPlanJson from './xianning-2024-2026.plan.json';

export type { PlanIssue } from '../../contract/types';

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: PlanIssue[] };

// ---------------------------------------------------------------------------------------------
// Paths and schema messages
// ---------------------------------------------------------------------------------------------

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

function describeType(v: unknown): { zh: string; en: string } {
  if (v === undefined) return { zh: '缺失', en: 'missing' };
  if (v === null) return { zh: 'null', en: 'null' };
  if (Array.isArray(v)) return { zh: '数组', en: 'an array' };
  switch (typeof v) {
    case 'string':
      return { zh: `文本 "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`, en: `text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"` };
    case 'number':
      return { zh: `数字 ${v}`, en: `the number ${v}` };
    case 'boolean':
      return { zh: `布尔值 ${v}`, en: `the boolean ${v}` };
    case 'object':
      return { zh: '对象', en: 'an object' };
    default:
      return { zh: typeof v, en: typeof v };
  }
}

const EXPECTED: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '布尔值(true/false)', en: 'a boolean (true/false)' },
  array: { zh: '数组', en: 'an array' },
  tuple: { zh: '二元数组 [最小值, 最大值]', en: 'a pair [min, max]' },
  object: { zh: '对象', en: 'an object' },
  record: { zh: '对象', en: 'an object' },
  null: { zh: 'null', en: 'null' },
};

function isYearPath(path: ReadonlyArray<PropertyKey>): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && (last === 'year' || last.endsWith('_year') || last === 'period_start' || last === 'period_end');
}

type ZodIssue = z.core.$ZodIssue;

function translateIssue(issue: ZodIssue, input: unknown): PlanIssue {
  const path = formatPath(issue.path);
  const at = (zh: string, en: string): PlanIssue => ({
    path,
    message_zh: `${path || '(根)'}: ${zh}`,
    message_en: `${path || '(root)'}: ${en}`,
  });
  const got = describeType(valueAt(input, issue.path));
  const yearField = isYearPath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (got.en === 'missing') return at('缺少必填字段', 'is required but missing');
      if (yearField && (issue.expected === 'int' || issue.expected === 'number')) {
        return at(`应为整数年份,实为${got.zh}`, `must be a whole year, got ${got.en}`);
      }
      const exp = EXPECTED[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return at(`应为${exp.zh},实为${got.zh}`, `must be ${exp.en}, got ${got.en}`);
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'array') return at(`至少应有 ${min} 项`, `must have at least ${min} items`);
      if (issue.origin === 'string') return at(`不能为空(至少 ${min} 个字符)`, `must not be empty (at least ${min} characters)`);
      if (yearField) return at(`年份应不早于 ${min}`, `year must be ${min} or later`);
      return at(`应${issue.inclusive ? '不小于' : '大于'} ${min}`, `must be ${issue.inclusive ? 'at least' : 'above'} ${min}`);
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'array') return at(`最多 ${max} 项`, `must have at most ${max} items`);
      if (issue.origin === 'string') return at(`过长(最多 ${max} 个字符)`, `is too long (at most ${max} characters)`);
      if (yearField) return at(`年份应不晚于 ${max}`, `year must be ${max} or earlier`);
      return at(`应${issue.inclusive ? '不大于' : '小于'} ${max}`, `must be ${issue.inclusive ? 'at most' : 'below'} ${max}`);
    }
    case 'invalid_format':
      // The schema's only patterns are ids and periods.
      if (issue.path[issue.path.length - 1] === 'period') {
        return at(
          `期间格式不对(${got.zh}),应为 YYYY、YYYYH1、YYYY-MM 或 YYYY-YYYY`,
          `malformed period (${got.en}): must be YYYY, YYYYH1, YYYY-MM or YYYY-YYYY`,
        );
      }
      if (issue.format === 'regex') {
        return at(
          `标识格式不对(${got.zh}):只能用小写字母、数字和下划线,并以字母开头`,
          `malformed id (${got.en}): use lowercase letters, digits and _, starting with a letter`,
        );
      }
      return at(`格式不对(${got.zh})`, `has the wrong format (${got.en})`);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(' | ');
      return at(`取值 ${got.zh} 无效,可选:${allowed}`, `value ${got.en} is not allowed; expected one of ${allowed}`);
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const opts = (issue as { options?: unknown[] }).options;
      if (disc) {
        const allowed = (opts ?? []).map((v) => JSON.stringify(v)).join(' | ');
        return at(`类型 ${got.zh} 无效,可选:${allowed}`, `type ${got.en} is not valid; expected one of ${allowed}`);
      }
      return at(`取值 ${got.zh} 不符合任何允许的形式`, `value ${got.en} matches none of the allowed forms`);
    }
    case 'unrecognized_keys':
      return at(`有未知字段:${issue.keys.join(', ')}`, `has unknown fields: ${issue.keys.join(', ')}`);
    case 'custom':
      if (issue.message.includes('finite')) return at('应为有限数字', 'must be a finite number');
      return at(`无效:${issue.message}`, `is invalid: ${issue.message}`);
    default:
      return at(`无效:${issue.message}`, `is invalid: ${issue.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Referential integrity
// ---------------------------------------------------------------------------------------------

/** The ids a series is computed from (its derivation inputs). */
function derivationInputs(d: NonNullable<Plan['series'][number]['derived']>): Array<[field: string, id: string]> {
  switch (d.type) {
    case 'ratio':
      return [
        ['numerator', d.numerator],
        ['denominator', d.denominator],
      ];
    case 'cumsum':
      return [['of', d.of]];
    case 'deflate':
      return [
        ['nominal', d.nominal],
        ['deflator', d.deflator],
      ];
  }
}

/** The driver a growth model reads, if any. */
function modelDriver(m: Plan['presets'][number]['assumptions'][number]['model']): string | null {
  return m.type === 'elasticity' || m.type === 'intensity_decay' ? m.driver : null;
}

/** Finds one cycle in a directed graph (node -> nodes it depends on); returns it or null. */
function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (s === undefined) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of [...edges.keys()].sort()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return null;
}

function checkIntegrity(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const add = (path: string, zh: string, en: string) => issues.push({ path, message_zh: `${path}: ${zh}`, message_en: `${path}: ${en}` });

  const uniq = (what: string, whatZh: string, list: Array<{ id: string }>, pathOf: (i: number) => string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      const first = seen.get(x.id);
      if (first !== undefined) {
        add(
          `${pathOf(i)}.id`,
          `${whatZh}标识 "${x.id}" 重复(与 ${pathOf(first)} 相同)`,
          `duplicate ${what} id "${x.id}" (same as ${pathOf(first)})`,
        );
      } else seen.set(x.id, i);
    });
    return seen;
  };

  // ids
  const sectionIdx = uniq('section', '章节', plan.sections, (i) => `sections[${i}]`);
  const itemSection = new Map<string, string>();
  const itemSeen = new Map<string, string>();
  plan.sections.forEach((s, i) =>
    s.items.forEach((it, j) => {
      const p = `sections[${i}].items[${j}]`;
      const prev = itemSeen.get(it.id);
      if (prev) add(`${p}.id`, `条目标识 "${it.id}" 重复(与 ${prev} 相同)`, `duplicate item id "${it.id}" (same as ${prev})`);
      else {
        itemSeen.set(it.id, p);
        itemSection.set(it.id, s.id);
      }
    }),
  );
  const seriesIdx = uniq('series', '序列', plan.series, (i) => `series[${i}]`);
  const targetIdx = uniq('target', '指标', plan.targets, (i) => `targets[${i}]`);
  uniq('milestone', '任务', plan.milestones, (i) => `milestones[${i}]`);
  const presetIdx = uniq('preset', '情景', plan.presets, (i) => `presets[${i}]`);

  const seriesById = new Map(plan.series.map((s) => [s.id, s]));
  const seriesRef = (path: string, id: string, role: { zh: string; en: string }) => {
    if (!seriesIdx.has(id)) add(path, `${role.zh}引用的序列 "${id}" 不存在`, `${role.en} refers to series "${id}", which does not exist`);
  };
  const sectionRef = (path: string, section: string, item: string | null) => {
    if (!sectionIdx.has(section)) {
      add(`${path}.section`, `章节 "${section}" 不存在`, `section "${section}" does not exist`);
      return;
    }
    if (item !== null) {
      const owner = itemSection.get(item);
      if (owner === undefined) add(`${path}.item`, `条目 "${item}" 不存在`, `item "${item}" does not exist`);
      else if (owner !== section)
        add(
          `${path}.item`,
          `条目 "${item}" 属于章节 "${owner}",不属于 "${section}"`,
          `item "${item}" belongs to section "${owner}", not "${section}"`,
        );
    }
  };

  // plan period
  if (plan.period_end < plan.period_start) {
    add(
      'period_end',
      `规划期末年 ${plan.period_end} 早于起始年 ${plan.period_start}`,
      `the period ends (${plan.period_end}) before it starts (${plan.period_start})`,
    );
  }
  if (plan.base_year > plan.period_end) {
    add(
      'base_year',
      `基期年 ${plan.base_year} 晚于规划期末年 ${plan.period_end}`,
      `base year ${plan.base_year} is after the end of the period (${plan.period_end})`,
    );
  }

  // series derivations
  const edges = new Map<string, string[]>();
  plan.series.forEach((s, i) => {
    const deps: string[] = [];
    if (s.derived) {
      for (const [field, id] of derivationInputs(s.derived)) {
        seriesRef(`series[${i}].derived.${field}`, id, { zh: '派生计算', en: 'the derivation' });
        if (id === s.id)
          add(`series[${i}].derived.${field}`, `序列 "${s.id}" 不能由自身派生`, `series "${s.id}" cannot be derived from itself`);
        deps.push(id);
      }
    }
    if (s.bounds && s.bounds[0] > s.bounds[1]) {
      add(
        `series[${i}].bounds`,
        `下限 ${s.bounds[0]} 大于上限 ${s.bounds[1]}`,
        `lower bound ${s.bounds[0]} is above upper bound ${s.bounds[1]}`,
      );
    }
    edges.set(s.id, deps);
  });
  const cycle = findCycle(edges);
  if (cycle) {
    const i = plan.series.findIndex((s) => s.id === cycle[0]);
    add(`series[${i}].derived`, `派生关系成环:${cycle.join(' → ')}`, `derivation cycle: ${cycle.join(' -> ')}`);
  }

  // targets
  plan.targets.forEach((t, i) => {
    const p = `targets[${i}]`;
    sectionRef(p, t.section, t.item);
    seriesRef(`${p}.series`, t.series, { zh: '指标', en: 'the target' });
    const isPair = Array.isArray(t.target);
    if (t.kind === 'range' || t.comparator === 'range' || isPair) {
      if (!isPair) add(`${p}.target`, '区间指标的目标值应为 [最小值, 最大值]', 'a range target must be [min, max]');
      if (t.comparator !== 'range')
        add(
          `${p}.comparator`,
          `区间目标的比较符应为 "range",实为 "${t.comparator}"`,
          `a range target needs comparator "range", got "${t.comparator}"`,
        );
      if (isPair) {
        const [lo, hi] = t.target as [number, number];
        if (lo > hi) add(`${p}.target`, `区间下限 ${lo} 大于上限 ${hi}`, `range minimum ${lo} is above its maximum ${hi}`);
      }
    }
    if (t.target_year < plan.period_start) {
      add(
        `${p}.target_year`,
        `目标年 ${t.target_year} 早于规划期起始年 ${plan.period_start}`,
        `target year ${t.target_year} is before the plan period starts (${plan.period_start})`,
      );
    }
    const by = t.base_year ?? plan.base_year;
    if (by >= t.target_year)
      add(`${p}.base_year`, `基期年 ${by} 不早于目标年 ${t.target_year}`, `base year ${by} is not before the target year ${t.target_year}`);
    if (t.start_year !== null && t.start_year > t.target_year) {
      add(
        `${p}.start_year`,
        `起算年 ${t.start_year} 晚于目标年 ${t.target_year}`,
        `start year ${t.start_year} is after the target year ${t.target_year}`,
      );
    }
    const s = seriesById.get(t.series);
    if (t.kind === 'reduction' && s && !s.derived && s.nature !== 'rate') {
      add(
        `${p}.series`,
        `下降类指标应指向强度序列(派生比值或比率),"${t.series}" 两者都不是`,
        `a reduction target must point to an intensity (a derived ratio or a rate); "${t.series}" is neither`,
      );
    }
  });

  // milestones
  plan.milestones.forEach((m, i) => sectionRef(`milestones[${i}]`, m.section, m.item));

  // actuals and references
  plan.actuals.forEach((a, i) => seriesRef(`actuals[${i}].series`, a.series, { zh: '实际值', en: 'the actual' }));
  plan.references.forEach((r, i) =>
    r.related_targets.forEach((id, j) => {
      if (!targetIdx.has(id))
        add(`references[${i}].related_targets[${j}]`, `关联指标 "${id}" 不存在`, `related target "${id}" does not exist`);
    }),
  );

  // presets
  const presetById = new Map(plan.presets.map((p) => [p.id, p]));
  plan.presets.forEach((pr, i) => {
    const p = `presets[${i}]`;
    if (pr.parent !== null) {
      if (pr.parent === pr.id) add(`${p}.parent`, `情景 "${pr.id}" 不能继承自身`, `preset "${pr.id}" cannot inherit from itself`);
      else if (!presetIdx.has(pr.parent))
        add(`${p}.parent`, `上级情景 "${pr.parent}" 不存在`, `parent preset "${pr.parent}" does not exist`);
    }
    const seen = new Set<string>();
    pr.assumptions.forEach((a, j) => {
      const ap = `${p}.assumptions[${j}]`;
      seriesRef(`${ap}.series`, a.series, { zh: '假设', en: 'the assumption' });
      if (seen.has(a.series))
        add(`${ap}.series`, `同一情景中序列 "${a.series}" 有多条假设`, `series "${a.series}" has more than one assumption in this preset`);
      seen.add(a.series);
      const s = seriesById.get(a.series);
      if (s?.derived)
        add(
          `${ap}.series`,
          `派生序列 "${a.series}" 由其他序列计算,不能设假设`,
          `derived series "${a.series}" is computed from others and cannot carry an assumption`,
        );
      const driver = modelDriver(a.model);
      if (driver !== null) {
        seriesRef(`${ap}.model.driver`, driver, { zh: '增长模型的驱动', en: "the model's driver" });
        if (driver === a.series)
          add(`${ap}.model.driver`, `序列 "${a.series}" 不能以自身为驱动`, `series "${a.series}" cannot drive itself`);
      }
      if (a.uncertainty && a.uncertainty.low > a.uncertainty.high) {
        add(
          `${ap}.uncertainty`,
          `不确定性下限 ${a.uncertainty.low} 大于上限 ${a.uncertainty.high}`,
          `uncertainty low ${a.uncertainty.low} is above high ${a.uncertainty.high}`,
        );
      }
    });
  });
  // parent cycles
  const parentEdges = new Map(plan.presets.map((p) => [p.id, p.parent && p.parent !== p.id && presetIdx.has(p.parent) ? [p.parent] : []]));
  const pc = findCycle(parentEdges);
  if (pc) {
    add(`presets[${presetIdx.get(pc[0])}].parent`, `情景继承成环:${pc.join(' → ')}`, `preset inheritance cycle: ${pc.join(' -> ')}`);
  } else {
    // model drivers + derivations per resolved preset must not form a cycle
    for (const pr of plan.presets) {
      const chain: Plan['presets'] = [];
      const visited = new Set<Plan['presets'][number]>();
      for (
        let cur: Plan['presets'][number] | undefined = pr;
        cur && !visited.has(cur);
        cur = cur.parent ? presetById.get(cur.parent) : undefined
      ) {
        visited.add(cur);
        chain.unshift(cur);
      }
      const resolved = new Map<string, string>();
      for (const c of chain)
        for (const a of c.assumptions) {
          const d = modelDriver(a.model);
          if (d) resolved.set(a.series, d);
          else resolved.delete(a.series);
        }
      const g = new Map<string, string[]>();
      for (const [id, deps] of edges) g.set(id, [...deps]);
      for (const [id, d] of resolved) if (d !== id) g.set(id, [...(g.get(id) ?? []), d]);
      const c = findCycle(g);
      if (c && !cycle) {
        const i = presetIdx.get(pr.id)!;
        add(
          `presets[${i}].assumptions`,
          `情景 "${pr.id}" 中驱动与派生关系成环:${c.join(' → ')}`,
          `drivers and derivations form a cycle in preset "${pr.id}": ${c.join(' -> ')}`,
        );
        break;
      }
    }
  }
  // correlation groups: loadings, members that are series with a range in every preset
  if (!pc) for (const g of correlationGroupIssues(plan)) add(g.path, g.message_zh, g.message_en);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Validates a parsed JSON value as a plan: schema, then referential integrity. */
export function parsePlan(json: unknown): PlanResult {
  const parsed = Plan.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => translateIssue(i, json)) };
  }
  const errors = checkIntegrity(parsed.data);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, plan: parsed.data };
}

/** Finds the offset of the first JSON syntax error (JSON.parse on Node 20 does not always say). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const str = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
    fail();
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else fail();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < n) fail();
    return -1;
  } catch (e) {
    if (typeof e === 'number') return e;
    throw e;
  }
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

/** Parses plan JSON text; a syntax error is reported with its line, column and offset. */
export function parsePlanText(text: string): PlanResult {
  let json: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Before JSON.parse and the error locator (which recurses): a hostile depth is refused here.
  const deep = jsonTextTooDeep(body);
  if (deep) return { ok: false, errors: [{ path: '', message_zh: deep.message_zh, message_en: deep.message_en }] };
  try {
    json = JSON.parse(body);
  } catch (e) {
    const raw = jsonErrorOffset(text);
    const offset = raw < 0 ? text.length : raw;
    const { line, column } = lineColumn(text, offset);
    const near = JSON.stringify(text.slice(offset, offset + 20));
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        {
          path: '',
          message_zh: `JSON 语法错误:第 ${line} 行第 ${column} 列(位置 ${offset}),附近内容 ${near}(${detail})`,
          message_en: `JSON syntax error at line ${line}, column ${column} (position ${offset}) near ${near} (${detail})`,
        },
      ],
    };
  }
  return parsePlan(json);
}

/** Reads and checks a plan file. File and JSON errors come back as issues, never as throws. */
export async function loadPlanFile(path: string): Promise<PlanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason =
      code === 'ENOENT'
        ? { zh: '文件不存在', en: 'the file does not exist' }
        : { zh: `读取失败(${code || String(e)})`, en: `it could not be read (${code || String(e)})` };
    return {
      ok: false,
      errors: [
        { path: '', message_zh: `无法读取规划文件 ${path}:${reason.zh}`, message_en: `cannot read plan file ${path}: ${reason.en}` },
      ],
    };
  }
  return parsePlanText(text);
}

let bundledCache: Plan | null = null;

/** The plan shipped with the product (咸宁 2024—2026). Throws if the bundled file is invalid. */
export function loadDefaultPlan(): Plan {
  if (bundledCache) return structuredClone(bundledCache);
  const r = parsePlan(bundledPlanJson as unknown);
  if (!r.ok) {
    const first = r.errors[0];
    const err = new StudioError(
      'invalid_plan',
      `内置规划文件无效：${r.errors.map((e) => e.message_zh).join('；')}`,
      `The bundled plan is invalid: ${r.errors.map((e) => e.message_en).join('; ')}`,
      first?.path,
      r.errors,
    );
    err.message = `内置规划文件无效 / bundled plan is invalid:\n${r.errors.map((e) => `${e.message_zh} / ${e.message_en}`).join('\n')}`;
    throw err;
  }
  bundledCache = r.plan;
  return structuredClone(r.plan);
}

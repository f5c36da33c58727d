/**
 * The one error base class of every layer, the model's typed ModelError, and its constructors
 * with messages in Chinese and English.
 */

/**
 * What every layer throws on purpose (the store, the API, the CLI's arguments, plan files ...):
 * a machine-readable code, the message in Chinese and in English, and where the problem is.
 * Always in this order, in the constructor and in the envelope that carries it across IPC and
 * HTTP (contract/errors.ts). `message` is the English one unless a subclass says otherwise.
 */
export class StudioError extends Error {
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  /** where the problem is: a field path such as `assumptions[2].model.rate`, a target id, a file. */
  readonly path?: string;
  readonly details?: unknown;
  constructor(code: string, message_zh: string, message_en: string, path?: string, details?: unknown) {
    super(message_en);
    this.name = 'StudioError';
    this.code = code;
    this.message_zh = message_zh;
    this.message_en = message_en;
    if (path !== undefined) this.path = path;
    if (details !== undefined) this.details = details;
  }
}

export type ModelErrorCode =
  'bad_parameter' | 'missing_driver' | 'circular_driver' | 'no_base_value' | 'unknown_series' | 'goal_unreachable' | 'no_goal_parameter';

/**
 * A model error names the target or series (`subject`, also its `path`, as the envelope has
 * always carried it) and the parameter.
 */
export class ModelError extends StudioError {
  declare readonly code: ModelErrorCode;
  readonly subject: string;
  readonly parameter: string | null;
  constructor(code: ModelErrorCode, message_zh: string, message_en: string, subject: string, parameter: string | null) {
    super(code, message_zh, message_en, subject);
    this.name = 'ModelError';
    this.subject = subject;
    this.parameter = parameter;
  }
}

export function badParameter(subject: string, parameter: string, en: string, zh: string): ModelError {
  return new ModelError('bad_parameter', `${subject}：参数 ${parameter}：${zh}`, `${subject}: ${parameter}: ${en}`, subject, parameter);
}

export function missingDriver(subject: string, parameter: string, driver: string): ModelError {
  return new ModelError(
    'missing_driver',
    `${subject}：参数 ${parameter} 引用的序列“${driver}”不在规划中`,
    `${subject}: ${parameter} refers to the series "${driver}", which is not in the plan`,
    subject,
    parameter,
  );
}

export function circularDriver(subject: string, parameter: string, cycle: readonly string[]): ModelError {
  const path = cycle.join(' → ');
  return new ModelError(
    'circular_driver',
    `${subject}：参数 ${parameter} 形成循环引用：${path}`,
    `${subject}: circular reference through ${parameter}: ${path}`,
    subject,
    parameter,
  );
}

export function unknownSeries(subject: string, parameter: string, series: string): ModelError {
  return new ModelError(
    'unknown_series',
    `${subject}：${parameter} 引用的序列“${series}”不在规划中`,
    `${subject}: ${parameter} refers to the series "${series}", which is not in the plan`,
    subject,
    parameter,
  );
}

/** A finite number, or a bad_parameter error naming subject and parameter. */
export function requireFinite(value: unknown, subject: string, parameter: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badParameter(subject, parameter, `must be a finite number (got ${String(value)})`, `须为有限数值（当前为 ${String(value)}）`);
  }
  return value;
}

/** A growth rate (fraction) above -100%. */
export function requireRate(value: unknown, subject: string, parameter: string): number {
  const r = requireFinite(value, subject, parameter);
  if (!(r > -1)) {
    throw badParameter(subject, parameter, `growth of ${(r * 100).toFixed(1)}% is below -100%`, `增速 ${(r * 100).toFixed(1)}% 低于 -100%`);
  }
  return r;
}

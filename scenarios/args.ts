/** A small, strict argument parser shared by the CLI and the web host (so neither host imports the other): unknown flags are errors. */
import { StudioError } from '../models/errors';

export type FlagType = 'string' | 'number' | 'boolean' | 'strings';

/** A bad command line: code 'bad_argument', then the two messages and the flag concerned. */
export class ArgError extends StudioError {
  constructor(zh: string, en: string, path?: string) {
    super('bad_argument', zh, en, path);
    this.name = 'ArgError';
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | number | boolean | string[] | undefined>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagType>): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const type = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!type) {
      throw new ArgError(`未知参数 --${name}`, `unknown option --${name}`, `--${name}`);
    }
    if (type === 'boolean') {
      out.flags[name] = true;
      continue;
    }
    const value: string | undefined = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new ArgError(`参数 --${name} 缺少取值`, `option --${name} needs a value`, `--${name}`);
    }
    if (type === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) {
        throw new ArgError(`参数 --${name} 应为数字，收到 "${value}"`, `option --${name} must be a number, got "${value}"`, `--${name}`);
      }
      out.flags[name] = n;
    } else if (type === 'strings') {
      const prev = (out.flags[name] as string[] | undefined) ?? [];
      out.flags[name] = [...prev, value];
    } else {
      out.flags[name] = value;
    }
  }
  return out;
}

/**
 * The one argument parser of every command-line tool: `node:util` parseArgs, strict. A typo or a missing
 * value is an error that names the problem and prints the tool's usage line (Chinese and English), never a
 * run with defaults.
 */
import { parseArgs } from 'node:util';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export class UsageError extends Error {
  constructor(problem: string, usage: string) {
    super(`${problem}\n用法 / usage: ${usage}`);
    this.name = 'UsageError';
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const name = /'(-[^']*)'/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的参数 ${name} / unknown option ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message ?? '') ? `参数 ${name} 缺少值 / ${name} needs a value` : `参数 ${name} 不带值 / ${name} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${name} / unexpected argument ${name}`;
    default:
      return e.message ?? String(error);
  }
}

/** Parses `argv` against `options`; throws UsageError (with `usage`) on anything it does not know. */
export function parseCommandLine<T extends OptionSpec>(argv: string[], options: T, usage: string, config: { positionals?: boolean } = {}) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: config.positionals ?? false });
  } catch (error) {
    throw new UsageError(describe(error), usage);
  }
}

/** A whole positive number from an option (or the fallback); anything else is a usage error. */
export function positiveInt(value: string | undefined, fallback: number, name: string, usage: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} 应是正整数 / --${name} must be a positive whole number`, usage);
  return n;
}

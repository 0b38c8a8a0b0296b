/**
 * Settings for the go-live tools (deploy, upload, size): the repository's `.env` and `.env.local` (see
 * .env.example; both git-ignored) are read into process.env without overriding what the shell already set.
 * Secrets never live in the repository: a value comes from the operator's shell or their own .env file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { type OptionSpec, parseCommandLine } from '../shared/cliArgs';

export const repoRoot = path.resolve(__dirname, '../..');

/**
 * Reads `.env` then `.env.local` from `dir` into `env` (existing keys win). Returns the keys it set.
 * PUFA_DOTENV=off skips it (tests, so that an operator's own .env never changes their outcome).
 */
export function loadDotEnv(dir = repoRoot, env: NodeJS.ProcessEnv = process.env): string[] {
  const set: string[] = [];
  if (env.PUFA_DOTENV === 'off') return set;
  const fromFiles: Record<string, string> = {};
  for (const file of ['.env', '.env.local']) {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) continue;
    Object.assign(fromFiles, parseEnv(fs.readFileSync(p, 'utf8')));
  }
  for (const [key, value] of Object.entries(fromFiles)) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}

export interface ParsedArgs {
  /** `--name value` / `--name=value` */
  values: Record<string, string>;
  /** `--flag` without a value */
  flags: Set<string>;
  /** arguments that are not options */
  positional: string[];
}

/** Options this tool understands (node:util parseArgs, strict); anything else is an error naming `usage` (a typo must not deploy with defaults). */
export function parseArgs(argv: string[], spec: { values: string[]; flags: string[] }, usage: string): ParsedArgs {
  const options: OptionSpec = {};
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.flags) options[name] = { type: 'boolean' };
  const parsed = parseCommandLine(argv, options, usage, { positionals: true });
  const out: ParsedArgs = { values: {}, flags: new Set(), positional: parsed.positionals };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') out.values[name] = value;
    else if (value === true) out.flags.add(name);
  }
  return out;
}

/**
 * Settings for the go-live tools (deploy, upload, size): the repository's `.env` and `.env.local` (see
 * .env.example; both git-ignored) are read into process.env without overriding what the shell already set.
 * Secrets never live in the repository: a value comes from the operator's shell or their own .env file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

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

/** Options this tool understands; anything else is an error (a typo must not deploy with defaults). */
export function parseArgs(argv: string[], spec: { values: string[]; flags: string[] }): ParsedArgs {
  const out: ParsedArgs = { values: {}, flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq >= 0 ? eq : undefined);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new Error(`--${name} takes no value`);
      out.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new Error(`--${name} needs a value`);
      out.values[name] = value;
    } else {
      throw new Error(`unknown option --${name} (known: ${[...spec.values, ...spec.flags].map((n) => `--${n}`).join(' ')})`);
    }
  }
  return out;
}

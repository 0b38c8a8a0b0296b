/**
 * Renders the README's "Function API" section from the contracts themselves (cloudfunctions/contracts/*.ts),
 * so the documentation cannot drift from what the server validates. `npm run docs:api` rewrites README.md;
 * functionApi.test.ts fails when the README is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const repoRoot = path.resolve(__dirname, '../..');
const contractsDir = path.join(repoRoot, 'cloudfunctions', 'contracts');
const START = '<!-- function-api:start -->';
const END = '<!-- function-api:end -->';

function describeType(t: z.ZodTypeAny): string {
  if (t instanceof z.ZodOptional) return `${describeType(t.unwrap())}?`;
  if (t instanceof z.ZodDefault) return `${describeType(t._def.innerType)}?`;
  if (t instanceof z.ZodNullable) return `${describeType(t.unwrap())} \\| null`;
  if (t instanceof z.ZodEffects) return describeType(t.innerType());
  if (t instanceof z.ZodString) return 'string';
  if (t instanceof z.ZodNumber) return 'number';
  if (t instanceof z.ZodBoolean) return 'boolean';
  if (t instanceof z.ZodLiteral) return JSON.stringify(t.value);
  if (t instanceof z.ZodEnum) return (t.options as string[]).map((o) => `'${o}'`).join(' \\| ');
  if (t instanceof z.ZodArray) return `${describeType(t.element)}[]`;
  if (t instanceof z.ZodUnion) return (t.options as z.ZodTypeAny[]).map(describeType).join(' \\| ');
  if (t instanceof z.ZodObject) return `{ ${Object.entries(t.shape as Record<string, z.ZodTypeAny>).map(([k, v]) => `${k}: ${describeType(v)}`).join(', ')} }`;
  if (t instanceof z.ZodRecord) return 'object';
  return 'value';
}

function describeInput(t: z.ZodTypeAny): string {
  const inner = t instanceof z.ZodEffects ? t.innerType() : t;
  if (inner instanceof z.ZodObject && Object.keys(inner.shape).length === 0) return '—';
  return `\`${describeType(inner)}\``;
}

export function renderFunctionApi(): string {
  const files = fs.readdirSync(contractsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'common.ts').sort();
  const parts: string[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(contractsDir, file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (!exportName.endsWith('Contract') || !value || typeof value !== 'object') continue;
      const fnName = exportName.replace(/Contract$/, '');
      parts.push(`### \`${fnName}\` (cloudfunctions/contracts/${file})\n\n| action | input |\n|---|---|`);
      for (const [action, spec] of Object.entries(value as Record<string, { input: z.ZodTypeAny }>)) parts.push(`| \`${action}\` | ${describeInput(spec.input)} |`);
      parts.push('');
    }
  }
  return parts.join('\n').trim();
}

export function updatedReadme(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${renderFunctionApi()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const file = path.join(repoRoot, 'README.md');
  fs.writeFileSync(file, updatedReadme(fs.readFileSync(file, 'utf8')));
  console.log('README.md: Function API section updated');
}

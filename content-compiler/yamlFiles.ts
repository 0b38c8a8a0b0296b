/** Reading YAML with line numbers (for issue locations) and walking content folders. */
import fs from 'node:fs';
import path from 'node:path';
import YAML, { LineCounter, isNode, type Document } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

export function parseYamlFile(text: string): { ok: true; parsed: ParsedYaml } | { ok: false; errors: { line?: number; message: string }[] } {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message.split('\n')[0] })),
    };
  }
  return { ok: true, parsed: { doc, lines, value: doc.toJS() } };
}

/** Line of the deepest node found along a path. */
export function lineAt(p: ParsedYaml | undefined, at: (string | number)[]): number | undefined {
  if (!p) return undefined;
  for (let n = at.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return p.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function walkFiles(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkFiles(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

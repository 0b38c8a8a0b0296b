/**
 * Lessons and questions reach the app only through the functions (so a campaign changes without a release):
 * none of their text may be inside a built app. The needles are distinctive passages of content/ — the
 * first sentence of every lesson body, every question stem and explanation — searched for in every file of
 * a build, with \uXXXX escapes decoded (a bundler may write Chinese escaped).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Library } from '../../content-compiler/library';
import { listFiles } from './measure';

const MIN_HAN = 10;

function hanCount(s: string): number {
  return (s.match(/[\u4e00-\u9fff]/g) ?? []).length;
}

/** A passage long enough not to occur by chance in UI text. */
function passage(text: string | undefined): string | null {
  if (!text) return null;
  const plain = text.replace(/[#>*_`[\]()!-]/g, ' ').replace(/\s+/g, ' ').trim();
  const sentence = plain.split(/[。！？；\n]/).map((s) => s.trim()).find((s) => hanCount(s) >= MIN_HAN);
  return sentence ? sentence.slice(0, 40) : null;
}

export function contentNeedles(library: Library): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const l of library.lessons) {
    const p = passage(l.body);
    if (p) out.push({ source: `lesson ${l.id}`, text: p });
  }
  for (const q of library.questions) {
    const stem = passage(q.stem);
    if (stem) out.push({ source: `question ${q.id} stem`, text: stem });
    const expl = passage(q.explanation);
    if (expl) out.push({ source: `question ${q.id} explanation`, text: expl });
  }
  return out;
}

export function decodeEscapes(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Needles found in the build, as `file: source`. */
export function contentInBuild(dir: string, needles: { source: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const f of listFiles(dir)) {
    if (!/\.(js|json|wxml|wxss|wxs|html|css|txt)$/.test(f.rel)) continue;
    const text = decodeEscapes(fs.readFileSync(path.join(dir, f.rel), 'utf8'));
    for (const n of needles) if (text.includes(n.text)) found.push(`${f.rel}: ${n.source}「${n.text}」`);
  }
  return found;
}

import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTopicMap, topicFigure } from './topicMap';
import type { Library } from './model';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function withTopics(yaml: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topics-'));
  dirs.push(dir);
  if (yaml !== null) fs.writeFileSync(path.join(dir, 'topics.yaml'), yaml);
  return dir;
}
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
const library = {
  lawById: new Map([['jiaotong', {}]]),
  lessonById: new Map([['l-jiaotong-01', {}]]),
  questionById: new Map(ids('q-jiaotong', 6).map((id) => [id, {}])),
} as unknown as Pick<Library, 'lawById' | 'lessonById' | 'questionById'>;

describe('topic map', () => {
  it('counts lessons and questions per topic and passes when every required topic meets the minimum', () => {
    const dir = withTopics(`topics:\n  - id: traffic\n    title: 交通\n    laws: [jiaotong]\n    lessons: [l-jiaotong-01]\n    questions: [${ids('q-jiaotong', 5).join(', ')}]\n`);
    const r = checkTopicMap(dir, library, ['traffic']);
    expect(r).toMatchObject({ covered: true, missing: [], issues: [], rows: [{ id: 'traffic', lessons: 1, questions: 5, ok: true }] });
    expect(topicFigure(r, true, ['traffic'])).toMatchObject({ pass: true, figure: '1 of 1 required topics' });
  });

  it('fails coverage for a short topic and a required topic missing from the map', () => {
    const dir = withTopics(`topics:\n  - id: traffic\n    title: 交通\n    laws: [jiaotong]\n    lessons: [l-jiaotong-01]\n    questions: [${ids('q-jiaotong', 4).join(', ')}]\n`);
    const r = checkTopicMap(dir, library, ['traffic', 'wages']);
    expect(r.covered).toBe(false);
    expect(r.missing).toEqual(['wages']);
    const f = topicFigure(r, false, ['traffic', 'wages']);
    expect(f).toMatchObject({ pass: false, gating: false, figure: '0 of 2 required topics (not in the map: wages)' });
    expect(f.offenders.map((o) => o.detail)).toEqual(['required topic is not in the map', '1 lesson(s), 4 question(s)']);
  });

  it('reports ids, laws and duplicate topics that do not exist as errors, and does not count unknown ids', () => {
    const dir = withTopics(
      `topics:\n  - id: traffic\n    title: 交通\n    laws: [jiaotong, nosuchlaw]\n    lessons: [l-nope-01]\n    questions: [q-nope-001, ${ids('q-jiaotong', 5).join(', ')}]\n  - id: traffic\n    title: 又一个\n    laws: [jiaotong]\n`,
    );
    const r = checkTopicMap(dir, library, ['traffic']);
    expect(r.issues.map((i) => `${i.code} ${i.field}: ${i.message}`)).toEqual([
      'topic-map laws: law "nosuchlaw" is not in content/laws.yaml',
      'topic-map lessons: lesson "l-nope-01" does not exist',
      'topic-map questions: question "q-nope-001" does not exist',
      'topic-map id: topic "traffic" is listed twice',
    ]);
    expect(r.rows[0]).toMatchObject({ lessons: 0, questions: 5, ok: false });
  });

  it('without a topics file every required topic is missing', () => {
    const r = checkTopicMap(withTopics(null), library, ['traffic']);
    expect(r).toMatchObject({ covered: false, missing: ['traffic'], rows: [], issues: [] });
  });
});

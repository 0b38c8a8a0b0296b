/**
 * Taking a quiz in the WeChat-build harness by taps: the option labels to tap for each stem (read from the stored
 * key, which the page never has), and answering every question on screen with them.
 */
import { displayedAnswer, type DrawnQuestion, type StoredQuestion } from '../../cloudfunctions/shared/quiz/quizEngine';
import type { adminApp } from '../shared/adminApp';
import type { MiniProgram } from './miniProgram';

type Database = ReturnType<ReturnType<typeof adminApp>['database']>;
type Drawn = DrawnQuestion & { snapshot: StoredQuestion };
/** For each stem on screen, the option labels to tap (right or wrong), read from the stored key (the page never has it). */
export async function answerKeyOf(db: Database, collection: 'attempts' | 'study_sessions', where: Record<string, unknown>, right: boolean): Promise<Map<string, string>> {
  const docs = (await db.collection(collection).where(where).get()).data as { drawn: Drawn[]; startedAt: string }[];
  expect(docs.length).toBeGreaterThan(0);
  const latest = docs.sort((a, b) => new Date(b.startedAt).getTime() - new Date(a.startedAt).getTime())[0];
  const out = new Map<string, string>();
  for (const d of latest.drawn) {
    const key = displayedAnswer(d.snapshot, d);
    const stem = d.snapshot.stem.replace(/\s+/g, ' ').trim(); // as the harness reads text (whitespace collapsed)
    if (typeof key === 'boolean') out.set(stem, (right ? key : !key) ? '正确' : '错误');
    else {
      const letters = d.optionOrder.map((_, i) => 'ABCDEF'[i]);
      out.set(stem, `${right ? key[0] : letters.find((l) => !key.includes(l))!}.`);
    }
  }
  return out;
}

/** Answers every question as `pick` says (by tapping the rendered option), then 交卷; waits for the score. */
export async function answerAll(mp: MiniProgram, pick: Map<string, string>): Promise<void> {
  const total = pick.size;
  for (let i = 1; i <= total; i++) {
    await mp.waitForText(`第 ${i} / ${total} 题`);
    const stem = mp.elements().find((n) => n.classes.includes('question__stem'))?.text ?? '';
    const label = pick.get(stem);
    if (!label) throw new Error(`stem ${JSON.stringify(stem)} not in ${JSON.stringify([...pick.keys()])}; screen: ${mp.text().slice(0, 400)}`);
    const option = mp.elements().find((n) => n.classes.includes('option') && (label.endsWith('.') ? n.text.slice(1).startsWith(label) : n.text.endsWith(label)));
    expect(option).toBeDefined();
    await mp.tapNode(option!);
    expect(option!.text).toContain('✓');
    await mp.tap(i < total ? '下一题' : '交卷', 'button');
  }
  await mp.waitForText(/答对 \d+ 题|\d+ 分/, 30_000);
}

/**
 * Browser-test builders: a phone-sized page (viewport, touch, Chinese locale, optionally the largest text size),
 * typing into Taro inputs, and taking a quiz the way a resident does (by role: each option is a radio/checkbox).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 } as const;
export const SMALL_PHONE = { width: 360, height: 640 } as const;
/** 我的 → 字体大小 → 特大. */
export const LARGEST_TEXT = 1.5;

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, for `expect(errors).toEqual([])`. */
  errors: string[];
}

export async function openPhone(browser: Browser, options: { viewport?: { width: number; height: number }; fontScale?: number; acceptDownloads?: boolean; pixelRatio?: number } = {}): Promise<Phone> {
  const context = await browser.newContext({ viewport: options.viewport ?? PHONE, deviceScaleFactor: options.pixelRatio ?? 2, locale: 'zh-CN', isMobile: true, hasTouch: true, acceptDownloads: options.acceptDownloads ?? false });
  if (options.fontScale) {
    // What 我的 → 字体大小 stores (Taro's H5 storage wraps each value as {data}); read when the app starts.
    const stored = JSON.stringify({ data: JSON.stringify({ chosen: options.fontScale }) });
    await context.addInitScript((value) => window.localStorage.setItem('pufa.fontScale', value), stored);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // React's DOM errors (e.g. insertBefore on Node) and failed requests (a missing /favicon.ico) are console errors.
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Types into a Taro Input/Textarea (the real <input> inside Taro's component). */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const inner = page.locator(`[data-testid="${testId}"]`).locator('input, textarea').first();
  await inner.waitFor({ timeout: 30000 });
  await inner.fill(value);
}

/** The option texts to tap for a question (by its stem); `null` taps the first option. */
export type Chooser = (stem: string) => Promise<string[] | null> | string[] | null;

/**
 * On the quiz page: answers every question (by default with its first option), goes on with 下一题, and hands
 * in with 交卷; resolves when the score is shown. Options are found by role (radio / checkbox), as a screen
 * reader would, and each tap is checked to mark the option chosen (aria-checked).
 */
export async function takeQuiz(page: Page, questions: number, choose: Chooser = () => null): Promise<void> {
  for (let i = 0; i < questions; i++) {
    await page.getByText(`第 ${i + 1} / ${questions} 题`, { exact: false }).waitFor({ timeout: 30000 });
    const question = page.getByTestId('question');
    const options = question.getByRole('radio').or(question.getByRole('checkbox'));
    const stem = ((await question.locator('.question__stem').textContent()) ?? '').trim();
    const texts = await choose(stem);
    const exactly = (t: string) => new RegExp(`^(?:[A-H]\\. )?${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const targets = texts ? texts.map((t) => options.filter({ has: page.locator('.option__text', { hasText: exactly(t) }) }).first()) : [options.first()];
    for (const option of targets) {
      await option.click();
      await expectChecked(option);
    }
    if (i < questions - 1) await page.getByText('下一题', { exact: true }).click();
  }
  await page.getByText('交卷', { exact: true }).click();
  await page.getByTestId('score').waitFor({ timeout: 30000 });
}

async function expectChecked(option: ReturnType<Page['locator']>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await option.getAttribute('aria-checked')) === 'true') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the option tapped is not marked as chosen (aria-checked)');
}

interface StoredQuestion {
  stem: string;
  type: 'single' | 'multiple' | 'judge';
  options: string[];
  answer: string | string[] | boolean;
}
type Questions = { where: (q: { stem: string }) => { get: () => Promise<{ data: unknown[] }> } };

/** From the question bank in the database: the right option texts (`right`) or a wrong one (`wrong`) for a stem. */
export function answerKey(questions: Questions): { right: Chooser; wrong: Chooser } {
  const find = async (stem: string) => {
    const [q] = (await questions.where({ stem }).get()).data as StoredQuestion[];
    if (!q) throw new Error(`no question with the stem ${stem}`);
    return q;
  };
  const keys = (a: StoredQuestion['answer']) => (Array.isArray(a) ? a : [String(a)]);
  const textOf = (q: StoredQuestion, key: string) => q.options['ABCDEFGH'.indexOf(key)];
  return {
    right: async (stem) => {
      const q = await find(stem);
      return q.type === 'judge' ? [q.answer ? '正确' : '错误'] : keys(q.answer).map((k) => textOf(q, k));
    },
    wrong: async (stem) => {
      const q = await find(stem);
      if (q.type === 'judge') return [q.answer ? '错误' : '正确'];
      const right = keys(q.answer).map((k) => textOf(q, k));
      return [q.options.find((o) => !right.includes(o))!];
    },
  };
}

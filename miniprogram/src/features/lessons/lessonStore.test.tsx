/** The lesson store against a scripted network: a lesson opened once can be read again offline. */
import Taro from '@tarojs/taro';
import { useLessonStore } from './lessonStore';

let respond: (action: string) => unknown;
const actions: string[] = [];
beforeEach(() => {
  Taro.clearStorageSync();
  actions.length = 0;
  useLessonStore.setState({ lesson: null, offline: false, error: null });
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (_u: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body) as { action: string };
    actions.push(action);
    const body = respond(action);
    if (body instanceof Error) throw body;
    return { ok: true, status: 200, json: async () => body };
  });
});

const lesson = { id: 'l-xianfa-01', title: '课', law: 'xianfa', lawShortName: '宪法', lawTitle: '中华人民共和国宪法', body: '正文', readingMinutes: 1, citations: [], campaignIds: [], read: false };

it('reads a lesson it has opened before without network, and counts the read once online', async () => {
  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : new Error('offline'));
  await useLessonStore.getState().open('l-xianfa-01');
  expect(actions).toEqual(['getLesson', 'markLessonRead']);
  expect(useLessonStore.getState().lesson?.read).toBe(false);

  respond = () => new Error('offline');
  await useLessonStore.getState().open('l-xianfa-01');
  expect(useLessonStore.getState()).toMatchObject({ offline: true, error: null, lesson: { title: '课' } });

  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : { ok: true, data: { lessonId: 'l-xianfa-01', firstRead: true } });
  await useLessonStore.getState().open('l-xianfa-01');
  expect(useLessonStore.getState()).toMatchObject({ offline: false, lesson: { read: true } });
});

it('shows the error for a lesson never opened, and for a server refusal even if cached', async () => {
  respond = () => new Error('offline');
  await useLessonStore.getState().open('l-other-01');
  expect(useLessonStore.getState().error?.code).toBe('NETWORK');
  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : { ok: true, data: { lessonId: 'l-xianfa-01', firstRead: true } });
  await useLessonStore.getState().open('l-xianfa-01');
  respond = () => ({ ok: false, code: 'NOT_FOUND', message: '这篇课程不存在或已下线' });
  await useLessonStore.getState().open('l-xianfa-01');
  expect(useLessonStore.getState()).toMatchObject({ lesson: null, error: { code: 'NOT_FOUND' } });
});

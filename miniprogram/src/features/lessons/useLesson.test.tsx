/** The lesson reader's data against a scripted network: a lesson opened once can be read again offline. */
import Taro from '@tarojs/taro';
import { renderHook, waitFor } from '@testing-library/react';
import { resetServerData } from '@/shared/data/serverData';
import { useLesson } from './useLesson';

let respond: (action: string) => unknown;
const actions: string[] = [];
beforeEach(() => {
  Taro.clearStorageSync();
  resetServerData();
  actions.length = 0;
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (_u: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body) as { action: string };
    actions.push(action);
    const body = respond(action);
    if (body instanceof Error) throw body;
    return { ok: true, status: 200, json: async () => body };
  });
});

const lesson = { id: 'l-xianfa-01', title: '课', law: 'xianfa', lawShortName: '宪法', lawTitle: '中华人民共和国宪法', body: '正文', readingMinutes: 1, citations: [], campaignIds: [], read: false };
/** A fresh start of the app (memory gone, storage kept), opening one lesson. */
async function open(lessonId: string) {
  resetServerData();
  const view = renderHook(() => useLesson(lessonId));
  await waitFor(() => expect(view.result.current.loading).toBe(false));
  return view;
}

it('reads a lesson it has opened before without network, and counts the read once online', async () => {
  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : new Error('offline'));
  let view = await open('l-xianfa-01');
  await waitFor(() => expect(actions).toEqual(['getLesson', 'markLessonRead']));
  expect(view.result.current.data?.read).toBe(false);
  view.unmount();

  respond = () => new Error('offline');
  view = await open('l-xianfa-01');
  expect(view.result.current).toMatchObject({ offline: true, data: { title: '课' } });
  view.unmount();

  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : { ok: true, data: { lessonId: 'l-xianfa-01', firstRead: true } });
  view = await open('l-xianfa-01');
  await waitFor(() => expect(view.result.current).toMatchObject({ offline: false, data: { read: true } }));
});

it('shows the error for a lesson never opened, and for a server refusal even if stored', async () => {
  respond = () => new Error('offline');
  let view = await open('l-other-01');
  expect(view.result.current).toMatchObject({ data: null, error: { code: 'NETWORK' } });
  view.unmount();
  respond = (a) => (a === 'getLesson' ? { ok: true, data: lesson } : { ok: true, data: { lessonId: 'l-xianfa-01', firstRead: true } });
  view = await open('l-xianfa-01');
  view.unmount();
  respond = () => ({ ok: false, code: 'NOT_FOUND', message: '这篇课程不存在或已下线' });
  view = await open('l-xianfa-01');
  expect(view.result.current).toMatchObject({ data: null, error: { code: 'NOT_FOUND' } });
});

import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { noticeInput, staffContract, type NoticeView } from '@contracts/staff';
import { maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { callStaff } from '@/shared/api/clients';
import { confirmAction, runWrite } from '@/features/staff/writes';
import { DateTimePicker, Field, TextArea, TextInput } from '@/features/staff/FormParts';
import { FormNotice, useFormStatus } from '@/features/staff/formStatus';
import { chinaToday } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

const STATUS = { draft: '草稿', published: '已发布', archived: '已删除' } as const;

export default function NoticesPage() {
  const notices = useServerData(staffQuery('listNotices', {}));
  const { setData, reload } = notices;
  const [editing, setEditing] = useState<NoticeView | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [date, setDate] = useState(chinaToday());
  const [busy, setBusy] = useState(false);
  const status = useFormStatus();

  const edit = (n: NoticeView | null) => {
    setEditing(n);
    setTitle(n?.title ?? '');
    setBody(n?.body ?? '');
    setDate(n?.date ?? chinaToday());
    status.clear();
    if (n) void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };
  const save = async (next: 'draft' | 'published') => {
    const input = { id: editing?.id, notice: { title, body, date, status: next } };
    if (!status.check(staffContract.saveNotice.input, input)) return;
    if (next === 'published' && !(await confirmAction(editing?.status === 'published' ? '保存修改' : '发布通知', `“${title.trim() || '这条通知'}”将显示在居民首页。确定${editing?.status === 'published' ? '保存' : '发布'}吗？`, editing?.status === 'published' ? '保存' : '发布'))) return;
    setBusy(true);
    const r = await runWrite(() => callStaff('saveNotice', input), next === 'published' ? '已发布' : '已保存');
    setBusy(false);
    if (!r.ok) return status.fail(r.error);
    edit(null);
    status.succeed(next === 'published' ? `已发布“${r.data.title}”，居民首页可以看到` : `已存为草稿“${r.data.title}”`);
    void reload();
  };
  const remove = async (n: NoticeView) => {
    if (!(await confirmAction('删除通知', `“${n.title}”将不再显示在首页。`, '删除'))) return;
    const r = await runWrite(() => callStaff('archiveNotice', { id: n.id }), '已删除');
    if (r.ok) setData((list) => list.filter((x) => x.id !== n.id));
  };

  return (
    <Screen>
      <View className="card" data-testid="notice-form">
        <Text className="card__title">{editing ? `修改通知（${STATUS[editing.status]}）` : '写一条通知'}</Text>
        <Field label="标题" error={status.errorFor('notice.title')}>
          <TextInput value={title} onChange={setTitle} max={maxLengthAt(noticeInput, ['title'])} testId="notice-title" />
        </Field>
        <Field label="内容" hint="一两句话，例如时间、地点、带什么" error={status.errorFor('notice.body')}>
          <TextArea value={body} onChange={setBody} max={maxLengthAt(noticeInput, ['body'])} testId="notice-body" />
        </Field>
        <Field label="日期" error={status.errorFor('notice.date')}>
          <DateTimePicker date={date} onDate={setDate} />
        </Field>
        <FormNotice notice={status.notice} testId="notice-notice" />
        <View className="btn-row">
          <Button className="btn btn--primary" disabled={busy} onClick={() => save('published')} data-testid="notice-publish">
            {editing?.status === 'published' ? '保存修改' : '发布到首页'}
          </Button>
          <Button className="btn" disabled={busy} onClick={() => save('draft')} data-testid="notice-draft">
            {editing?.status === 'published' ? '撤回为草稿' : '存为草稿'}
          </Button>
          {editing ? (
            <Button className="btn" onClick={() => edit(null)} data-testid="notice-cancel">
              取消修改
            </Button>
          ) : null}
        </View>
      </View>
      <AsyncView state={notices} empty="还没有通知">
        {(data) => (
        <View className="card">
          <Text className="card__title">已有的通知</Text>
          {data.map((n) => (
            <View key={n.id} className="stack-item" data-testid="notice-row">
              <Text className="t-m t-block">{n.title}</Text>
              <Text className="t-s t-block">
                <Text className="tag">{STATUS[n.status]}</Text>
                {n.date}
              </Text>
              <Text className="t-s t-block">{n.body}</Text>
              <View className="btn-row">
                <Button className="btn" onClick={() => edit(n)} data-testid="notice-edit">
                  修改
                </Button>
                <Button className="btn" onClick={() => remove(n)} data-testid="notice-remove">
                  删除
                </Button>
              </View>
            </View>
          ))}
        </View>
        )}
      </AsyncView>
    </Screen>
  );
}

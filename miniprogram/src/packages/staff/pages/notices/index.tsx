import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import type { NoticeView } from '@contracts/staff';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { callStaff } from '@/shared/api/clients';
import { confirmAction, runWrite } from '@/features/staff/writes';
import { DateTimePicker, Field, TextArea, TextInput } from '@/features/staff/FormParts';
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
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (n: NoticeView | null) => {
    setEditing(n);
    setTitle(n?.title ?? '');
    setBody(n?.body ?? '');
    setDate(n?.date ?? chinaToday());
    setFormError(null);
  };
  const save = async (status: 'draft' | 'published') => {
    if (!title.trim() || !body.trim()) return setFormError('请填写标题和内容');
    setBusy(true);
    const r = await runWrite(() => callStaff('saveNotice', { id: editing?.id, notice: { title: title.trim(), body: body.trim(), date, status } }), status === 'published' ? '已发布' : '已保存');
    setBusy(false);
    if (!r.ok) return setFormError(r.error.message);
    edit(null);
    void reload();
  };
  const remove = async (n: NoticeView) => {
    if (!(await confirmAction('删除通知', `“${n.title}”将不再显示在首页。`, '删除'))) return;
    const r = await runWrite(() => callStaff('archiveNotice', { id: n.id }), '已删除');
    if (r.ok) setData((list) => list.filter((x) => x.id !== n.id));
  };

  return (
    <Screen>
      <View className="card">
        <Text className="card__title">{editing ? '修改通知' : '写一条通知'}</Text>
        <Field label="标题">
          <TextInput value={title} onChange={setTitle} maxlength={30} testId="notice-title" />
        </Field>
        <Field label="内容" hint="一两句话，例如时间、地点、带什么">
          <TextArea value={body} onChange={setBody} maxlength={300} testId="notice-body" />
        </Field>
        <Field label="日期">
          <DateTimePicker date={date} onDate={setDate} />
        </Field>
        {formError ? <Text className="field__error">{formError}</Text> : null}
        <View className="btn-row">
          <Button className="btn btn--primary" disabled={busy} onClick={() => save('published')} data-testid="notice-publish">
            发布到首页
          </Button>
          <Button className="btn" disabled={busy} onClick={() => save('draft')}>
            存为草稿
          </Button>
          {editing ? (
            <Button className="btn" onClick={() => edit(null)}>
              取消
            </Button>
          ) : null}
        </View>
      </View>
      <AsyncView state={notices} empty="还没有通知">
        {(data) => (
          <View className="card">
            {data.map((n) => (
              <ListItem
                key={n.id}
                testId="notice-row"
                title={n.title}
                lines={[`${n.date}　${n.body}`]}
                onPress={() => edit(n)}
                trailing={
                  <>
                    <Text className="tag">{STATUS[n.status]}</Text>
                    <Button
                      className="btn"
                      onClick={(e) => {
                        e.stopPropagation();
                        void remove(n);
                      }}
                    >
                      删除
                    </Button>
                  </>
                }
              />
            ))}
          </View>
        )}
      </AsyncView>
    </Screen>
  );
}

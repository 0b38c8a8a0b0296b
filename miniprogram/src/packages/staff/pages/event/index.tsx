import { useEffect, useState } from 'react';
import { View, Text, Button, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { rememberPageParam } from '@/shared/platform/rememberPageParam';
import type { EditorOptions, EventCodeView, OfflineEventInput, OfflineEventView } from '@contracts/staff';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { allOf, useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { callStaff } from '@/shared/api/clients';
import { confirmAction } from '@/features/staff/writes';
import { h5Base } from '@/features/staff/sessionStore';
import { Chips, DateTimePicker, Field, NumberInput, Select, TextArea, TextInput, toggle } from '@/features/staff/FormParts';
import { chinaToday } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

type Form = OfflineEventInput;
const NONE = '__none__';

function formOf(e: OfflineEventView | null, options: EditorOptions): Form {
  return {
    type: e?.type ?? '院坝会',
    title: e?.title ?? '',
    date: e?.date ?? chinaToday(),
    villageId: e?.villageId ?? options.villages[0]?.id ?? '',
    place: e?.place ?? '',
    themeLaws: e?.themeLaws ?? [],
    campaignId: e?.campaignId ?? null,
    lessonId: e?.lessonId ?? null,
    notes: e?.notes ?? '',
  };
}

async function saveImage(url: string) {
  try {
    const file = await Taro.downloadFile({ url });
    await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath });
    void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  } catch {
    void Taro.showToast({ title: '保存失败，可长按图片保存', icon: 'none' });
  }
}

export default function EventPage() {
  const { params } = useRouter();
  const [id, setId] = useState<string | undefined>(params.id || undefined);
  const editorOptions = useServerData(staffQuery('getEditorOptions', {}));
  const stored = useServerData(params.id ? staffQuery('getEvent', { id: params.id }) : null);
  const options = editorOptions.data;
  const [event, setEvent] = useState<OfflineEventView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [numbers, setNumbers] = useState({ attendees: 0, leaflets: 0, banners: 0 });
  const [codes, setCodes] = useState<EventCodeView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!options || form || (params.id && !stored.data)) return;
    const ev = stored.data ?? null;
    setEvent(ev);
    setForm(formOf(ev, options));
    if (ev) setNumbers({ attendees: ev.attendees, leaflets: ev.leaflets, banners: ev.banners });
  }, [options, stored.data]);
  if (!options || !form) {
    return (
      <Screen>
        <AsyncView state={allOf(params.id ? [editorOptions, stored] : [editorOptions])}>{() => null}</AsyncView>
      </Screen>
    );
  }

  const patch = (p: Partial<Form>) => setForm({ ...form, ...p });
  const lessons = options.lessons.filter((l) => form.themeLaws.includes(l.law) || l.id === form.lessonId);
  const save = async () => {
    if (!form.title.trim()) return setMessage('请填写活动名称');
    setBusy(true);
    const res = await callStaff('saveEvent', { id, event: { ...form, title: form.title.trim() } });
    setBusy(false);
    if (!res.ok) return setMessage(res.message);
    setMessage(null);
    setEvent(res.data);
    if (!id) {
      setId(res.data.id);
      rememberPageParam('id', res.data.id);
    }
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const makeCodes = async () => {
    if (!event) return;
    setBusy(true);
    const res = await callStaff('getEventCode', { id: event.id, h5Base: h5Base() });
    setBusy(false);
    if (!res.ok) return setMessage(res.message);
    setCodes(res.data);
  };
  const saveNumbers = async () => {
    if (!event) return;
    setBusy(true);
    const res = await callStaff('recordEventNumbers', { id: event.id, ...numbers, notes: form.notes });
    setBusy(false);
    if (!res.ok) return setMessage(res.message);
    setEvent(res.data);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const archive = async () => {
    if (!event || !(await confirmAction('归档线下活动', '归档后居民不能再扫码签到，已有数字保留。', '归档'))) return;
    const res = await callStaff('archiveEvent', { id: event.id });
    if (!res.ok) return setMessage(res.message);
    setEvent(res.data);
  };

  return (
    <Screen>
      <View className="card">
        <Text className="card__title">{event ? '活动信息' : '新建线下活动'}</Text>
        <Field label="类型">
          <Chips options={options.eventTypes.map((t) => ({ value: t, label: t }))} selected={[form.type]} onToggle={(type) => patch({ type })} testId="event-type" />
        </Field>
        <Field label="活动名称">
          <TextInput value={form.title} onChange={(title) => patch({ title })} maxlength={30} placeholder="例如 三组院坝会：宪法进万家" testId="event-title" />
        </Field>
        <Field label="日期">
          <DateTimePicker date={form.date} onDate={(date) => patch({ date })} />
        </Field>
        <Field label="村（社区）">
          <Select options={options.villages.map((v) => ({ value: v.id, label: v.name }))} value={form.villageId} onChange={(villageId) => patch({ villageId })} testId="event-village" />
        </Field>
        <Field label="地点">
          <TextInput value={form.place} onChange={(place) => patch({ place })} maxlength={40} placeholder="例如 三组张家院坝" />
        </Field>
        <Field label="宣讲的法律">
          <Chips options={options.laws.map((l) => ({ value: l.id, label: l.shortName }))} selected={form.themeLaws} onToggle={(l) => patch({ themeLaws: toggle(form.themeLaws, l) })} />
        </Field>
        <Field label="关联的线上活动（签到计入该活动）">
          <Select
            options={[{ value: NONE, label: '不关联' }, ...options.campaigns.map((c) => ({ value: c.id, label: c.title }))]}
            value={form.campaignId ?? NONE}
            onChange={(v) => patch({ campaignId: v === NONE ? null : v })}
          />
        </Field>
        <Field label="签到后给居民看的课程" hint={lessons.length ? undefined : '先选宣讲的法律'}>
          <Select options={[{ value: NONE, label: '不指定' }, ...lessons.map((l) => ({ value: l.id, label: l.title }))]} value={form.lessonId ?? NONE} onChange={(v) => patch({ lessonId: v === NONE ? null : v })} />
        </Field>
        {message ? <Text className="field__error">{message}</Text> : null}
        {!event?.archived ? (
          <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="event-save">
            保存
          </Button>
        ) : null}
      </View>

      {event ? (
        <View className="card code-box" data-testid="event-codes">
          <Text className="card__title">签到码</Text>
          <Text className="t-s t-block">打印出来贴在现场，居民用微信扫一扫签到（每人每场只计一次）。</Text>
          {codes ? (
            <>
              {codes.wxacodeUrl ? (
                <>
                  <Image className="code-img" src={codes.wxacodeUrl} mode="aspectFit" showMenuByLongpress />
                  <Text className="t-s t-block">小程序码（{codes.scene}）</Text>
                  {process.env.TARO_ENV === 'weapp' ? (
                    <Button className="btn" onClick={() => saveImage(codes.wxacodeUrl!)}>
                      保存到相册
                    </Button>
                  ) : null}
                </>
              ) : (
                <Text className="warn">{codes.wxacodeError}</Text>
              )}
              {codes.h5QrDataUrl ? (
                <>
                  <Image className="code-img" src={codes.h5QrDataUrl} mode="aspectFit" data-testid="h5-qr" />
                  <Text className="t-s t-block mono" data-testid="h5-url">
                    {codes.h5Url}
                  </Text>
                </>
              ) : null}
            </>
          ) : (
            <Button className="btn btn--primary" disabled={busy} onClick={makeCodes} data-testid="event-make-code">
              生成签到码
            </Button>
          )}
        </View>
      ) : null}

      {event ? (
        <View className="card" data-testid="event-numbers">
          <Text className="card__title">活动后填写</Text>
          <View className="stat-row">
            <View className="stat">
              <Text className="stat__num">{event.checkIns}</Text>
              <Text className="stat__label">扫码签到</Text>
            </View>
            <View className="stat">
              <Text className="stat__num">{event.attendees}</Text>
              <Text className="stat__label">未扫码到场</Text>
            </View>
            <View className="stat">
              <Text className="stat__num">{event.reached}</Text>
              <Text className="stat__label">合计人数</Text>
            </View>
          </View>
          <View className="row">
            <Field label="未扫码的到场人数">
              <NumberInput value={numbers.attendees} onChange={(attendees) => setNumbers({ ...numbers, attendees })} testId="event-attendees" />
            </Field>
            <Field label="发放资料（份）">
              <NumberInput value={numbers.leaflets} onChange={(leaflets) => setNumbers({ ...numbers, leaflets })} testId="event-leaflets" />
            </Field>
            <Field label="悬挂横幅（条）">
              <NumberInput value={numbers.banners} onChange={(banners) => setNumbers({ ...numbers, banners })} testId="event-banners" />
            </Field>
          </View>
          <Field label="备注">
            <TextArea value={form.notes} onChange={(notes) => patch({ notes })} maxlength={300} placeholder="例如 群众关心的问题、需要跟进的事" />
          </Field>
          <View className="btn-row">
            <Button className="btn btn--primary" disabled={busy} onClick={saveNumbers} data-testid="event-save-numbers">
              保存数字
            </Button>
            {!event.archived ? (
              <Button className="btn" onClick={archive}>
                归档
              </Button>
            ) : (
              <Text className="tag">已归档</Text>
            )}
          </View>
        </View>
      ) : null}
    </Screen>
  );
}

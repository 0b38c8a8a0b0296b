import { useEffect, useState } from 'react';
import { View, Text, Button, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { rememberPageParam } from '@/shared/platform/rememberPageParam';
import { offlineEventInput, staffContract, type EditorOptions, type EventCodeView, type OfflineEventInput, type OfflineEventView } from '@contracts/staff';
import { maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { Loading } from '@/shared/ui/StateView';
import { AsyncView } from '@/shared/ui/AsyncView';
import { allOf, useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { callStaff } from '@/shared/api/clients';
import { confirmAction } from '@/features/staff/writes';
import { h5Base } from '@/shared/platform/links';
import { DrawnImage } from '@/shared/ui/DrawnImage';
import { Chips, DateTimePicker, Field, NumberInput, Select, TextArea, TextInput, toggle } from '@/features/staff/FormParts';
import { FormNotice, useFormStatus } from '@/features/staff/formStatus';
import { toNumber } from '@/features/staff/formValues';
import { chinaToday } from '@/features/staff/labels';
import { makePoster, posterCodeSource, savePoster } from '@/features/staff/poster';
import type { PosterInfo } from '@/features/staff/posterLayout';
import '@/features/staff/staff.scss';

type Form = Omit<OfflineEventInput, 'time'> & { time: string };
const NONE = '__none__';
const maxOf = (field: string) => maxLengthAt(offlineEventInput, [field]);

function formOf(e: OfflineEventView | null, options: EditorOptions): Form {
  return {
    type: e?.type ?? '院坝会',
    title: e?.title ?? '',
    date: e?.date ?? chinaToday(),
    time: e?.time ?? '09:00',
    villageId: e?.villageId ?? options.villages[0]?.id ?? '',
    place: e?.place ?? '',
    themeLaws: e?.themeLaws ?? [],
    campaignId: e?.campaignId ?? null,
    lessonId: e?.lessonId ?? null,
    notes: e?.notes ?? '',
  };
}

const numbersOf = (e: OfflineEventView) => ({ attendees: String(e.attendees), leaflets: String(e.leaflets), banners: String(e.banners) });
const posterInfo = (e: OfflineEventView): PosterInfo => ({ title: e.title, type: e.type, date: e.date, time: e.time, place: e.place, villageName: e.villageName });

/** The check-in codes and the poster (shown again whenever the page opens once the code was made). */
function CodeCard({ event, codes, busy, onMake }: { event: OfflineEventView; codes: EventCodeView | null; busy: boolean; onMake: () => void }) {
  const source = codes ? posterCodeSource(codes) : null;
  const info = posterInfo(event);
  return (
    <View className="card code-box" data-testid="event-codes">
      <Text className="card__title">签到码与海报</Text>
      <Text className="t-s t-block">打印出来贴在现场，居民用微信扫一扫签到（每人每场只计一次）。</Text>
      {!codes ? (
        event.codeMade ? (
          <Loading label="正在取签到码…" />
        ) : (
          <Button className="btn btn--primary" disabled={busy} onClick={onMake} data-testid="event-make-code">
            生成签到码
          </Button>
        )
      ) : (
        <>
          {codes.wxacodeUrl ? (
            <View className="code-frame">
              <Image className="code-img" src={codes.wxacodeUrl} mode="scaleToFill" showMenuByLongpress data-testid="wxacode" />
              <Text className="t-s t-block">小程序码（微信扫码）</Text>
            </View>
          ) : codes.wxacodeError ? (
            <Text className="warn">{codes.wxacodeError}</Text>
          ) : null}
          {codes.h5QrDataUrl ? (
            <View className="code-frame">
              <Image className="code-img" src={codes.h5QrDataUrl} mode="scaleToFill" data-testid="h5-qr" />
              <Text className="t-s t-block mono" data-testid="h5-url">
                {codes.h5Url}
              </Text>
            </View>
          ) : null}
          <DrawnImage
            drawKey={JSON.stringify([info, source])}
            make={source ? () => makePoster(info, source) : null}
            save={(url) => savePoster(url, info)}
            failure="海报生成失败"
            drawingLabel="正在生成海报…"
            saveLabel={{ weapp: '保存海报到相册', h5: '下载海报（PNG，A4 打印）' }}
            imageClass="poster-img"
            testId="poster"
          />
        </>
      )}
    </View>
  );
}

export default function EventPage() {
  const { params } = useRouter();
  const [id, setId] = useState<string | undefined>(params.id || undefined);
  const editorOptions = useServerData(staffQuery('getEditorOptions', {}));
  const stored = useServerData(params.id ? staffQuery('getEvent', { id: params.id }) : null);
  const options = editorOptions.data;
  const [event, setEvent] = useState<OfflineEventView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [numbers, setNumbers] = useState({ attendees: '0', leaflets: '0', banners: '0' });
  const [notes, setNotes] = useState('');
  const [codes, setCodes] = useState<EventCodeView | null>(null);
  const [busy, setBusy] = useState(false);
  const info = useFormStatus();
  const counts = useFormStatus();

  const fetchCodes = async (ev: OfflineEventView) => {
    const res = await callStaff('getEventCode', { id: ev.id, h5Base: h5Base() });
    if (!res.ok) return info.fail(res);
    setCodes(res.data);
    setEvent({ ...ev, codeMade: true });
  };
  useEffect(() => {
    if (!options || form || (params.id && !stored.data)) return;
    const ev = stored.data ?? null;
    setEvent(ev);
    setForm(formOf(ev, options));
    if (ev) {
      setNumbers(numbersOf(ev));
      setNotes(ev.notes);
      // the code was made before: show it again at once (stored on the event, not made anew)
      if (ev.codeMade) void fetchCodes(ev);
    }
  }, [options, stored.data]);
  useEffect(() => {
    // a cached answer may predate the code: the fresh one says it was made
    if (stored.data?.codeMade && event && !event.codeMade && !codes) void fetchCodes(event);
  }, [stored.data]);
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
    const input = { id, event: { ...form, notes: event ? event.notes : notes } };
    if (!info.check(staffContract.saveEvent.input, input)) return;
    setBusy(true);
    const res = await callStaff('saveEvent', input);
    setBusy(false);
    if (!res.ok) return info.fail(res);
    info.succeed(id ? '已保存活动信息' : '已新建，可以生成签到码了');
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
    await fetchCodes(event);
    setBusy(false);
  };
  const saveNumbers = async () => {
    if (!event) return;
    const input = { id: event.id, attendees: toNumber(numbers.attendees), leaflets: toNumber(numbers.leaflets), banners: toNumber(numbers.banners), notes };
    if (!counts.check(staffContract.recordEventNumbers.input, input)) return;
    setBusy(true);
    const res = await callStaff('recordEventNumbers', input);
    setBusy(false);
    if (!res.ok) return counts.fail(res);
    setEvent(res.data);
    setNumbers(numbersOf(res.data));
    counts.succeed(`已保存：合计 ${res.data.reached} 人参加`);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const archive = async () => {
    if (!event || !(await confirmAction('归档线下活动', '归档后居民不能再扫码签到，已有数字保留。', '归档'))) return;
    const res = await callStaff('archiveEvent', { id: event.id });
    if (!res.ok) return counts.fail(res);
    setEvent(res.data);
    counts.succeed('已归档');
  };

  return (
    <Screen>
      <View className="card">
        <Text className="card__title">{event ? '活动信息' : '新建线下活动'}</Text>
        <Field label="类型" error={info.errorFor('event.type')}>
          <Chips options={options.eventTypes.map((t) => ({ value: t, label: t }))} selected={[form.type]} onToggle={(type) => patch({ type })} testId="event-type" />
        </Field>
        <Field label="活动名称" error={info.errorFor('event.title')}>
          <TextInput value={form.title} onChange={(title) => patch({ title })} max={maxOf('title')} placeholder="例如 三组院坝会：宪法进万家" testId="event-title" />
        </Field>
        <Field label="日期和开始时间" error={info.errorFor('event.date') ?? info.errorFor('event.time')}>
          <DateTimePicker date={form.date} time={form.time} onDate={(date) => patch({ date })} onTime={(time) => patch({ time })} testId="event-when" />
        </Field>
        <Field label="村（社区）" error={info.errorFor('event.villageId')}>
          <Select options={options.villages.map((v) => ({ value: v.id, label: v.name }))} value={form.villageId} onChange={(villageId) => patch({ villageId })} testId="event-village" />
        </Field>
        <Field label="地点" error={info.errorFor('event.place')}>
          <TextInput value={form.place} onChange={(place) => patch({ place })} max={maxOf('place')} placeholder="例如 三组张家院坝" testId="event-place" />
        </Field>
        <Field label="宣讲的法律" error={info.errorFor('event.themeLaws')}>
          <Chips options={options.laws.map((l) => ({ value: l.id, label: l.shortName }))} selected={form.themeLaws} onToggle={(l) => patch({ themeLaws: toggle(form.themeLaws, l) })} />
        </Field>
        <Field label="关联的线上活动（签到计入该活动）" error={info.errorFor('event.campaignId')}>
          <Select
            options={[{ value: NONE, label: '不关联' }, ...options.campaigns.map((c) => ({ value: c.id, label: c.title }))]}
            value={form.campaignId ?? NONE}
            onChange={(v) => patch({ campaignId: v === NONE ? null : v })}
          />
        </Field>
        <Field label="签到后给居民看的课程" hint={lessons.length ? undefined : '先选宣讲的法律'} error={info.errorFor('event.lessonId')}>
          <Select options={[{ value: NONE, label: '不指定' }, ...lessons.map((l) => ({ value: l.id, label: l.title }))]} value={form.lessonId ?? NONE} onChange={(v) => patch({ lessonId: v === NONE ? null : v })} />
        </Field>
        <FormNotice notice={info.notice} testId="event-notice" />
        {!event?.archived ? (
          <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="event-save">
            保存
          </Button>
        ) : null}
      </View>

      {event ? <CodeCard event={event} codes={codes} busy={busy} onMake={makeCodes} /> : null}

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
            <Field label="未扫码的到场人数" error={counts.errorFor('attendees')}>
              <NumberInput value={numbers.attendees} onChange={(attendees) => setNumbers({ ...numbers, attendees })} unit="人" testId="event-attendees" />
            </Field>
            <Field label="宣传单（份）" error={counts.errorFor('leaflets')}>
              <NumberInput value={numbers.leaflets} onChange={(leaflets) => setNumbers({ ...numbers, leaflets })} unit="份" testId="event-leaflets" />
            </Field>
            <Field label="标语（条）" error={counts.errorFor('banners')}>
              <NumberInput value={numbers.banners} onChange={(banners) => setNumbers({ ...numbers, banners })} unit="条" testId="event-banners" />
            </Field>
          </View>
          <Field label="备注" error={counts.errorFor('notes')}>
            <TextArea value={notes} onChange={setNotes} max={maxOf('notes')} placeholder="例如 群众关心的问题、需要跟进的事" testId="event-notes" />
          </Field>
          <FormNotice notice={counts.notice} testId="event-numbers-notice" />
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

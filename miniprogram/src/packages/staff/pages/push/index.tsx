import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { staffContract, type OutboxEntry, type PushAudience, type PushJobView, type PushOverview } from '@contracts/staff';
import { checkInput, maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { formatDateTime } from '@/shared/format';
import { callStaff, fetchLocalOutbox } from '@/shared/api/clients';
import { confirmAction } from '@/features/staff/writes';
import { Chips, Field, TextInput } from '@/features/staff/FormParts';
import { PUSH_ERROR_LABEL, PUSH_STATUS_LABEL } from '@/features/staff/labels';
import '@/features/staff/staff.scss';

function Totals({ job }: { job: PushJobView }) {
  return (
    <View data-testid="push-totals">
      <View className="stat-row">
        <View className="stat">
          <Text className="stat__num" data-testid="push-sent">
            {job.totals.sent}
          </Text>
          <Text className="stat__label">✓ 已送达</Text>
        </View>
        <View className="stat">
          <Text className="stat__num">{job.totals.failed}</Text>
          <Text className="stat__label">✗ 失败</Text>
        </View>
        <View className="stat">
          <Text className="stat__num">{job.totals.remaining}</Text>
          <Text className="stat__label">待发送</Text>
        </View>
      </View>
      {job.totals.unknown ? <Text className="warn">{job.totals.unknown} 条发送中断，不确定是否送达，不会重发。</Text> : null}
      {job.errors.map((e) => (
        <Text key={e.errCode} className="t-s t-block">
          失败原因 {e.errCode}（{PUSH_ERROR_LABEL[e.errCode] ?? '其他'}）：{e.count} 条
        </Text>
      ))}
    </View>
  );
}

export default function PushPage() {
  const { params } = useRouter();
  const campaignId = params.campaignId ?? '';
  const overview = useServerData(staffQuery('getPushOverview', { campaignId }));
  const [audience, setAudience] = useState<PushAudience>('campaign');
  const [note, setNote] = useState('');
  const [running, setRunning] = useState<PushJobView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxEntry[] | null>(null);

  /** Runs a job to the end: each call works for a while and returns; the next call resumes. */
  const run = async (job: PushJobView) => {
    setRunning(job);
    setMessage(null);
    let current = job;
    for (let i = 0; i < 200 && current.status !== 'done'; i++) {
      const res = await callStaff('runPushJob', { jobId: current.id });
      if (!res.ok) {
        setMessage(`${res.message}（可以稍后点“继续推送”，已发送的不会重发）`);
        break;
      }
      current = res.data;
      setRunning(current);
    }
    void overview.reload();
  };
  const start = async () => {
    const o = overview.data;
    if (!o) return;
    const input = { campaignId, audience, note: note.trim() };
    const checked = checkInput(staffContract.createPushJob.input, input);
    if (!checked.ok) return setMessage(checked.message);
    const people = audience === 'campaign' ? o.optedInCampaign : o.optedInAll;
    const ok = await confirmAction(
      '推送提醒',
      `将给 ${people} 位居民各发一条“${o.campaignTitle}”的提醒。每次推送会用掉他们的一次订阅（订阅只能用一次，用完要等居民再次订阅），确定推送吗？`,
      '推送',
    );
    if (!ok) return;
    const res = await callStaff('createPushJob', input);
    if (!res.ok) return setMessage(res.message);
    await run(res.data);
  };
  const showOutbox = async () => {
    const res = await fetchLocalOutbox(20);
    if (res.ok) setOutbox(res.data);
    else setMessage(res.message);
  };

  return (
    <Screen>
      <AsyncView state={overview}>{(o) => body(o)}</AsyncView>
    </Screen>
  );

  function body(o: PushOverview) {
  const pending = o.jobs.find((j) => j.status !== 'done');
  return (
    <>
      <View className="card">
        <Text className="card__title">{o.campaignTitle}</Text>
        <Text className="t-m t-block" data-testid="push-opted-in">
          订阅了本活动提醒的居民：{o.optedInCampaign} 人
        </Text>
        <Text className="t-s t-block">订阅过任何活动提醒的居民：{o.optedInAll} 人。每位居民每次推送只收到一条，每次订阅只能用一次。</Text>
      </View>
      {running ? (
        <View className="card" data-testid="push-running">
          <Text className="card__title">{running.status === 'done' ? '✓ 推送完成' : '正在推送…'}</Text>
          <Totals job={running} />
        </View>
      ) : null}
      {message ? (
        <View className="card" role="alert">
          <Text className="t-m outcome--wrong">{message}</Text>
        </View>
      ) : null}
      {pending && (!running || running.status === 'done' || running.id !== pending.id) ? (
        <View className="card">
          <Text className="t-m t-block">上一次推送还没有完成（{formatDateTime(pending.createdAt)}）。</Text>
          <Button className="btn btn--primary" onClick={() => run(pending)} data-testid="push-resume">
            继续推送
          </Button>
        </View>
      ) : (
        <View className="card">
          <Text className="card__title">新的推送</Text>
          <Field label="发给谁">
            <Chips
              options={[
                { value: 'campaign' as PushAudience, label: `订阅本活动的 ${o.optedInCampaign} 人` },
                { value: 'all' as PushAudience, label: `所有订阅过的 ${o.optedInAll} 人` },
              ]}
              selected={[audience]}
              onToggle={setAudience}
            />
          </Field>
          <Field label="提醒的话（可选）">
            <TextInput value={note} onChange={setNote} max={maxLengthAt(staffContract.createPushJob.input, ['note'])} placeholder="例如 周六前完成答题" testId="push-note" />
          </Field>
          <Button className="btn btn--primary" disabled={Boolean(running && running.status !== 'done')} onClick={start} data-testid="push-start">
            推送
          </Button>
        </View>
      )}
      <View className="card">
        <Text className="card__title">推送记录</Text>
        {o.jobs.length === 0 ? <Text className="t-s">还没有推送过</Text> : null}
        {o.jobs.map((j) => (
          <ListItem
            key={j.id}
            testId="push-job"
            title={`${formatDateTime(j.createdAt)} · ${j.createdByName} · ${PUSH_STATUS_LABEL[j.status]}`}
            lines={[`已送达 ${j.totals.sent} · 失败 ${j.totals.failed}${j.totals.unknown ? ` · 中断 ${j.totals.unknown}` : ''}`]}
          />
        ))}
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <View className="card">
          <Text className="card__title">本地发件箱</Text>
          <Text className="t-s t-block">本地运行时消息不会真的发出，记录在本地云的发件箱里。</Text>
          <Button className="btn" onClick={showOutbox} data-testid="push-outbox">
            查看最近 20 条
          </Button>
          {(outbox ?? []).map((m) => (
            <Text key={m.id} className="t-s t-block mono">
              #{m.id} {m.touserTail} {String((m.data as Record<string, { value?: string }>).thing1?.value ?? '')}
            </Text>
          ))}
        </View>
      ) : null}
    </>
  );
  }
}

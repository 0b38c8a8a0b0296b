import { useEffect, useState } from 'react';
import { View, Text, Button, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { rememberPageParam } from '@/shared/platform/rememberPageParam';
import { campaignInput, staffContract, type CampaignDetail } from '@contracts/staff';
import { maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { allOf, useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { formatDateTime } from '@/shared/format';
import { canUploadImage, chooseAndUploadImage } from '@/shared/platform/uploadImage';
import { callStaff } from '@/shared/api/clients';
import { confirmAction } from '@/features/staff/writes';
import { Chips, DateTimePicker, Field, NumberInput, TextArea, TextInput, toggle } from '@/features/staff/FormParts';
import { emptyCampaignForm, formFromDetail, toCampaignInput, type CampaignFormState } from '@/features/staff/campaignForm';
import { STATE_LABEL } from '@/features/staff/labels';
import { chinaInstant } from '@contracts/time';
import { FormNotice, useFormStatus } from '@/features/staff/formStatus';
import { staffRoutes } from '@/features/staff/staffRoutes';
import '@/features/staff/staff.scss';

type Op = 'schedule' | 'publish' | 'unpublish' | 'archive';
const maxOf = (field: string) => maxLengthAt(campaignInput, [field]);

const OP_CONFIRM: Record<Op, (title: string) => { title: string; content: string; confirm: string } | null> = {
  publish: (t) => ({ title: '发布活动', content: `发布后“${t}”马上出现在居民首页，居民可以开始答题。确定发布吗？`, confirm: '发布' }),
  schedule: (t) => ({ title: '排期活动', content: `“${t}”到开始时间会自动出现在居民首页。确定排期吗？`, confirm: '排期' }),
  unpublish: (t) => ({ title: '撤回为草稿', content: `撤回后居民首页不再显示“${t}”，已有的答题记录保留。`, confirm: '撤回' }),
  archive: () => ({ title: '归档活动', content: '归档后居民看不到这个活动，确定吗？', confirm: '归档' }),
};
const OP_DONE: Record<Op, string> = { publish: '已发布：居民首页现在能看到这个活动', schedule: '已排期：到开始时间自动上线', unpublish: '已撤回为草稿', archive: '已归档' };
const OP_TOAST: Record<Op, string> = { publish: '已发布', schedule: '已排期', unpublish: '已撤回', archive: '已归档' };

export default function CampaignEditPage() {
  const { params } = useRouter();
  const [id, setId] = useState<string | undefined>(params.id || undefined);
  const editorOptions = useServerData(staffQuery('getEditorOptions', {}));
  const stored = useServerData(params.id ? staffQuery('getCampaign', { id: params.id }) : null);
  const options = editorOptions.data;
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [form, setForm] = useState<CampaignFormState>(emptyCampaignForm());
  const status = useFormStatus();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (stored.data && !detail) {
      setDetail(stored.data);
      setForm(formFromDetail(stored.data));
    }
  }, [stored.data]);

  if (!options || (id && !detail)) {
    return (
      <Screen>
        <AsyncView state={allOf(params.id ? [editorOptions, stored] : [editorOptions])}>{() => null}</AsyncView>
      </Screen>
    );
  }

  const patch = (p: Partial<CampaignFormState>) => setForm((f) => ({ ...f, ...p }));
  const lawOptions = options.laws.map((l) => ({ value: l.id, label: l.shortName }));
  const lessonOptions = options.lessons.filter((l) => form.themeLaws.includes(l.law) || form.lessonIds.includes(l.id)).map((l) => ({ value: l.id, label: l.title }));
  const poolLaws = form.poolLaws ?? form.themeLaws;
  const poolEstimate = poolLaws.reduce((n, l) => n + (options.questionsByLaw[l] ?? 0), 0);
  const dirty = !detail || JSON.stringify(formFromDetail(detail)) !== JSON.stringify(form);

  const save = async (): Promise<CampaignDetail | null> => {
    const built = toCampaignInput(form);
    if ('error' in built) {
      status.refuse(built.error, built.field);
      return null;
    }
    const input = { id, expectedVersion: detail?.version, campaign: built.input };
    if (!status.check(staffContract.saveCampaign.input, input)) return null;
    setBusy(true);
    const res = await callStaff('saveCampaign', input);
    setBusy(false);
    if (!res.ok) {
      status.fail(res);
      return null;
    }
    status.succeed('已保存');
    setDetail(res.data);
    setForm(formFromDetail(res.data));
    if (!id) {
      setId(res.data.id);
      rememberPageParam('id', res.data.id);
    }
    void Taro.showToast({ title: '已保存', icon: 'success' });
    return res.data;
  };

  const op = async (which: Op) => {
    let current = detail;
    if (!current || dirty) current = await save();
    if (!current) return;
    const ask = OP_CONFIRM[which](current.title);
    if (ask && !(await confirmAction(ask.title, ask.content, ask.confirm))) return;
    setBusy(true);
    const res = await callStaff('setCampaignStatus', { id: current.id, op: which });
    setBusy(false);
    if (!res.ok) return status.fail(res);
    setDetail(res.data);
    setForm(formFromDetail(res.data));
    status.succeed(OP_DONE[which]);
    void Taro.showToast({ title: OP_TOAST[which], icon: 'success' });
  };

  const pin = async () => {
    if (!detail) return;
    const res = await callStaff('pinCampaign', { id: detail.id, pinned: !detail.pinned });
    if (!res.ok) return status.fail(res);
    setDetail(res.data);
    status.succeed(res.data.pinned ? '已置顶到居民首页' : '已取消置顶');
  };

  const upload = async () => {
    try {
      const fileId = await chooseAndUploadImage(`banners/${id ?? 'new'}`);
      if (fileId) patch({ bannerImage: fileId, bannerImageUrl: null });
    } catch {
      status.refuse('横幅图片：上传失败，请重试', 'campaign.bannerImage');
    }
  };

  const errorFor = (field: string) => status.errorsUnder(`campaign.${field}`)[0] ?? null;
  const startsLater = Date.parse(chinaInstant(form.startDate, form.startTime)) > Date.now();

  return (
    <Screen>
      {detail ? (
        <View className="card" data-testid="campaign-state">
          <Text className="tag">{STATE_LABEL[detail.state]}</Text>
          {detail.pinned ? <Text className="tag">📌 已置顶</Text> : null}
          <Text className="t-s t-block">题库 {detail.poolSize} 道题 · 最后修改 {formatDateTime(detail.updatedAt)}</Text>
          {detail.source === 'content' ? <Text className="warn">这个活动来自内容库；在这里修改后，将由工作台管理，不再随内容库同步。</Text> : null}
        </View>
      ) : null}

      <View className="card">
        <Text className="card__title">基本信息</Text>
        <Field label="活动名称" error={errorFor('title')}>
          <TextInput value={form.title} onChange={(title) => patch({ title })} max={maxOf('title')} placeholder="例如 12·4 宪法宣传周答题" testId="campaign-title" />
        </Field>
        <Field label="横幅标语" hint="首页活动卡片上的一句话" error={errorFor('bannerText')}>
          <TextInput value={form.bannerText} onChange={(bannerText) => patch({ bannerText })} max={maxOf('bannerText')} placeholder="例如 学宪法 讲宪法" testId="campaign-banner-text" />
        </Field>
        <Field label="活动简介" error={errorFor('summary')}>
          <TextArea value={form.summary} onChange={(summary) => patch({ summary })} max={maxOf('summary')} testId="campaign-summary" />
        </Field>
        <Field label="横幅图片" error={errorFor('bannerImage')} hint={canUploadImage ? '建议横图，宽高比约 2:1' : '请在微信小程序里上传图片（本地网页版不能上传）'}>
          {form.bannerImageUrl ? <Image src={form.bannerImageUrl} mode="widthFix" style="width: 100%" /> : form.bannerImage ? <Text className="t-s t-block">✓ 已选择图片</Text> : null}
          <View className="btn-row">
            {canUploadImage ? (
              <Button className="btn" onClick={upload}>
                {form.bannerImage ? '更换图片' : '上传图片'}
              </Button>
            ) : null}
            {form.bannerImage ? (
              <Button className="btn" onClick={() => patch({ bannerImage: null, bannerImageUrl: null })}>
                去掉图片
              </Button>
            ) : null}
          </View>
        </Field>
      </View>

      <View className="card">
        <Text className="card__title">活动时间（北京时间）</Text>
        <Field label="开始" error={errorFor('start')}>
          <DateTimePicker date={form.startDate} time={form.startTime} onDate={(startDate) => patch({ startDate })} onTime={(startTime) => patch({ startTime })} testId="campaign-start" />
        </Field>
        <Field label="结束" error={errorFor('end')}>
          <DateTimePicker date={form.endDate} time={form.endTime} onDate={(endDate) => patch({ endDate })} onTime={(endTime) => patch({ endTime })} testId="campaign-end" />
        </Field>
      </View>

      <View className="card">
        <Text className="card__title">主题法律</Text>
        <Field label="主题法律（可多选）" error={errorFor('themeLaws')}>
          <Chips options={lawOptions} selected={form.themeLaws} onToggle={(l) => patch({ themeLaws: toggle(form.themeLaws, l) })} testId="campaign-laws" />
        </Field>
        <Field label="关联课程" error={errorFor('lessonIds')} hint={lessonOptions.length ? '居民答题前可以先学' : '先选主题法律，再选课程'}>
          <Chips options={lessonOptions} selected={form.lessonIds} onToggle={(l) => patch({ lessonIds: toggle(form.lessonIds, l) })} testId="campaign-lessons" />
        </Field>
      </View>

      <View className="card">
        <Text className="card__title">答题设置</Text>
        <View className="row">
          <Field label="每次题数" error={errorFor('quiz.questionsPerQuiz')}>
            <NumberInput value={form.questionsPerQuiz} onChange={(questionsPerQuiz) => patch({ questionsPerQuiz })} unit="题" testId="campaign-count" />
          </Field>
          <Field label="合格分" error={errorFor('quiz.passMark')}>
            <NumberInput value={form.passMark} onChange={(passMark) => patch({ passMark })} unit="分" testId="campaign-pass" />
          </Field>
          <Field label="每天可答次数" error={errorFor('quiz.attemptsPerDay')}>
            <NumberInput value={form.attemptsPerDay} onChange={(attemptsPerDay) => patch({ attemptsPerDay })} unit="次" testId="campaign-attempts" />
          </Field>
        </View>
        <Field label="题库：出题的法律" error={errorFor('quiz.pool.laws')} hint={form.poolLaws === null ? `默认同主题法律，约 ${poolEstimate} 道题` : `约 ${poolEstimate} 道题（另加下面的标签和题号）`}>
          <Chips options={lawOptions} selected={poolLaws} onToggle={(l) => patch({ poolLaws: toggle(poolLaws, l) })} testId="campaign-pool-laws" />
        </Field>
        <Field label="题库：按标签加题" error={errorFor('quiz.pool.tags')}>
          <Chips options={options.tags.slice(0, 30).map((t) => ({ value: t.tag, label: `${t.tag} ${t.count}` }))} selected={form.poolTags} onToggle={(t) => patch({ poolTags: toggle(form.poolTags, t) })} testId="campaign-pool-tags" />
        </Field>
        <Field label="题库：指定题号（可选）" hint="多个用逗号分隔" error={errorFor('quiz.pool.questionIds')}>
          <TextInput value={form.questionIds} onChange={(questionIds) => patch({ questionIds })} testId="campaign-question-ids" />
        </Field>
      </View>

      <FormNotice notice={status.notice} testId="campaign-notice" />
      <Button className="btn btn--primary" disabled={busy || !dirty} onClick={save} data-testid="campaign-save">
        {dirty ? '保存' : '✓ 已保存'}
      </Button>
      <View className="btn-row">
        {!detail || detail.state === 'draft' || detail.state === 'archived' || detail.state === 'ended' ? (
          startsLater ? (
            <Button className="btn btn--primary" disabled={busy} onClick={() => op('schedule')} data-testid="campaign-schedule">
              排期（到时自动上线）
            </Button>
          ) : (
            <Button className="btn btn--primary" disabled={busy} onClick={() => op('publish')} data-testid="campaign-publish">
              发布
            </Button>
          )
        ) : null}
        {detail && detail.state === 'scheduled' ? (
          <Button className="btn" disabled={busy} onClick={() => op('publish')} data-testid="campaign-publish-now">
            立即发布
          </Button>
        ) : null}
        {detail && (detail.state === 'live' || detail.state === 'scheduled') ? (
          <Button className="btn" disabled={busy} onClick={() => op('unpublish')} data-testid="campaign-unpublish">
            撤回为草稿
          </Button>
        ) : null}
      </View>
      {detail ? (
        <View className="btn-row">
          <Button className="btn" onClick={() => Taro.navigateTo({ url: staffRoutes.preview(detail.id) })} data-testid="campaign-preview">
            居民视角预览
          </Button>
          <Button className="btn" onClick={pin} data-testid="campaign-pin">
            {detail.pinned ? '取消置顶' : '置顶到首页'}
          </Button>
          {detail.state === 'live' || detail.state === 'scheduled' ? (
            <Button className="btn" onClick={() => Taro.navigateTo({ url: staffRoutes.push(detail.id) })} data-testid="campaign-push">
              推送提醒
            </Button>
          ) : null}
          {detail.state !== 'archived' ? (
            <Button className="btn" disabled={busy} onClick={() => op('archive')} data-testid="campaign-archive">
              归档
            </Button>
          ) : null}
        </View>
      ) : null}
    </Screen>
  );
}

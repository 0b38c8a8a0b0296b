import { useEffect, useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffContract, townSettingsInput, type TownSettingsView } from '@contracts/staff';
import { maxLengthAt } from '@contracts/fieldErrors';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { useServerData } from '@/shared/data/serverData';
import { staffQuery } from '@/shared/data/queries';
import { formatDateTime } from '@/shared/format';
import { callStaff } from '@/shared/api/clients';
import { Field, NumberInput, TextInput } from '@/features/staff/FormParts';
import { FormNotice, useFormStatus } from '@/features/staff/formStatus';
import { toNumber } from '@/features/staff/formValues';
import '@/features/staff/staff.scss';

interface VillageRow {
  id: string | null;
  name: string;
  /** As typed; empty = not set. */
  population: string;
  placeholder: boolean;
}
interface Form {
  villages: VillageRow[];
  address: string;
  phones: string[];
  hours: string;
  advisers: string[];
  /** As typed; empty = the content profile's unit. */
  bannerUnit: string;
}

const formOf = (t: TownSettingsView): Form => ({
  villages: t.villages.map((v) => ({ id: v.id, name: v.name, population: v.population === null ? '' : String(v.population), placeholder: v.placeholder })),
  address: t.station.address,
  phones: t.station.phones,
  hours: t.station.hours,
  advisers: t.advisers,
  bannerUnit: t.bannerUnit === t.contentBannerUnit ? '' : t.bannerUnit,
});

const max = {
  village: maxLengthAt(townSettingsInput, ['villages', 0, 'name']),
  address: maxLengthAt(townSettingsInput, ['station', 'address']),
  hours: maxLengthAt(townSettingsInput, ['station', 'hours']),
  adviser: maxLengthAt(townSettingsInput, ['advisers', 0]),
  bannerUnit: maxLengthAt(townSettingsInput, ['bannerUnit']),
};

const set = <T,>(list: T[], i: number, value: T) => list.map((x, j) => (j === i ? value : x));

export default function TownSettingsPage() {
  const stored = useServerData(staffQuery('getTownSettings', {}));
  const [view, setView] = useState<TownSettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useFormStatus();

  useEffect(() => {
    if (stored.data && !view) {
      setView(stored.data);
      setForm(formOf(stored.data));
    }
  }, [stored.data]);
  if (!view || !form) {
    return (
      <Screen>
        <AsyncView state={stored}>{() => null}</AsyncView>
      </Screen>
    );
  }

  const patch = (p: Partial<Form>) => setForm({ ...form, ...p });
  const save = async () => {
    const input = {
      town: {
        villages: form.villages.map((v) => ({ id: v.id, name: v.name, population: v.population.trim() === '' ? null : toNumber(v.population) })),
        station: { address: form.address, phones: form.phones.filter((p) => p.trim() !== ''), hours: form.hours },
        advisers: form.advisers.filter((a) => a.trim() !== ''),
        bannerUnit: form.bannerUnit,
      },
    };
    if (!status.check(staffContract.saveTownSettings.input, input)) return;
    setBusy(true);
    const res = await callStaff('saveTownSettings', input);
    setBusy(false);
    if (!res.ok) return status.fail(res);
    setView(res.data);
    setForm(formOf(res.data));
    stored.setData(() => res.data);
    status.succeed('已保存：居民首页和统计报表马上用新的资料');
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const waiting = form.villages.filter((v) => v.placeholder).length;

  return (
    <Screen>
      <View className="card">
        <Text className="card__title">{view.townName}</Text>
        <Text className="t-s t-block">这里填的资料显示在居民首页“遇到法律问题，找谁帮忙”、村（社区）选择和统计报表里。内容库更新时不会覆盖这里填的内容。</Text>
        {view.updatedAt ? (
          <Text className="t-s t-block">
            最后修改：{view.updatedByName} {formatDateTime(view.updatedAt)}
          </Text>
        ) : null}
      </View>

      <View className="card" data-testid="town-villages">
        <Text className="card__title">村（社区）</Text>
        <Text className="t-s t-block">名称会出现在居民选择和统计报表里；常住人口用来算参与率（参与人数占常住人口的比例），不知道可以不填。已有的村（社区）不能删除，可以改名。</Text>
        {waiting ? <Text className="warn">还有 {waiting} 个村（社区）名称是“待填写”。</Text> : null}
        {status.errorFor('town.villages') ? <Text className="field__error">{status.errorFor('town.villages')}</Text> : null}
        {form.villages.map((v, i) => (
          <View key={v.id ?? `new-${i}`} className="stack-item" data-testid="town-village">
            <Field label={`第 ${i + 1} 个：名称`} error={status.errorFor(`town.villages.${i}.name`)}>
              <TextInput value={v.name} onChange={(name) => patch({ villages: set(form.villages, i, { ...v, name, placeholder: false }) })} max={max.village} placeholder="例如 古路村" testId="town-village-name" />
            </Field>
            <Field label="常住人口" error={status.errorFor(`town.villages.${i}.population`)}>
              <NumberInput value={v.population} onChange={(population) => patch({ villages: set(form.villages, i, { ...v, population }) })} unit="人" testId="town-village-population" />
            </Field>
            {v.id === null ? (
              <Button className="btn" onClick={() => patch({ villages: form.villages.filter((_, j) => j !== i) })}>
                不加这个
              </Button>
            ) : null}
          </View>
        ))}
        <Button className="btn" onClick={() => patch({ villages: [...form.villages, { id: null, name: '', population: '', placeholder: false }] })} data-testid="town-add-village">
          ＋ 加一个村（社区）
        </Button>
      </View>

      <View className="card" data-testid="town-station">
        <Text className="card__title">{view.station.name}</Text>
        <Field label="地址" error={status.errorFor('town.station.address')}>
          <TextInput value={form.address} onChange={(address) => patch({ address })} max={max.address} placeholder="例如 古路镇政府一楼" testId="town-address" />
        </Field>
        <Field label="办公时间" error={status.errorFor('town.station.hours')}>
          <TextInput value={form.hours} onChange={(hours) => patch({ hours })} max={max.hours} placeholder="例如 工作日 9:00–17:00" testId="town-hours" />
        </Field>
        {form.phones.map((p, i) => (
          <Field key={i} label={`电话 ${i + 1}`} error={status.errorFor(`town.station.phones.${i}`)}>
            <TextInput value={p} onChange={(v) => patch({ phones: set(form.phones, i, v) })} placeholder="例如 023-6700 0000" testId="town-phone" />
          </Field>
        ))}
        {status.errorFor('town.station.phones') ? <Text className="field__error">{status.errorFor('town.station.phones')}</Text> : null}
        <Button className="btn" onClick={() => patch({ phones: [...form.phones, ''] })} data-testid="town-add-phone">
          ＋ 加一个电话
        </Button>
      </View>

      <View className="card" data-testid="town-advisers">
        <Text className="card__title">法律顾问单位</Text>
        {form.advisers.map((a, i) => (
          <Field key={i} label={`第 ${i + 1} 家`} error={status.errorFor(`town.advisers.${i}`)}>
            <TextInput value={a} onChange={(v) => patch({ advisers: set(form.advisers, i, v) })} max={max.adviser} placeholder="例如 重庆中柱律师事务所" testId="town-adviser" />
          </Field>
        ))}
        {status.errorFor('town.advisers') ? <Text className="field__error">{status.errorFor('town.advisers')}</Text> : null}
        <Button className="btn" onClick={() => patch({ advisers: [...form.advisers, ''] })}>
          ＋ 加一家
        </Button>
      </View>

      <View className="card" data-testid="town-report">
        <Text className="card__title">年度报告</Text>
        <Text className="t-s t-block">导出的统计表和年度报告参考段落里，标语按这个单位计数（例如“悬挂宣传标语 12 副”）。不填就用内容库里的“{view.contentBannerUnit}”。</Text>
        <Field label="标语计量单位" error={status.errorFor('town.bannerUnit')}>
          <TextInput value={form.bannerUnit} onChange={(bannerUnit) => patch({ bannerUnit })} max={max.bannerUnit} placeholder={`例如 ${view.contentBannerUnit}、条、幅`} testId="town-banner-unit" />
        </Field>
      </View>

      <FormNotice notice={status.notice} testId="town-notice" />
      <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="town-save">
        保存镇情设置
      </Button>
    </Screen>
  );
}

import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Verification } from '@contracts/certificates';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ErrorState } from '@/shared/ui/StateView';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { routes } from '@/shared/routes';
import { certificateNumberFrom } from '@/features/certificates/verifyParams';
import { chineseDate } from '@contracts/time';
import { useShare } from '@/features/share/useShare';
import '@/features/certificates/certificates.scss';

const toHome = { label: '去首页看看', onPress: () => void Taro.switchTab({ url: routes.home }) };

/**
 * 证书查验, for anyone (opened by scanning a certificate's code, scene c=<number>, or a shared link ?no=<number>):
 * 有效 with the campaign, the date and the town, or 无效. Nothing about the holder is shown or known here.
 */
export default function VerifyCertificatePage() {
  const { params } = useRouter();
  const number = certificateNumberFrom(params as Record<string, string | undefined>);
  const result = useServerData(number ? residentQuery('verifyCertificate', { number }) : null);
  const face = result.data?.valid ? result.data.certificate : null;
  useShare(face ? { title: `${face.townName}“${face.campaignTitle}”电子证书查验`, kicker: '证书查验', path: routes.verifyCertificate(face.number), timelineQuery: `no=${encodeURIComponent(face.number)}` } : null);
  if (!number) {
    return (
      <Screen>
        <ErrorState message="没有识别出证书编号，请重新扫一扫证书上的码。" exit={toHome} />
      </Screen>
    );
  }
  return (
    <Screen>
      <AsyncView state={result} loadingLabel="正在查验…" exit={toHome}>
        {(v) => <Verdict number={number} v={v} />}
      </AsyncView>
      <Button className="btn" onClick={toHome.onPress}>
        {toHome.label}
      </Button>
    </Screen>
  );
}

function Verdict({ number, v }: { number: string; v: Verification }) {
  if (!v.valid) {
    return (
      <View className="card" data-testid="verify-result" data-valid="false">
        <Text className="verify-verdict verify-verdict--invalid">✗ 无效</Text>
        <Text className="t-m t-block">查不到这个编号的证书。证书可能是伪造的，或编号有误。</Text>
        <Text className="t-s t-block cert-number">编号：{number}</Text>
      </View>
    );
  }
  const c = v.certificate;
  return (
    <View className="card" data-testid="verify-result" data-valid="true">
      <Text className="verify-verdict verify-verdict--valid">✓ 有效</Text>
      <Text className="t-m t-block">这是一张真实的电子证书。</Text>
      <Row label="活动" value={c.campaignTitle} />
      <Row label="成绩" value={c.grade} />
      <Row label="日期" value={chineseDate(c.day)} />
      <Row label="颁发" value={`${c.townName} · 普法学堂`} />
      <Row label="编号" value={c.number} mono />
      <Text className="t-s t-block">为保护个人信息，查验结果不显示证书持有人。</Text>
    </View>
  );
}

function Row({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <View className="rule">
      <Text className="rule__label">{label}</Text>
      <Text className={`rule__value ${mono ? 'cert-number' : ''}`}>{value}</Text>
    </View>
  );
}

import { useEffect } from 'react';
import { View, Text, Button } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CertificatePage } from '@contracts/certificates';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { Loading } from '@/shared/ui/StateView';
import { DrawnImage } from '@/shared/ui/DrawnImage';
import { useServerData } from '@/shared/data/serverData';
import { residentQuery } from '@/shared/data/queries';
import { h5Base } from '@/shared/platform/links';
import { backExit } from '@/shared/platform/navigation';
import { routes } from '@/shared/routes';
import { chineseDate } from '@contracts/time';
import { makeCertificateImage, saveCertificateImage, verifyCodeSource } from '@/features/certificates/certificateImage';
import { useShare } from '@/features/share/useShare';
import { ShareButton } from '@/features/share/ShareButton';
import '@/features/certificates/certificates.scss';

/**
 * One certificate, for its holder: drawn on a canvas with its verification code, saved to the album (WeChat) or
 * downloaded as PNG (H5), and shared. Anyone else who opens this page (a forwarded link) is taken to 证书查验.
 */
export default function CertificatePageView() {
  const { params } = useRouter();
  const number = params.no ? decodeURIComponent(params.no) : '';
  const page = useServerData(number ? residentQuery('getMyCertificate', { number, h5Base: h5Base() }) : null);
  const notMine = page.error?.code === 'NOT_FOUND';
  useEffect(() => {
    if (notMine) void Taro.redirectTo({ url: routes.verifyCertificate(number) });
  }, [notMine, number]);
  const c = page.data?.certificate;
  // The friend opens 证书查验 of this number: 有效, the campaign, the date and the town.
  useShare(c ? { title: `我在“${c.campaignTitle}”答题获得${c.grade}证书`, kicker: `电子证书 · ${c.grade}`, path: routes.verifyCertificate(c.number), timelineQuery: `no=${encodeURIComponent(c.number)}` } : null);
  if (notMine) return <Screen><Loading label="正在打开证书查验…" /></Screen>;
  return (
    <Screen>
      <AsyncView state={page} loadingLabel="正在打开证书…" exit={backExit()}>
        {(data) => <Certificate data={data} />}
      </AsyncView>
    </Screen>
  );
}

function Certificate({ data }: { data: CertificatePage }) {
  const { certificate: c, verify } = data;
  const source = verifyCodeSource(verify);
  return (
    <>
      <View className="card" data-testid="certificate">
        <Text className="card__title">{c.campaignTitle}</Text>
        <Text className="t-m t-block">
          成绩 <Text className="outcome--correct">{c.grade}</Text>（{c.score} 分）· {chineseDate(c.day)}
        </Text>
        <Text className="t-s t-block cert-number" data-testid="certificate-number">
          证书编号：{c.number}
        </Text>
        <DrawnImage
          drawKey={JSON.stringify([c.number, c.grade, source])}
          make={source ? () => makeCertificateImage(c, source) : null}
          save={(url) => saveCertificateImage(url, c)}
          failure="证书图片生成失败"
          drawingLabel="正在生成证书图片…"
          saveLabel={{ weapp: '保存到相册', h5: '下载证书图片（PNG）' }}
          unavailable={<Text className="t-s t-block outcome--wrong">{verify.wxacodeError ?? '查验码暂时生成不了，请稍后再打开'}</Text>}
          imageClass="certificate-img"
          testId="certificate"
        />
        <ShareButton path={routes.verifyCertificate(c.number)} label="分享证书" />
        <Button className="btn" onClick={() => void Taro.navigateTo({ url: routes.verifyCertificate(c.number) })} data-testid="certificate-verify-link">
          查验这张证书
        </Button>
      </View>
      <View className="card">
        <Text className="t-s t-block">朋友扫证书上的码或打开您分享的链接，能看到证书是否有效、哪个活动、哪天获得，看不到您的任何个人信息。</Text>
      </View>
    </>
  );
}

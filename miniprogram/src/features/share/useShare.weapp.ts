/**
 * WeChat 转发 and 分享到朋友圈: the page's share card (title, a picture drawn when tapped, the path that opens the
 * same item for the friend), and the tap counted as participation (share) on the server. The page config needs
 * `enableShareAppMessage: true` and `enableShareTimeline: true`.
 */
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { callResident } from '@/shared/api/clients';
import { renderCanvasImage } from '@/shared/platform/canvasImage';
import { routes } from '@/shared/routes';
import type { ShareSpec } from './share';
import { SHARE_CARD_HEIGHT, SHARE_CARD_WIDTH, drawShareCard } from './shareCard';

const FALLBACK = { title: '普法学堂：一分钟学法，答题赢知识', path: routes.home };

export function useShare(share: ShareSpec | null): void {
  useShareAppMessage(() => {
    if (!share) return FALLBACK;
    if (share.record) void callResident('recordShare', share.record);
    const card = { title: share.title, path: share.path };
    // WeChat waits up to 3 s for `promise`, then uses the card as it is (its own screenshot of the page).
    const promise = renderCanvasImage(SHARE_CARD_WIDTH, SHARE_CARD_HEIGHT, [], (ctx) => drawShareCard(ctx, share)).then((imageUrl) => ({ ...card, imageUrl }));
    return { ...card, promise } as typeof card;
  });
  useShareTimeline(() => (share ? { title: share.title, query: share.timelineQuery } : { title: FALLBACK.title }));
}

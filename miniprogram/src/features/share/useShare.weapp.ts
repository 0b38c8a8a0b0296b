/**
 * WeChat 转发: the page's share card, and the tap counted as participation (share) on the server.
 * The page config needs `enableShareAppMessage: true`.
 */
import { useShareAppMessage } from '@tarojs/taro';
import { callResident } from '@/shared/api/clients';

export function useShare(share: { title: string; path: string; target: 'lesson' | 'campaign'; targetId: string } | null): void {
  useShareAppMessage(() => {
    if (!share) return { title: '普法学堂：一分钟学法，答题赢知识', path: '/pages/home/index' };
    void callResident('recordShare', { target: share.target, targetId: share.targetId });
    return { title: share.title, path: share.path };
  });
}

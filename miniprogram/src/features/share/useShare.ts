/** H5: there is no WeChat 转发 menu in a browser; pages offer ShareButton (复制链接) instead. */
import type { ShareSpec } from './share';

export function useShare(_share: ShareSpec | null): void {}

/** H5: there is no WeChat 转发 menu in a browser, so nothing to set up or count. */
export function useShare(_share: { title: string; path: string; target: 'lesson' | 'campaign'; targetId: string } | null): void {}

/** Jest stand-in for @tarojs/taro: in-memory storage and recorded navigation. */
const storage = new Map<string, unknown>();
export const navigations: { kind: string; url: string }[] = [];
let routerParams: Record<string, string> = {};
export function setRouterParams(p: Record<string, string>) {
  routerParams = p;
}

const Taro = {
  getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  clearStorageSync: () => storage.clear(),
  navigateTo: async ({ url }: { url: string }) => void navigations.push({ kind: 'navigateTo', url }),
  redirectTo: async ({ url }: { url: string }) => void navigations.push({ kind: 'redirectTo', url }),
  switchTab: async ({ url }: { url: string }) => void navigations.push({ kind: 'switchTab', url }),
  showModal: async () => ({ confirm: true, cancel: false }),
  showToast: async () => undefined,
  makePhoneCall: async () => undefined,
};
export default Taro;
export const useRouter = () => ({ params: routerParams });
export const useDidShow = () => undefined;
export const usePullDownRefresh = () => undefined;
export const stopPullDownRefresh = () => undefined;

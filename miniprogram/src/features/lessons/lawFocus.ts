/**
 * Which law 学法 should open at. A tab page cannot be opened with parameters (switchTab), so "还有 N 课" on
 * home sets the law here and switches tab; 学法 filters to it when shown.
 */
import { create } from 'zustand';
import Taro from '@tarojs/taro';
import { routes } from '@/shared/routes';

export const useLawFocus = create<{ law: string | null; set: (law: string | null) => void }>((set) => ({
  law: null,
  set: (law) => set({ law }),
}));

export function openLearnAt(law: string): void {
  useLawFocus.getState().set(law);
  void Taro.switchTab({ url: routes.learn });
}

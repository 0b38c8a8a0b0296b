import { create } from 'zustand';
import { loadJson, saveJson } from '../platform/storage';
import { systemFontScale } from '../platform/fontScale';

export const FONT_CHOICES = [
  { label: '跟随微信', value: null },
  { label: '标准', value: 1 },
  { label: '大', value: 1.25 },
  { label: '特大', value: 1.5 },
] as const;

interface FontScaleState {
  /** null: follow the WeChat setting. */
  chosen: number | null;
  choose: (value: number | null) => void;
}

const KEY = 'pufa.fontScale';

export const useFontScaleStore = create<FontScaleState>((set) => ({
  chosen: loadJson<{ chosen: number | null }>(KEY)?.chosen ?? null,
  choose: (value) => {
    saveJson(KEY, { chosen: value });
    set({ chosen: value });
  },
}));

export function effectiveScale(chosen: number | null, system: number): number {
  const raw = chosen ?? system;
  return Math.min(2, Math.max(1, Math.round(raw * 100) / 100));
}

export function useFontScale(): number {
  const chosen = useFontScaleStore((s) => s.chosen);
  return effectiveScale(chosen, systemFontScale());
}

/** H5: no WeChat font setting; the resident's own choice (我的 → 字体大小) applies. */
export function systemFontScale(): number {
  return 1;
}

/** Small synchronous key-value storage that survives reloads (wx storage / localStorage via Taro). */
import Taro from '@tarojs/taro';

export function loadJson<T>(key: string): T | null {
  try {
    const raw = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return null;
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
  } catch {
    return null;
  }
}
export function saveJson(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
  } catch {
    /* storage full or unavailable: the in-memory store still holds the value */
  }
}
export function removeKey(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    /* ignore */
  }
}

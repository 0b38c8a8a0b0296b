/**
 * 分享: in WeChat a 转发 button (the page's share card, useShare); on H5 it copies the link that opens the same
 * item and shows it, so it can also be long-pressed and copied by hand.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { h5Link } from '@/shared/platform/links';

export function ShareButton({ path, label = '分享给朋友' }: { path: string; label?: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button className="btn" openType="share" data-testid="share-button">
        {label}
      </Button>
    );
  }
  const copy = async () => {
    const link = h5Link(path);
    setCopied(link);
    await Taro.setClipboardData({ data: link }).catch(() => undefined);
  };
  return (
    <View>
      <Button className="btn" onClick={copy} data-testid="share-button">
        {label}（复制链接）
      </Button>
      {copied ? (
        <View className="notice-line" data-testid="share-link">
          <Text className="t-s t-block">链接已复制，粘贴发给朋友即可：</Text>
          <Text className="t-s t-block share-link" userSelect>
            {copied}
          </Text>
        </View>
      ) : null}
    </View>
  );
}

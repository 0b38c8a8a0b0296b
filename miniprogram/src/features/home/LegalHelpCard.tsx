import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LegalHelp } from '@contracts/resident';
import { ListItem } from '@/shared/ui/ListItem';

export function LegalHelpCard({ help }: { help: LegalHelp }) {
  const call = (number: string) => Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined);
  return (
    <View className="card" data-testid="legal-help">
      <Text className="card__title">遇到法律问题，找谁帮忙</Text>
      {help.hotline.map((h) => (
        <ListItem
          key={h.number}
          title={h.name}
          emphasis={h.number}
          trailing={
            <Button className="btn" onClick={() => call(h.number)} aria-label={`拨打 ${h.name} ${h.number}`}>
              拨打
            </Button>
          }
        />
      ))}
      <ListItem title={help.station.name} lines={[help.station.address && `地址：${help.station.address}`, help.station.phone && `电话：${help.station.phone}`, help.station.note]} />
      {help.advisers.length ? <Text className="t-s t-block">法律顾问：{help.advisers.join('、')}</Text> : null}
    </View>
  );
}

import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LegalHelp } from '@contracts/resident';

export function LegalHelpCard({ help }: { help: LegalHelp }) {
  const call = (number: string) => Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined);
  return (
    <View className="card" data-testid="legal-help">
      <Text className="card__title">遇到法律问题，找谁帮忙</Text>
      {help.hotline.map((h) => (
        <View className="list-item" key={h.number}>
          <View className="list-item__main">
            <Text className="t-m t-block">{h.name}</Text>
            <Text className="t-l t-block">{h.number}</Text>
          </View>
          <Button className="btn" onClick={() => call(h.number)}>
            拨打
          </Button>
        </View>
      ))}
      <View className="list-item">
        <View className="list-item__main">
          <Text className="t-m t-block">{help.station.name}</Text>
          {help.station.address ? <Text className="t-s t-block">地址：{help.station.address}</Text> : null}
          {help.station.phone ? <Text className="t-s t-block">电话：{help.station.phone}</Text> : null}
          {help.station.note ? <Text className="t-s t-block">{help.station.note}</Text> : null}
        </View>
      </View>
      {help.advisers.length ? <Text className="t-s t-block">法律顾问：{help.advisers.join('、')}</Text> : null}
    </View>
  );
}

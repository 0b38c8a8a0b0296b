/** On 我的: the way into the staff pages (工作台) for staff, and the invitation-code entry for anyone. */
import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffRoutes } from './staffRoutes';

export function StaffEntryCard({ isStaff }: { isStaff: boolean }) {
  return (
    <View className="card" data-testid="staff-entry">
      <Text className="card__title">工作人员</Text>
      {isStaff ? (
        <Button className="btn btn--primary" onClick={() => Taro.navigateTo({ url: staffRoutes.home })} data-testid="staff-home-link">
          进入工作台
        </Button>
      ) : (
        <>
          <Text className="t-s t-block">镇、村工作人员：凭管理员给的邀请码加入。</Text>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: staffRoutes.redeem })} data-testid="redeem-link">
            输入邀请码
          </Button>
        </>
      )}
    </View>
  );
}

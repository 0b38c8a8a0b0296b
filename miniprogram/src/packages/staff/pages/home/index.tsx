import { View, Text, Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '@/shared/ui/Screen';
import { AsyncView } from '@/shared/ui/AsyncView';
import { ListItem } from '@/shared/ui/ListItem';
import { useStaffSession } from '@/features/staff/sessionStore';
import { staffRoutes } from '@/features/staff/staffRoutes';
import { ROLE_HINT } from '@/features/staff/labels';
import type { WhoAmI } from '@contracts/staff';
import '@/features/staff/staff.scss';

function MenuItem({ title, hint, url, testId }: { title: string; hint: string; url: string; testId: string }) {
  return <ListItem className="menu-item" title={title} lines={[hint]} trailing={<Text className="t-m">›</Text>} onPress={() => Taro.navigateTo({ url })} testId={testId} />;
}

export default function StaffHomePage() {
  const session = useStaffSession({ refreshOnShow: true });
  return (
    <Screen>
      <AsyncView state={session}>{({ staff, openId }) => <StaffHome staff={staff} openId={openId} />}</AsyncView>
    </Screen>
  );
}

function StaffHome({ staff, openId }: WhoAmI) {
  if (!staff) {
    return (
      <>
        <View className="card">
          <Text className="card__title">您还不是工作人员</Text>
          <Text className="t-m t-block">请向镇里的管理员索取邀请码（24 小时内有效），输入后即可使用工作台。</Text>
          <Button className="btn btn--primary" onClick={() => Taro.redirectTo({ url: staffRoutes.redeem })}>
            输入邀请码
          </Button>
        </View>
        <View className="card">
          <Text className="card__title">设置第一位管理员</Text>
          <Text className="t-s t-block">系统还没有管理员时，由部署人员用命令添加：</Text>
          <Text className="t-s t-block mono">npm run staff -- add --openid {openId} --role admin</Text>
        </View>
      </>
    );
  }
  const editor = staff.canEdit;
  return (
    <>
      <View className="card" data-testid="staff-me">
        <Text className="t-l t-block">{staff.name}</Text>
        <Text className="tag">{staff.roleLabel}</Text>
        <Text className="t-s t-block">{ROLE_HINT[staff.role]}</Text>
      </View>
      <View className="card">
        {editor ? <MenuItem title="活动管理" hint="新建、发布、置顶、推送提醒" url={staffRoutes.campaigns} testId="menu-campaigns" /> : null}
        {editor ? <MenuItem title="通知公告" hint="首页的通知" url={staffRoutes.notices} testId="menu-notices" /> : null}
        {editor ? <MenuItem title="线下活动与签到" hint="院坝会、宣传摊位；签到码；活动后填写人数" url={staffRoutes.events} testId="menu-events" /> : null}
        <MenuItem title="数据看板" hint="参与人数、答题情况、导出" url={staffRoutes.dashboard} testId="menu-dashboard" />
        {staff.isAdmin ? <MenuItem title="成员与邀请" hint="邀请同事、修改角色" url={staffRoutes.members} testId="menu-members" /> : null}
        {staff.isAdmin ? <MenuItem title="镇情设置" hint="村（社区）名称和人口、服务站地址电话、法律顾问" url={staffRoutes.town} testId="menu-town" /> : null}
        {staff.isAdmin ? <MenuItem title="操作记录" hint="谁在什么时候做了什么" url={staffRoutes.audit} testId="menu-audit" /> : null}
      </View>
    </>
  );
}

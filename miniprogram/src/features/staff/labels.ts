/** Chinese labels of staff-side values (the types come from the contracts, so a new value fails to compile). */
import type { CampaignState } from '@contracts/resident';
import type { InvitationStatus, PushJobStatus, StaffRole } from '@contracts/staff';

import { chinaDay } from '@contracts/time';

export { CAMPAIGN_STATE_LABEL as STATE_LABEL, STAFF_ROLE_LABEL as ROLE_LABEL } from '@contracts/labels';
export const STATE_TABS: (CampaignState | 'all')[] = ['all', 'live', 'scheduled', 'draft', 'ended', 'archived'];
export const ROLE_HINT: Record<StaffRole, string> = { admin: '管理一切，包括人员', editor: '活动、通知、线下活动、推送', viewer: '只看数据看板和导出' };
export const INVITATION_LABEL: Record<InvitationStatus, string> = { open: '未使用', used: '已使用', revoked: '已作废', expired: '已过期' };
export const PUSH_STATUS_LABEL: Record<PushJobStatus, string> = { pending: '未完成（可继续）', running: '发送中', done: '已完成' };

/** Audit actions in words. */
export const AUDIT_LABEL: Record<string, string> = {
  'staff.join': '凭邀请码加入',
  'staff.add': '命令行添加人员',
  'staff.role': '修改角色',
  'staff.remove': '移除人员',
  'invitation.create': '生成邀请码',
  'invitation.revoke': '作废邀请码',
  'campaign.create': '新建活动',
  'campaign.edit': '修改活动',
  'campaign.schedule': '排期活动',
  'campaign.publish': '发布活动',
  'campaign.unpublish': '撤回为草稿',
  'campaign.archive': '归档活动',
  'campaign.pin': '置顶活动',
  'campaign.unpin': '取消置顶',
  'notice.create': '新建通知',
  'notice.edit': '修改通知',
  'notice.publish': '发布通知',
  'notice.unpublish': '撤回通知',
  'notice.archive': '删除通知',
  'event.create': '新建线下活动',
  'event.edit': '修改线下活动',
  'event.numbers': '填写活动数字',
  'event.archive': '归档线下活动',
  'event.code': '生成签到码',
  'push.create': '新建推送',
  'push.run': '发送推送',
  'reports.buildExport': '导出统计报表',
};

/** WeChat subscribe-message error codes staff may see. */
export const PUSH_ERROR_LABEL: Record<number, string> = {
  43101: '用户没有订阅或次数已用完',
  40003: 'OPENID 不正确',
  40037: '模板 ID 不正确',
  47003: '模板内容不符合要求',
  41030: '跳转页面不存在',
  [-2]: '发送中断',
  [-1]: '微信系统繁忙',
};

export { chinaDateTime as chinaDateTimeParts, chinaInstant } from '@contracts/time';
export const chinaToday = () => chinaDay(Date.now());

/** Chinese labels of staff-side values (the types come from the contracts, so a new value fails to compile). */
import type { CampaignState } from '@contracts/resident';
import type { InvitationStatus, PushJobStatus, StaffRole } from '@contracts/staff';

import { chinaDay } from '@contracts/time';

export { CAMPAIGN_STATE_LABEL as STATE_LABEL, STAFF_ROLE_LABEL as ROLE_LABEL } from '@contracts/labels';
export const STATE_TABS: (CampaignState | 'all')[] = ['all', 'live', 'scheduled', 'draft', 'ended', 'archived'];
export const ROLE_HINT: Record<StaffRole, string> = { admin: '管理一切，包括人员', editor: '活动、通知、线下活动、推送', viewer: '只看数据看板和导出' };
export const INVITATION_LABEL: Record<InvitationStatus, string> = { open: '未使用', used: '已使用', revoked: '已作废', expired: '已过期' };
export const PUSH_STATUS_LABEL: Record<PushJobStatus, string> = { pending: '未完成（可继续）', running: '发送中', done: '已完成' };

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

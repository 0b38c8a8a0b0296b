/**
 * The Chinese words for values that appear on more than one screen or sheet (roles, campaign states, audit
 * actions, item-analysis flags, participation kinds), one wording each, for the functions and the mini-program
 * (`@contracts/labels`). Types only from the contracts, so a new value fails to compile until it has a label.
 */
import type { CampaignState } from './resident';
import type { ParticipationKind, QuestionFlag } from './reports';

export type StaffRoleName = 'admin' | 'editor' | 'viewer';
export const STAFF_ROLE_LABEL: Record<StaffRoleName, string> = { admin: '管理员', editor: '编辑', viewer: '查看员' };

/**
 * A campaign's state. `scheduled` (published, start still ahead) reads 未开始 everywhere — the staff list, the
 * preview and the 按活动 sheet — because that is what a resident and a clerk see; the staff action that puts a
 * campaign there keeps its own verb, 排期 (campaign.schedule).
 */
export const CAMPAIGN_STATE_LABEL: Record<CampaignState, string> = { draft: '草稿', scheduled: '未开始', live: '进行中', ended: '已结束', archived: '已归档' };

/** Item-analysis flags (题目分析). */
export const QUESTION_FLAG_LABEL: Record<QuestionFlag, string> = {
  too_easy: '过易（正确率高于95%）',
  too_hard: '过难（正确率低于30%）',
  negative_discrimination: '区分度为负（高分者反而答错多）',
  low_discrimination: '区分度低（低于0.2）',
};

/** Kinds of participation, as the sheets and the dashboard name their 人次. */
export const PARTICIPATION_KIND_LABEL: Record<ParticipationKind, string> = { lesson_read: '阅读', quiz_attempt: '答题', checkin: '扫码签到', share: '分享', practice: '每日一练', review: '错题复习' };

/** Audit actions in words (shared/staffAuth.ts `audit(…, action, …)`). */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
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
  'town.save': '修改镇情设置',
};

const isRole = (v: unknown): v is StaffRoleName => v === 'admin' || v === 'editor' || v === 'viewer';
const isState = (v: unknown): v is CampaignState => typeof v === 'string' && v in CAMPAIGN_STATE_LABEL;
const roleText = (v: unknown) => (isRole(v) ? STAFF_ROLE_LABEL[v] : '');
const stateText = (v: unknown) => (isState(v) ? CAMPAIGN_STATE_LABEL[v] : '');

/**
 * One line about an audit entry in Chinese: what it was about (a title or a person's name) and what changed,
 * never a raw id, role or state code.
 */
export function describeAudit(action: string, target: string, details: Record<string, unknown>): string {
  const d = details;
  const bits: string[] = [];
  if (typeof d.title === 'string') bits.push(`“${d.title}”`);
  if (typeof d.name === 'string') bits.push(d.name);
  if (d.from !== undefined && d.to !== undefined) {
    const from = action === 'staff.role' ? roleText(d.from) : stateText(d.from);
    const to = action === 'staff.role' ? roleText(d.to) : stateText(d.to);
    if (from && to) bits.push(`${from} → ${to}`);
  } else if (isRole(d.role)) bits.push(`角色：${roleText(d.role)}`);
  if (typeof d.sent === 'number') bits.push(`送达 ${d.sent} 条，失败 ${Number(d.failed ?? 0)} 条`);
  if (typeof d.attendees === 'number') bits.push(`未扫码到场 ${d.attendees} 人，宣传单 ${Number(d.leaflets ?? 0)} 份，标语 ${Number(d.banners ?? 0)} 条`);
  if (action === 'reports.buildExport') bits.push(`${target.replace('~', ' 至 ')}（${d.format === 'csv' ? 'CSV 表格' : 'Excel 工作簿'}）`);
  if (action === 'town.save' && Array.isArray(d.changed) && d.changed.length) bits.push(`改了：${(d.changed as unknown[]).map(String).join('、')}`);
  return bits.join(' · ');
}

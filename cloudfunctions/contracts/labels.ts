/**
 * The Chinese words for values that appear on more than one screen or sheet, one wording each. Imported by the
 * functions (sheets, errors) and by the mini-program (`@contracts/labels`); types only from the contracts, so
 * a new value fails to compile until it has a label.
 */
import type { CampaignState } from './resident';
import type { ParticipationKind, QuestionFlag } from './reports';
import type { StaffRole } from './staff';

/**
 * A campaign's state. `scheduled` (published, start still ahead) reads 未开始: what a resident and a clerk see;
 * the staff action that puts a campaign there is called 排期.
 */
export const CAMPAIGN_STATE_LABEL: Record<CampaignState, string> = { draft: '草稿', scheduled: '未开始', live: '进行中', ended: '已结束', archived: '已归档' };

export const ROLE_LABEL: Record<StaffRole, string> = { admin: '管理员', editor: '编辑', viewer: '查看员' };

/** Item-analysis flags (题目分析). */
export const QUESTION_FLAG_LABEL: Record<QuestionFlag, string> = {
  too_easy: '过易（正确率高于95%）',
  too_hard: '过难（正确率低于30%）',
  negative_discrimination: '区分度为负（高分者反而答错多）',
  low_discrimination: '区分度低（低于0.2）',
};

/** Kinds of participation, as the sheets and the dashboard name their 人次. */
export const PARTICIPATION_KIND_LABEL: Record<ParticipationKind, string> = { lesson_read: '阅读', quiz_attempt: '答题', checkin: '扫码签到', share: '分享' };

/**
 * Resident actions added for offline events and reminders: checking in at an event by its code, and
 * recording one-time subscribe-message opt-ins. Part of the `resident` contract (contracts/resident.ts).
 */
import { z } from 'zod';
import { action, returns, clientId, entityId } from './common';

export interface CheckInView {
  eventId: string;
  eventTitle: string;
  type: string;
  date: string;
  place: string;
  villageName: string | null;
  /** True when this person had already checked in at this event (nothing was counted again). */
  already: boolean;
  checkedInAt: string;
  campaign: { id: string; title: string } | null;
  /** The event's lesson, shown after checking in. */
  lesson: { id: string; title: string; readingMinutes: number } | null;
}

/** What the check-in page shows before 签到: which event the code belongs to, and whether this person is in. */
export interface CheckInPreview {
  eventTitle: string;
  type: string;
  date: string;
  /** Start time 'HH:mm' (China time), when staff gave one. */
  time: string | null;
  place: string;
  villageName: string | null;
  /** early: before the day before the event; closed: more than three days after it. */
  window: 'early' | 'open' | 'closed';
  /** Set when this person has checked in already (reopening the page after 签到). */
  checkedIn: CheckInView | null;
}

export interface ReminderOptIn {
  campaignId: string;
  /** Opt-ins recorded by this call (0 on a retry of the same request). */
  recorded: number;
  /** Unused opt-ins this resident now has for the campaign. */
  available: number;
}

/** Event codes: the `<code>` of the QR scene `e=<code>`. */
export const eventCode = z.string().regex(/^[a-z0-9]{4,16}$/, '签到码格式不正确');
const templateId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '模板编号格式不正确');

export const checkInPreviewAction = action(z.object({ eventCode }).strict(), returns<CheckInPreview>());
export const checkInAction = action(z.object({ eventCode, checkInId: clientId }).strict(), returns<CheckInView>());
export const subscribeRemindersAction = action(
  z
    .object({
      campaignId: entityId,
      /** Template ids the resident accepted in Taro.requestSubscribeMessage. */
      templateIds: z.array(templateId).min(1).max(3),
      /** Client-made id of this opt-in tap: a retry records nothing twice. */
      requestId: clientId,
      source: z.enum(['campaign', 'quiz']),
    })
    .strict(),
  returns<ReminderOptIn>(),
);

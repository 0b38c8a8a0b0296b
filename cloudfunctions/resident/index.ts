/** Cloud function `resident`: home, lessons, quizzes, 错题本 / 每日一练 and the resident's own profile. */
import { residentContract } from '../contracts/resident';
import { createHandler } from '../shared/handler';
import { getHome } from './home';
import { getCampaign } from './campaign';
import { getLesson, markLessonRead } from './lessons';
import { getAttempt, listMyAttempts, startQuiz, submitAttempt } from './quiz';
import { buildProfile, setVillage } from './profile';
import { checkIn, previewCheckIn } from './checkin';
import { subscribeReminders } from './reminders';
import { recordShare } from './shares';
import { getReviewBook, removeReviewItem } from './review';
import { getLearning, getStudy, startPractice, startReview, submitStudy } from './study';
import { getVillageBoard } from './villageBoard';
import { getPoints, getPointsLedger } from './points';
import { getMyCertificate, listMyCertificates, verifyCertificate } from './certificates';

export const main = createHandler(residentContract, {
  getHome: (_input, ctx) => getHome(ctx),
  getLesson: ({ lessonId }, ctx) => getLesson(ctx, lessonId),
  getCampaign: ({ campaignId }, ctx) => getCampaign(ctx, campaignId),
  markLessonRead: ({ lessonId, campaignId }, ctx) => markLessonRead(ctx, lessonId, campaignId),
  startQuiz: ({ campaignId, attemptId }, ctx) => startQuiz(ctx, campaignId, attemptId),
  submitAttempt: (input, ctx) => submitAttempt(ctx, input),
  getAttempt: ({ attemptId }, ctx) => getAttempt(ctx, attemptId),
  getProfile: (_input, ctx) => buildProfile(ctx),
  listMyAttempts: ({ limit }, ctx) => listMyAttempts(ctx, limit),
  setVillage: ({ villageId }, ctx) => setVillage(ctx, villageId),
  getVillageBoard: ({ campaignId }, ctx) => getVillageBoard(ctx, campaignId),
  recordShare: ({ target, targetId }, ctx) => recordShare(ctx, target, targetId),
  getLearning: (_input, ctx) => getLearning(ctx),
  getReviewBook: (_input, ctx) => getReviewBook(ctx),
  removeReviewItem: ({ questionId }, ctx) => removeReviewItem(ctx, questionId),
  startReview: ({ sessionId }, ctx) => startReview(ctx, sessionId),
  startPractice: (_input, ctx) => startPractice(ctx),
  submitStudy: (input, ctx) => submitStudy(ctx, input),
  getStudy: ({ sessionId }, ctx) => getStudy(ctx, sessionId),
  getCheckIn: ({ eventCode }, ctx) => previewCheckIn(ctx, eventCode),
  checkIn: (input, ctx) => checkIn(ctx, input),
  subscribeReminders: (input, ctx) => subscribeReminders(ctx, input),
  getPoints: (_input, ctx) => getPoints(ctx),
  getPointsLedger: ({ before }, ctx) => getPointsLedger(ctx, before),
  listMyCertificates: (_input, ctx) => listMyCertificates(ctx),
  getMyCertificate: (input, ctx) => getMyCertificate(ctx, input),
  verifyCertificate: (input, ctx) => verifyCertificate(ctx, input),
},
// 证书查验 is public: whoever scans a forwarded certificate may check it without an identity.
{ anonymous: ['verifyCertificate'] });

/**
 * The draft paragraph for the 法治政府建设年度报告, in the register of the town's own report (我镇, full law
 * titles such as 《中华人民共和国民法典》, 标语 in the town's unit), from the report's own figures: every number
 * is written exactly as the workbook shows it (the same rounding and formatting functions).
 */
import type { ReportView } from '../../contracts/reports';
import { dayRangeLabel } from '../../contracts/time';
import { averageText, percentText } from '../../contracts/numbers';
import { describeChange } from './yearOnYear';

const n = (v: number) => String(v);
const pct = (rate: number) => percentText(rate);

export function periodPhrase(from: string, to: string): string {
  const y = from.slice(0, 4);
  if (from === `${y}-01-01` && to === `${y}-12-31`) return `${y}年`;
  return dayRangeLabel(from, to, { joiner: '至' });
}

export function draftParagraph(r: Omit<ReportView, 'paragraph'>): string {
  const t = r.totals;
  const parts: string[] = [];
  const whole = periodPhrase(r.from, r.to);
  const peopleNote =
    r.peopleBasis === 'year-to-date' ? `（人数自${r.from.slice(0, 4)}年1月1日起累计）` : r.peopleBasis === 'summed-years' ? '（人数按年分别统计后相加）' : '';

  const online: string[] = [];
  if (r.onlineCampaigns > 0) online.push(`${whole}，我镇依托“普法学堂”小程序开展线上普法答题活动${n(r.onlineCampaigns)}期`);
  else online.push(`${whole}，我镇依托“普法学堂”小程序开展线上普法学习`);
  if (t.times > 0) online.push(`参与群众${n(t.people)}人${peopleNote}、${n(t.times)}人次`);
  else online.push('暂无群众参与记录');
  let sentence = online.join('，');
  const detail: string[] = [];
  if (t.quiz > 0) detail.push(`在线答题${n(t.quiz)}人次，平均得分${averageText(t.avgScore ?? 0)}分，合格率${pct(t.passRate ?? 0)}${t.certificates > 0 ? `，向答题合格的群众颁发电子证书${n(t.certificates)}份` : ''}`);
  if (t.read > 0) detail.push(`学习普法课程${n(t.read)}人次`);
  if (t.practice > 0) detail.push(`完成每日一练${n(t.practice)}人次`);
  if (t.review > 0) detail.push(`复习错题${n(t.review)}人次`);
  if (detail.length) sentence += `，其中${detail.join('；')}`;
  parts.push(`${sentence}。`);

  if (t.offlineEvents > 0) {
    const types = r.offlineByType.map((x) => `${x.type}${n(x.events)}场`).join('、');
    // Name only the kinds of event that were held (the breakdown follows in brackets).
    let off = `开展线下普法活动${n(t.offlineEvents)}场（${types}），到场群众${n(t.offlineTimes)}人次`;
    if (t.checkin > 0) off += `（其中扫码签到${n(t.checkin)}人次）`;
    const material: string[] = [];
    if (t.leaflets > 0) material.push(`发放宣传资料${n(t.leaflets)}份`);
    if (t.banners > 0) material.push(`悬挂宣传标语${n(t.banners)}${r.bannerUnit}`);
    if (material.length) off += `，${material.join('，')}`;
    parts.push(`${off}。`);
  } else {
    parts.push('线下普法活动尚未录入。');
  }

  if (r.comparison) {
    const changes = r.comparison.rows.map((row) => `${row.label}${describeChange(row)}`);
    parts.push(`与上年同期（${periodPhrase(r.comparison.from, r.comparison.to)}）相比，${changes.join('，')}。`);
  }

  const topics = r.laws.filter((l) => l.level !== 'member' && (l.times > 0 || l.offlineEvents > 0)).slice(0, 6).map((l) => `《${l.title}》`);
  if (topics.length) parts.push(`宣传内容涵盖${topics.join('')}等法律法规。`);
  return parts.join('');
}

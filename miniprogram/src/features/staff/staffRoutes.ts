/** Routes of the staff subpackage (packages/staff) and the check-in page (packages/checkin). */
const q = (v: string) => encodeURIComponent(v);
export const staffRoutes = {
  home: '/packages/staff/pages/home/index',
  redeem: '/packages/staff/pages/redeem/index',
  campaigns: '/packages/staff/pages/campaigns/index',
  campaign: (id?: string) => `/packages/staff/pages/campaign/index${id ? `?id=${q(id)}` : ''}`,
  preview: (id: string) => `/packages/staff/pages/preview/index?id=${q(id)}`,
  notices: '/packages/staff/pages/notices/index',
  events: '/packages/staff/pages/events/index',
  event: (id?: string) => `/packages/staff/pages/event/index${id ? `?id=${q(id)}` : ''}`,
  members: '/packages/staff/pages/members/index',
  audit: '/packages/staff/pages/audit/index',
  town: '/packages/staff/pages/town/index',
  push: (campaignId: string) => `/packages/staff/pages/push/index?campaignId=${q(campaignId)}`,
  /** The reports engineer's dashboard (viewer and above). */
  dashboard: '/packages/staff/pages/dashboard/index',
  checkIn: (code: string) => `/packages/checkin/pages/index/index?e=${q(code)}`,
} as const;

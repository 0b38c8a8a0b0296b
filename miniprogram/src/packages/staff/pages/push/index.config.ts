export default definePageConfig({ navigationBarTitleText: '推送提醒' });

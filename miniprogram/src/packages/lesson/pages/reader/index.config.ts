export default definePageConfig({ navigationBarTitleText: '一分钟学法', enableShareAppMessage: true, enableShareTimeline: true });

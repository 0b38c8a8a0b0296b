export default definePageConfig({ navigationBarTitleText: '普法学堂', enablePullDownRefresh: true, enableShareAppMessage: true, enableShareTimeline: true });

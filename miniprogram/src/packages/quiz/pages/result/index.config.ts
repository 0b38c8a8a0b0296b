export default definePageConfig({ navigationBarTitleText: '答题成绩', enableShareAppMessage: true, enableShareTimeline: true });

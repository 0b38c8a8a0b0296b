export default definePageConfig({ navigationBarTitleText: '村村比拼', enablePullDownRefresh: true });

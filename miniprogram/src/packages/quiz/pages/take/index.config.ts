export default definePageConfig({ navigationBarTitleText: '普法答题' });

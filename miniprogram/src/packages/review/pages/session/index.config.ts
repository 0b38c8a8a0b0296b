export default definePageConfig({ navigationBarTitleText: '每天学一点' });

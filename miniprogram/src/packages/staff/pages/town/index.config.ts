export default definePageConfig({ navigationBarTitleText: '镇情设置' });

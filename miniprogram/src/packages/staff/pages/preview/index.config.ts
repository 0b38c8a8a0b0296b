export default definePageConfig({ navigationBarTitleText: '居民视角预览' });

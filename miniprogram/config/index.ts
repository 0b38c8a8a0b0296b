import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { WcscCheckPlugin } from './wcsc';

const root = path.resolve(__dirname, '../..');
const contracts = path.join(root, 'cloudfunctions/contracts');

// The app's settings (TARO_APP_*) live in the repository root's .env / .env.local (see .env.example); the
// shell wins over them. Only TARO_APP_* is read: the build never sees the deploy secrets kept in that file.
for (const file of ['.env', '.env.local']) {
  const p = path.join(root, file);
  if (!fs.existsSync(p)) continue;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(p, 'utf8')))) if (key.startsWith('TARO_APP_')) process.env[key] ??= value;
}

// DevTools opens the repository root (project.config.json, appid placeholder `touristappid`). The real app id
// comes from TARO_APP_ID and goes into project.private.config.json (git-ignored), which DevTools prefers.
if (process.env.TARO_ENV === 'weapp' && process.env.TARO_APP_ID) {
  const privateConfig = path.join(root, 'project.private.config.json');
  const current = fs.existsSync(privateConfig) ? (JSON.parse(fs.readFileSync(privateConfig, 'utf8')) as Record<string, unknown>) : {};
  if (current.appid !== process.env.TARO_APP_ID) fs.writeFileSync(privateConfig, JSON.stringify({ ...current, appid: process.env.TARO_APP_ID }, null, 2) + '\n');
}

/** Taro build configuration (webpack5). Run from miniprogram/: `taro build --type weapp|h5`. */
export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'pufa',
    date: '2026-12-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: path.join(root, 'dist', process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'),
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
      // One-time subscribe-message template ids residents are asked to accept (comma-separated; see .env.example).
      'process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS': JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS || ''),
    },
    alias: {
      '@': path.resolve(__dirname, '../src'),
      '@contracts': contracts,
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // The contracts' runtime modules (China time, labels, field errors) are shared with the functions.
      compile: { include: [contracts] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // Every emitted .wxss goes through WeChat's own stylesheet compiler; a rejected one fails the build.
      webpackChain(chain) {
        chain.plugin('wcsc-check').use(WcscCheckPlugin);
      },
    },
    h5: {
      compile: { include: [contracts] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { host: '127.0.0.1' },
    },
  };
  return config;
});

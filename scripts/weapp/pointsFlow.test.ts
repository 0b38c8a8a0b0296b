/**
 * 学法积分 on the production weapp build in the headless WeChat harness, by taps on the rendered view: a new
 * resident's home shows 0 points; a lesson read from 学法; back on home 1 point and a 1-day streak; 积分规则 and
 * 积分明细 open from the card (the points subpackage); 我的 shows the same figures.
 */
import { expectClean, useWeappEnvironment } from './testEnvironment';

const weapp = useWeappEnvironment();

test('read a lesson → home and 我的 show 1 point and a 1-day streak → 积分规则 → 积分明细 names the lesson', async () => {
  const mp = await weapp.launch();
  await mp.waitForText('学法积分');
  expect(mp.text()).toMatch(/学法积分\s*0\s*总积分\s*0\s*今日积分\s*0\s*连续学习（天）/);

  expect(await mp.switchTab('/pages/learn/index')).toBeNull();
  await mp.idle();
  await mp.tap('去阅读 ›');
  await mp.waitForText('✓ 已读');
  expect(await mp.switchTab('/pages/home/index')).toBeNull();
  await mp.idle();
  await mp.waitForText('今天已学习');
  expect(mp.text()).toMatch(/学法积分\s*1\s*总积分\s*1\s*今日积分\s*1\s*连续学习（天）/);
  expect(mp.cloudCalls.filter((c) => c.action === 'getPoints').every((c) => c.ok)).toBe(true);

  await mp.tap('积分规则', 'button');
  expect(mp.current?.info.route).toBe('packages/points/pages/rules/index');
  await mp.waitForText('怎样得积分');
  expect(mp.text()).toMatch(/读完一篇课程[\s\S]*\+1 分[\s\S]*完成每日一练[\s\S]*\+2 分[\s\S]*活动答题合格[\s\S]*\+5 分/);
  await mp.tap('看我的积分明细', 'button');
  expect(mp.current?.info.route).toBe('packages/points/pages/history/index');
  await mp.waitForText('计 1 分');
  expect(mp.text()).toContain('今天');
  expect(mp.text()).toMatch(/读完《.+》/);
  expect(mp.text()).toContain('+1');

  expect(await mp.switchTab('/pages/me/index')).toBeNull();
  await mp.idle();
  await mp.waitForText('学法积分');
  expect(mp.text()).toMatch(/学法积分\s*1\s*总积分\s*1\s*今日积分\s*1\s*连续学习（天）/);
  expectClean(mp);
});

/** The drawn picture's block: loading while drawn, the preview, saving with its ✓/✗ note, and no picture to draw. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DrawnImage, type DrawnImageProps } from './DrawnImage';

const props = (over: Partial<DrawnImageProps> = {}): DrawnImageProps => ({
  drawKey: 'k1',
  make: async () => 'data:image/png;base64,AAAA',
  save: async () => '已下载图片',
  failure: '图片生成失败',
  drawingLabel: '正在生成图片…',
  saveLabel: { weapp: '保存到相册', h5: '下载图片（PNG）' },
  imageClass: 'test-img',
  testId: 'pic',
  ...over,
});

it('shows the loading line while drawing, then the picture; saving says how it went', async () => {
  let finish = (_url: string) => undefined as void;
  render(<DrawnImage {...props({ make: () => new Promise((resolve) => (finish = resolve)) })} />);
  expect(screen.getByText('正在生成图片…')).toBeTruthy();
  expect((screen.getByTestId('pic-save') as HTMLButtonElement).disabled).toBe(true);
  await act(async () => finish('data:image/png;base64,BBBB'));
  expect(screen.getByTestId('pic-img').getAttribute('src')).toBe('data:image/png;base64,BBBB');
  expect(screen.getByTestId('pic-img').className).toBe('drawn-img test-img');
  expect(screen.queryByText('正在生成图片…')).toBeNull();
  expect(screen.getByTestId('pic-save').textContent).toBe('下载图片（PNG）');
  await act(async () => fireEvent.click(screen.getByTestId('pic-save')));
  expect(screen.getByTestId('pic-note').getAttribute('role')).toBe('status');
  expect(screen.getByTestId('pic-note').textContent).toBe('✓ 已下载图片');
});

it('says ✗ when saving or drawing fails', async () => {
  const { unmount } = render(<DrawnImage {...props({ save: async () => Promise.reject(new Error('没有相册权限')) })} />);
  await screen.findByTestId('pic-img');
  await act(async () => fireEvent.click(screen.getByTestId('pic-save')));
  expect(screen.getByTestId('pic-note')).toMatchObject({ textContent: '✗ 没有相册权限' });
  expect(screen.getByTestId('pic-note').getAttribute('role')).toBe('alert');
  unmount();
  render(<DrawnImage {...props({ make: () => Promise.reject(new Error('')) })} />);
  expect((await screen.findByTestId('pic-note')).textContent).toBe('✗ 图片生成失败');
  expect(screen.queryByTestId('pic-img')).toBeNull();
});

it('shows what it is given in place of the picture when there is nothing to draw from', () => {
  render(<DrawnImage {...props({ make: null, unavailable: <span>查验码暂时生成不了</span> })} />);
  expect(screen.getByText('查验码暂时生成不了')).toBeTruthy();
  expect(screen.queryByText('正在生成图片…')).toBeNull();
  expect((screen.getByTestId('pic-save') as HTMLButtonElement).disabled).toBe(true);
});

/**
 * Conformance: cloud storage through the real SDK (uploadFile, getTempFileURL, downloadFile, getFileInfo,
 * deleteFile, copyFile); files kept beside the database and served by the same loopback server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rawAction, rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.close());

test('upload, temp URL, download, file info, delete', async () => {
  const content = Buffer.from('姓名,得分\n张三,90\n', 'utf8');
  const up = await t.app.uploadFile({ cloudPath: 'exports/2024/名单.csv', fileContent: content });
  expect(up.fileID).toMatch(/^cloud:\/\/local\.[0-9a-f]+-local-\d+\/exports\/2024\/名单\.csv$/);
  // stored beside the database
  expect(fs.readFileSync(path.join(`${t.dbFile}.storage`, 'files', 'exports', '2024', '名单.csv'))).toEqual(content);

  const urls = await t.app.getTempFileURL({ fileList: [up.fileID, { fileID: 'cloud://local.x/none.txt', maxAge: 60 }] });
  expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, code: 'SUCCESS' });
  expect(urls.fileList[0]!.tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\//);
  expect(urls.fileList[1]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  const fetched = await fetch(encodeURI(urls.fileList[0]!.tempFileURL));
  expect(fetched.headers.get('content-type')).toMatch(/text\/csv/);
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(content);

  const down = await t.app.downloadFile({ fileID: up.fileID });
  expect(Buffer.from(down.fileContent as Buffer)).toEqual(content);

  const info = await t.app.getFileInfo({ fileList: [up.fileID] });
  expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: content.length, fileName: '名单.csv' });

  const del = await t.app.deleteFile({ fileList: [up.fileID, 'cloud://local.x/never.txt'] });
  expect(del.fileList).toEqual([
    { fileID: up.fileID, code: 'SUCCESS' },
    expect.objectContaining({ fileID: 'cloud://local.x/never.txt', code: 'STORAGE_FILE_NONEXIST' }),
  ]);
  expect((await rejection(t.app.downloadFile({ fileID: up.fileID }))).code).toBe('STORAGE_FILE_NONEXIST');
});

test('binary files round-trip; copyFile', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
  const up = await t.app.uploadFile({ cloudPath: 'qr/a.png', fileContent: png });
  const copied = await t.app.copyFile({ fileList: [{ srcPath: up.fileID, dstPath: 'cloud://local.x/qr2/a.png' }] });
  expect(copied.fileList[0]).toMatchObject({ code: 'SUCCESS' });
  const down = await t.app.downloadFile({ fileID: 'cloud://local.x/qr2/a.png' });
  expect(Buffer.from(down.fileContent as Buffer)).toEqual(png);
});

test('paths cannot escape the storage folder', async () => {
  const r = await rawAction(t.cloud.url, { action: 'storage.getUploadMetadata', path: '../../etc/passwd', method: 'put' });
  expect(r.code).toBe('INVALID_PARAM');
  const put = await fetch(`${t.cloud.url}/storage/upload/..%2F..%2Fescape.txt`, { method: 'PUT', body: 'x' });
  expect(put.status).toBe(400);
  const get = await fetch(`${t.cloud.url}/storage/files/..%2F..%2Fdb.sqlite`);
  expect(get.status).toBe(400);
  expect(fs.existsSync(path.join(t.dir, 'escape.txt'))).toBe(false);
});

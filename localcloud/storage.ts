/**
 * Cloud storage: `storage.getUploadMetadata` hands out an upload URL on this server; the SDK PUTs the
 * file there. Files live in `<storageDir>/files/<cloudPath>` and are served back at
 * `/storage/files/<cloudPath>` (the tempFileURL of getTempFileURL and downloadFile).
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CloudError, invalid } from './errors';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

export function mimeOf(p: string): string {
  return MIME[path.extname(p).toLowerCase()] ?? 'application/octet-stream';
}

/** `7465-test` style bucket name derived from the env id, so fileIDs look like the cloud's. */
export function bucketOf(env: string): string {
  const hex = Buffer.from(env.slice(0, 2) || 'lc').toString('hex');
  return `${hex}-${env}-1250000000`;
}

export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`;
}

/** The cloud path inside a fileID (`cloud://env.bucket/a/b.png` -> `a/b.png`). */
export function cloudPathOf(fileId: string): string | undefined {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return m ? m[1] : undefined;
}

const UPLOAD_TOKEN_LIFETIME_MS = 15 * 60_000;

export class FileStorage {
  readonly root: string;
  /**
   * @param secret signs upload tokens: `storage.getUploadMetadata` (a signed SDK request) hands one out for
   *   one path, and PUT /storage/upload/<path> accepts only a body carrying a valid token for that path.
   */
  constructor(
    dir: string,
    private readonly secret: string,
  ) {
    fs.mkdirSync(path.resolve(dir, 'files'), { recursive: true, mode: 0o700 });
    this.root = fs.realpathSync(path.resolve(dir, 'files'));
  }

  /**
   * Absolute file path for a cloud path, refusing anything that escapes the storage folder: `..`, `.`,
   * NUL, a path outside the root (checked with a trailing separator), and any existing part that is a
   * symlink (a symlinked folder would let a write land outside the storage folder).
   */
  resolve(cloudPath: string): string {
    const clean = cloudPath.replace(/^\/+/, '');
    if (!clean || clean.split('/').some((s) => s === '..' || s === '.' || s === '') || clean.includes('\0') || clean.includes('\\')) throw invalid(`invalid cloudPath ${JSON.stringify(cloudPath)}`);
    const p = path.resolve(this.root, clean);
    if (!p.startsWith(this.root + path.sep)) throw invalid(`invalid cloudPath ${JSON.stringify(cloudPath)}`);
    let cur = this.root;
    for (const seg of path.relative(this.root, p).split(path.sep)) {
      cur = path.join(cur, seg);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(cur);
      } catch {
        break; // does not exist yet: nothing below it can be a link
      }
      if (st.isSymbolicLink()) throw invalid(`invalid cloudPath ${JSON.stringify(cloudPath)}: a symlink is not followed`);
    }
    return p;
  }

  /** A token allowing one upload to `cloudPath` for 15 minutes. */
  uploadToken(cloudPath: string, now = Date.now()): string {
    const expires = (now + UPLOAD_TOKEN_LIFETIME_MS).toString(36);
    return `${expires}.${createHmac('sha256', this.secret).update(`upload\n${cloudPath}\n${expires}`).digest('base64url')}`;
  }

  uploadTokenValid(cloudPath: string, token: string, now = Date.now()): boolean {
    const [expires, mac] = token.split('.');
    if (!expires || !mac || parseInt(expires, 36) < now) return false;
    const expected = Buffer.from(createHmac('sha256', this.secret).update(`upload\n${cloudPath}\n${expires}`).digest('base64url'));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  exists(cloudPath: string): boolean {
    try {
      return fs.statSync(this.resolve(cloudPath)).isFile();
    } catch {
      return false;
    }
  }

  /** Writes a file durably (temp file, fsync, rename). */
  write(cloudPath: string, data: Buffer): void {
    const p = this.resolve(cloudPath);
    fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o700 });
    const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, p);
  }

  remove(cloudPath: string): boolean {
    try {
      fs.unlinkSync(this.resolve(cloudPath));
      return true;
    } catch {
      return false;
    }
  }

  copy(src: string, dst: string): void {
    const from = this.resolve(src);
    if (!this.exists(src)) throw new CloudError('STORAGE_FILE_NONEXIST', `file ${src} does not exist`);
    this.write(dst, fs.readFileSync(from));
  }

  /** GET/HEAD /storage/files/<path> */
  serve(cloudPath: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    let p: string;
    try {
      p = this.resolve(cloudPath);
    } catch {
      res.writeHead(400).end();
      return;
    }
    fs.stat(p, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`);
        return;
      }
      // served as a download of untrusted bytes: never run as a page of this origin (an uploaded SVG or HTML)
      res.writeHead(200, { 'content-type': mimeOf(p), 'content-length': String(st.size), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(p).pipe(res);
    });
  }
}

type Params = Record<string, unknown>;

export function storageAction(files: FileStorage, baseUrl: string, action: string, p: Params): Record<string, unknown> {
  const env = typeof p.envName === 'string' && p.envName ? p.envName : 'local';
  // like the cloud's, the temp URL carries the path as it is; the SDK applies encodeURI before fetching it
  const urlOf = (cloudPath: string) => `${baseUrl}/storage/files/${cloudPath}`;
  switch (action) {
    case 'storage.getUploadMetadata': {
      const cloudPath = String(p.path ?? '');
      files.resolve(cloudPath);
      const token = files.uploadToken(cloudPath);
      return {
        data: {
          url: `${baseUrl}/storage/upload/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
          token,
          authorization: `q-sign-algorithm=sha1&local=${token}`,
          fileId: fileIdOf(env, cloudPath),
          cosFileId: `local-cos-${token}`,
          download_url: urlOf(cloudPath),
        },
      };
    }
    case 'storage.batchGetDownloadUrl': {
      const list = Array.isArray(p.file_list) ? (p.file_list as Params[]) : [];
      return {
        data: {
          download_list: list.map((f) => {
            const fileID = String(f.fileid ?? '');
            const cloudPath = cloudPathOf(fileID);
            let ok = false;
            try {
              ok = !!cloudPath && files.exists(cloudPath);
            } catch {
              ok = false;
            }
            return ok ? { fileID, tempFileURL: urlOf(cloudPath!), code: 'SUCCESS' } : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
          }),
        },
      };
    }
    case 'storage.batchDeleteFile': {
      const list = Array.isArray(p.fileid_list) ? (p.fileid_list as unknown[]) : [];
      return {
        data: {
          delete_list: list.map((f) => {
            const fileID = String(f);
            const cloudPath = cloudPathOf(fileID);
            let ok = false;
            try {
              ok = !!cloudPath && files.remove(cloudPath);
            } catch {
              ok = false;
            }
            return ok ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
          }),
        },
      };
    }
    case 'storage.batchCopyFile': {
      const list = Array.isArray(p.file_list) ? (p.file_list as Params[]) : [];
      return {
        data: {
          copy_list: list.map((f) => {
            const src = String(f.src_path ?? '');
            const dst = String(f.dst_path ?? '');
            const srcPath = cloudPathOf(src) ?? src;
            const dstPath = cloudPathOf(dst) ?? dst;
            try {
              if (!f.overwrite && files.exists(dstPath)) return { fileId: fileIdOf(env, dstPath), code: 'STORAGE_FILE_EXIST', message: 'destination exists' };
              files.copy(srcPath, dstPath);
              if (f.remove_original) files.remove(srcPath);
              return { fileId: fileIdOf(env, dstPath), code: 'SUCCESS' };
            } catch (e) {
              return { fileId: fileIdOf(env, dstPath), code: (e as CloudError).code ?? 'STORAGE_REQUEST_FAIL', message: (e as Error).message };
            }
          }),
        },
      };
    }
    default:
      throw new CloudError('LOCALCLOUD_UNSUPPORTED', `[localcloud] action ${action} is not supported by the local cloud (see localcloud/README.md)`);
  }
}

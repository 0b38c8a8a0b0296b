/**
 * Tencent Cloud credentials for deploy, never from the repository:
 *   1. TENCENTCLOUD_SECRETID + TENCENTCLOUD_SECRETKEY (+ TENCENTCLOUD_SESSIONTOKEN for temporary keys) in the
 *      shell or the git-ignored .env — an API key of a sub-account limited to this CloudBase environment;
 *   2. otherwise the login of `tcb login` (@cloudbase/cli), read from its credential file
 *      (~/.config/.cloudbase/auth.json, or TCB_AUTH_FILE): an API-key login, or the temporary key of a
 *      browser login while it has not expired (any `tcb` command refreshes it).
 * Values are only passed to the SDKs; nothing here prints them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Credentials {
  secretId: string;
  secretKey: string;
  sessionToken?: string;
  source: string;
}

export interface CredentialLookup {
  credentials?: Credentials;
  /** Where they came from, for the plan ('环境变量 TENCENTCLOUD_SECRETID/SECRETKEY', 'tcb login …'). */
  source: string | null;
  problem?: string;
}

export function tcbAuthFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return env.TCB_AUTH_FILE ?? path.join(home, '.config', '.cloudbase', 'auth.json');
}

interface TcbCredential {
  secretId?: string;
  secretKey?: string;
  tmpSecretId?: string;
  tmpSecretKey?: string;
  tmpToken?: string;
  tmpExpired?: number | string;
}

export function findCredentials(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), now = Date.now()): CredentialLookup {
  const id = env.TENCENTCLOUD_SECRETID?.trim();
  const key = env.TENCENTCLOUD_SECRETKEY?.trim();
  if (id || key) {
    if (!id || !key) return { source: '环境变量', problem: 'TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY 要同时设置' };
    const token = env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined;
    const source = `环境变量 TENCENTCLOUD_SECRETID/SECRETKEY${token ? '/SESSIONTOKEN' : ''}`;
    return { source, credentials: { secretId: id, secretKey: key, sessionToken: token, source } };
  }
  const file = tcbAuthFile(env, home);
  if (!fs.existsSync(file)) {
    return { source: null, problem: '没有凭证：设置 TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY（见 .env.example），或先运行 npx @cloudbase/cli login' };
  }
  let cred: TcbCredential | undefined;
  try {
    cred = (JSON.parse(fs.readFileSync(file, 'utf8')) as { credential?: TcbCredential }).credential;
  } catch {
    return { source: 'tcb login', problem: `读不了 ${file}：请重新 tcb login，或改用环境变量 TENCENTCLOUD_SECRETID/SECRETKEY` };
  }
  if (cred?.secretId && cred.secretKey) {
    return { source: 'tcb login（API 密钥）', credentials: { secretId: cred.secretId, secretKey: cred.secretKey, source: 'tcb login（API 密钥）' } };
  }
  if (cred?.tmpSecretId && cred.tmpSecretKey && cred.tmpToken) {
    const expires = Number(cred.tmpExpired ?? 0);
    if (!expires || expires <= now + 60_000) {
      return { source: 'tcb login（临时密钥）', problem: 'tcb login 的临时密钥已过期：运行任一 tcb 命令（如 npx @cloudbase/cli env list）刷新，或重新 tcb login' };
    }
    return {
      source: 'tcb login（临时密钥）',
      credentials: { secretId: cred.tmpSecretId, secretKey: cred.tmpSecretKey, sessionToken: cred.tmpToken, source: 'tcb login（临时密钥）' },
    };
  }
  return { source: 'tcb login', problem: `${file} 里没有可用的登录信息：请重新 tcb login，或改用环境变量 TENCENTCLOUD_SECRETID/SECRETKEY` };
}

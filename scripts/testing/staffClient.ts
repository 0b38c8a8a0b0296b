/**
 * Clients with a chosen identity for integration tests: the local server's /dev/sign-in (allowDevSignIn,
 * with the run's token: `env.signInUrl`) hands out the signed cookie for an OPENID, exactly as a browser gets it.
 */
import { HttpResident } from './residentClient';

export async function signedIn(env: { url: string; signInUrl: (openId: string) => string }, openId: string): Promise<HttpResident> {
  const baseUrl = env.url;
  const res = await fetch(env.signInUrl(openId), { redirect: 'manual' });
  const set = res.headers.get('set-cookie');
  if (res.status !== 302 || !set) throw new Error(`dev sign-in as ${openId} failed (${res.status}); start the environment with allowDevSignIn: true`);
  const client = new HttpResident(baseUrl);
  client.cookie = set.split(';')[0];
  return client;
}

/** `client.call(action, input, 'staff')` with the staff function as default. */
export const staffCall = (client: HttpResident, action: string, input: unknown = {}) => client.call(action, input, 'staff');
export async function staffOk(client: HttpResident, action: string, input: unknown = {}): Promise<any> {
  return client.ok(action, input, 'staff');
}

/**
 * cloudbaserc.json (for `@cloudbase/cli`: `tcb fn deploy <name>`), generated from cloudfunctions/functions.ts
 * so that the CLI, `npm run deploy` and DevTools deploy the same functions with the same settings.
 * Values from the operator's environment appear as `{{env.NAME}}` (CLI config version 2.0 reads them from
 * .env / .env.local in the repository root): the file itself holds no secret and no environment id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, functionEnv, functions as registry, type EnvValue, type FunctionDeclaration } from '../../cloudfunctions/functions';
import { repoRoot } from './env';

export const cloudbasercPath = path.join(repoRoot, 'cloudbaserc.json');
/** The setting that names the CloudBase environment (also the mini-program's wx.cloud.init env). */
export const ENV_ID_SETTING = 'TARO_APP_CLOUD_ENV';

export function envTemplate(value: EnvValue): string {
  return typeof value === 'string' ? value : `{{env.${value.fromEnv}}}`;
}

export function renderCloudbaserc(declarations: FunctionDeclaration[] = registry) {
  return {
    version: '2.0',
    envId: `{{env.${ENV_ID_SETTING}}}`,
    functionRoot: './dist/cloudfunctions',
    functions: declarations.map((d) => ({
      name: d.name,
      description: d.description,
      handler: FUNCTION_HANDLER,
      runtime: FUNCTION_RUNTIME,
      timeout: d.timeout,
      memorySize: d.memory,
      installDependency: (d.external ?? []).length > 0,
      envVariables: Object.fromEntries(Object.entries(functionEnv(d)).map(([k, v]) => [k, envTemplate(v)])),
      ...(d.triggers?.length ? { triggers: d.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })) } : {}),
    })),
  };
}

export function cloudbasercText(declarations: FunctionDeclaration[] = registry): string {
  return JSON.stringify(renderCloudbaserc(declarations), null, 2) + '\n';
}

/** Writes cloudbaserc.json when it differs from the registry; true when it changed. */
export function writeCloudbaserc(file = cloudbasercPath, declarations: FunctionDeclaration[] = registry): boolean {
  const text = cloudbasercText(declarations);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  fs.writeFileSync(file, text);
  return true;
}

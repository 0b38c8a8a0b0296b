/**
 * `npm run bundle:functions`: every function of cloudfunctions/functions.ts bundled with esbuild into a
 * deployable folder, the one project.config.json's `cloudfunctionRoot` names (dist/cloudfunctions/):
 *
 *   dist/cloudfunctions/<name>/index.js         the function, its shared code and its npm packages (minified)
 *   dist/cloudfunctions/<name>/index.js.map     source map (stack traces in the cloud log point at the .ts)
 *   dist/cloudfunctions/<name>/package.json     no dependencies unless the registry lists `external` ones
 *   dist/cloudfunctions/<name>/config.json      WeChat's function config: permissions.openapi and triggers
 *
 * WeChat DevTools ("上传并部署：所有文件") and `npm run deploy` upload these same folders. The build fails when
 * a bundle would need a package at run time that its package.json does not list, or when esbuild warns
 * (e.g. a require it cannot follow): such a bundle would break in the cloud, not here.
 * Also refreshes cloudbaserc.json from the registry (commit it when it changes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { FUNCTION_RUNTIME, functions as registry, type FunctionDeclaration } from '../../cloudfunctions/functions';
import { repoRoot } from './env';
import { parseCommandLine } from '../shared/cliArgs';

export const defaultSourceRoot = path.join(repoRoot, 'cloudfunctions');
export const defaultOutDir = path.join(repoRoot, 'dist', 'cloudfunctions');

/** Bundles target the runtime's Node.js major version ('Nodejs18.15' → node18). */
export function esbuildTarget(runtime = FUNCTION_RUNTIME): string {
  const m = /^Nodejs(\d+)/.exec(runtime);
  if (!m) throw new Error(`not a Node.js runtime: ${runtime}`);
  return `node${m[1]}`;
}

/** WeChat's per-function config.json (read by DevTools when uploading; triggers via "上传触发器"). */
export interface WxFunctionConfig {
  permissions: { openapi: string[] };
  triggers: { name: string; type: string; config: string }[];
}

export interface BundleFile {
  /** Relative to the function's folder. */
  path: string;
  bytes: number;
}

export interface FunctionBundle {
  name: string;
  dir: string;
  files: BundleFile[];
  bytes: number;
  /** package.json dependencies (exact versions): the packages the cloud installs. */
  dependencies: Record<string, string>;
  config: WxFunctionConfig;
}

export interface BundleOptions {
  declarations?: FunctionDeclaration[];
  sourceRoot?: string;
  outDir?: string;
  /** Only these functions (default all); other folders in outDir are then left alone. */
  only?: string[];
  /** Minify (default true). */
  minify?: boolean;
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isBuiltin(spec: string): boolean {
  return builtins.has(spec) || builtins.has(spec.split('/')[0]);
}

/** 'a/b/c' → 'a', '@s/p/x' → '@s/p'. */
export function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function installedVersion(pkg: string): string {
  let dir = repoRoot;
  for (;;) {
    const p = path.join(dir, 'node_modules', pkg, 'package.json');
    if (fs.existsSync(p)) return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`external package ${pkg} is not installed (npm install --save-exact ${pkg})`);
    dir = up;
  }
}

/**
 * The CloudBase SDKs read their own version from `__dirname/../../package.json` at load time, which does not
 * exist inside a bundle (they would report "unknow" to the server). Inline the version instead.
 */
const inlineSdkVersion: esbuild.Plugin = {
  name: 'inline-sdk-version',
  setup(build) {
    build.onLoad({ filter: /[\\/]@cloudbase[\\/][^\\/]+[\\/]dist[\\/]utils[\\/]version\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes('../../package.json')) return undefined;
      const pkg = JSON.parse(fs.readFileSync(path.resolve(path.dirname(args.path), '../../package.json'), 'utf8')) as { version: string };
      return { contents: `"use strict";Object.defineProperty(exports,"__esModule",{value:true});exports.version=${JSON.stringify(pkg.version)};`, loader: 'js' };
    });
  },
};

function validateDeclaration(decl: FunctionDeclaration): void {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(decl.name)) throw new Error(`function name ${JSON.stringify(decl.name)}: letters, digits, - and _ (≤ 60)`);
  if (!Number.isInteger(decl.timeout) || decl.timeout < 1 || decl.timeout > 60) throw new Error(`${decl.name}: timeout must be 1–60 s`);
  if (![128, 256, 512, 1024, 2048].includes(decl.memory)) throw new Error(`${decl.name}: memory must be 128, 256, 512, 1024 or 2048 MB`);
  for (const t of decl.triggers ?? []) {
    if (t.type !== 'timer') throw new Error(`${decl.name}: trigger ${t.name}: only timer triggers`);
    if (t.config.trim().split(/\s+/).length !== 7) throw new Error(`${decl.name}: trigger ${t.name}: cron needs 7 fields (sec min hour day month weekday year)`);
  }
}

export function wxConfigOf(decl: FunctionDeclaration): WxFunctionConfig {
  return {
    permissions: { openapi: [...(decl.openapi ?? [])] },
    triggers: (decl.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
  };
}

function listFiles(dir: string, base = dir): BundleFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? listFiles(p, base) : [{ path: path.relative(base, p).split(path.sep).join('/'), bytes: fs.statSync(p).size }];
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export async function bundleFunction(decl: FunctionDeclaration, options: BundleOptions = {}): Promise<FunctionBundle> {
  validateDeclaration(decl);
  const sourceRoot = options.sourceRoot ?? defaultSourceRoot;
  const outDir = options.outDir ?? defaultOutDir;
  const entry = path.join(sourceRoot, decl.name, 'index.ts');
  if (!fs.existsSync(entry)) throw new Error(`${decl.name}: ${path.relative(repoRoot, entry)} not found (declared in cloudfunctions/functions.ts)`);
  const dir = path.join(outDir, decl.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const external = decl.external ?? [];

  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: esbuildTarget(),
    minify: options.minify ?? true,
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    // Stack traces through the source map (Node ≥ 16.6); the map is read only when an error is printed.
    banner: { js: 'process.setSourceMapsEnabled&&process.setSourceMapsEnabled(true);' },
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    plugins: [inlineSdkVersion],
    metafile: true,
    logLevel: 'silent',
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    // Packages resolve from this repository's node_modules even for a source root elsewhere (tests).
    nodePaths: [path.join(repoRoot, 'node_modules')],
  }).catch((error: esbuild.BuildFailure) => {
    const messages = error.errors?.length ? error.errors.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`).join('\n') : String(error);
    throw new Error(`${decl.name}: esbuild failed:\n${messages}`);
  });
  if (result.warnings.length) {
    const text = result.warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`).join('\n');
    throw new Error(`${decl.name}: esbuild warnings (a bundle that warns may fail in the cloud; fix it or declare the package in \`external\`):\n${text}`);
  }

  // Every import left outside the bundle must be a Node built-in or a declared external package.
  const unlisted = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || isBuiltin(imp.path)) continue;
      if (!external.includes(packageOf(imp.path))) unlisted.add(imp.path);
    }
  }
  if (unlisted.size) throw new Error(`${decl.name}: the bundle requires ${[...unlisted].join(', ')} at run time but package.json would not list it`);

  const dependencies = Object.fromEntries(external.map((pkg) => [pkg, installedVersion(pkg)]));
  const rootPkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; license?: string };
  const pkg = {
    name: decl.name,
    version: rootPkg.version,
    private: true,
    description: decl.description,
    license: rootPkg.license,
    main: 'index.js',
    engines: { node: `>=${esbuildTarget().slice(4)}` },
    dependencies,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const config = wxConfigOf(decl);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');

  const files = listFiles(dir);
  return { name: decl.name, dir, files, bytes: files.reduce((n, f) => n + f.bytes, 0), dependencies, config };
}

/** Bundles the declared functions (in parallel) and removes folders of functions no longer declared. */
export async function bundleFunctions(options: BundleOptions = {}): Promise<FunctionBundle[]> {
  const declarations = options.declarations ?? registry;
  const names = new Set<string>();
  for (const d of declarations) {
    if (names.has(d.name)) throw new Error(`function ${d.name} is declared twice in cloudfunctions/functions.ts`);
    names.add(d.name);
  }
  const chosen = options.only ? declarations.filter((d) => options.only!.includes(d.name)) : declarations;
  const unknown = (options.only ?? []).filter((n) => !names.has(n));
  if (unknown.length) throw new Error(`not declared in cloudfunctions/functions.ts: ${unknown.join(', ')}`);
  const outDir = options.outDir ?? defaultOutDir;
  fs.mkdirSync(outDir, { recursive: true });
  if (!options.only) {
    for (const entry of fs.readdirSync(outDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !names.has(entry.name)) fs.rmSync(path.join(outDir, entry.name), { recursive: true, force: true });
    }
  }
  return Promise.all(chosen.map((d) => bundleFunction(d, options)));
}

export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function cli() {
  const { writeCloudbaserc } = await import('./cloudbaserc');
  const { positionals: only } = parseCommandLine(process.argv.slice(2), {}, 'npm run bundle:functions -- [<function> ...]', { positionals: true });
  const bundles = await bundleFunctions({ only: only.length ? only : undefined });
  for (const b of bundles) {
    const deps = Object.keys(b.dependencies);
    console.log(`✓ ${b.name.padEnd(12)} ${formatKB(b.bytes).padStart(10)}  ${path.relative(repoRoot, b.dir)}  ${deps.length ? `云端安装：${deps.join(', ')}` : '无需云端安装依赖'}`);
  }
  if (writeCloudbaserc()) console.log('cloudbaserc.json 已按 cloudfunctions/functions.ts 更新，请提交。');
}

if (require.main === module) {
  cli().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

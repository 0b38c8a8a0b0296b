/**
 * WeChat's own stylesheet compiler (`wcsc`, shipped for Linux/macOS/Windows by miniprogram-compiler): every
 * .wxss of a built mini-program is compiled with it, so a selector WeChat rejects (`*`, for one) fails the build
 * here instead of in WeChat DevTools or on a phone. Used by the weapp build (WcscCheckPlugin below) and by the
 * headless harness in scripts/weapp/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** The binary of one of WeChat's compilers; npm installs them without the execute bit, so it is set here. */
export function wechatCompilerBinary(name: 'wcc' | 'wcsc'): string {
  const pkg = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const bin = path.join(pkg, 'bin', platform, platform === 'windows' ? `${name}.exe` : name);
  if (!fs.existsSync(bin)) throw new Error(`${name} not found at ${bin} (npm install miniprogram-compiler)`);
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    fs.chmodSync(bin, 0o755);
  }
  return bin;
}

/** Every .wxss under `dir`, relative, with forward slashes, sorted. */
export function wxssFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.wxss') && !f.startsWith('node_modules/'))
    .sort();
}

/** The .wxss files `file` imports (transitively), relative to `dir`, `file` first. */
function withImports(dir: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f) || !fs.existsSync(path.join(dir, f))) return;
    seen.add(f);
    const css = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of css.matchAll(/@import\s+["']([^"']+)["']/g)) visit(path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]!)));
  };
  visit(file);
  return [...seen];
}

export interface WxssProblem {
  file: string;
  /** wcsc's message, e.g. `packages/staff/sub-vendors.wxss(1:923): error at token `*`` */
  message: string;
}

/** Compiles each .wxss of `dir` (with what it imports) with wcsc; the files WeChat would reject, with why. */
export function wxssProblems(dir: string, files: string[] = wxssFiles(dir)): WxssProblem[] {
  const wcsc = wechatCompilerBinary('wcsc');
  const problems: WxssProblem[] = [];
  for (const file of files) {
    const r = spawnSync(wcsc, ['-db', '-pc', '0', ...withImports(dir, file)], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.status === 0) continue;
    const message = (r.stderr || r.stdout).split('\n').filter((l) => l.trim() && !/^error file count/.test(l)).map((l) => l.replace(/^ERR:\s*/, '')).join(' ').slice(0, 500);
    problems.push({ file, message: message || `wcsc exited with ${r.status}` });
  }
  return problems;
}

interface EmitCompiler {
  outputPath: string;
  hooks: { afterEmit: { tap(name: string, fn: (compilation: { errors: Error[] }) => void): void } };
}

/**
 * Webpack plugin for the weapp build: after the files are written, compiles every .wxss with wcsc; a rejected
 * stylesheet is a build error (and a non-zero exit), so it never stays in dist/weapp unnoticed.
 */
export class WcscCheckPlugin {
  apply(compiler: EmitCompiler): void {
    compiler.hooks.afterEmit.tap('WcscCheckPlugin', (compilation) => {
      const problems = wxssProblems(compiler.outputPath);
      if (!problems.length) return;
      const messages = [...new Set(problems.map((p) => p.message))];
      const error = new Error(`WeChat's stylesheet compiler (wcsc) rejects ${problems.length} file(s):\n${messages.map((m) => `  ${m}`).join('\n')}\n(the universal selector * and other unsupported selectors are not allowed in WXSS)`);
      compilation.errors.push(error);
      process.exitCode = 1;
    });
  }
}

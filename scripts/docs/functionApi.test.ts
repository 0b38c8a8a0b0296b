import fs from 'node:fs';
import path from 'node:path';
import { renderFunctionApi, updatedReadme } from './functionApi';

describe('README function API', () => {
  it('lists every action of every contract', () => {
    const text = renderFunctionApi();
    expect(text).toContain('### `resident`');
    expect(text).toMatch(/\| `submitAttempt` \| `\{ attemptId: string, answers: /);
  });
  it('is up to date in README.md (run `npm run docs:api`)', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(updatedReadme(readme)).toBe(readme);
  });
});

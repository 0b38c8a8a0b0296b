/** Jest: node tests (*.test.ts) for functions, local cloud, app server, content compiler and scripts; jsdom tests (*.test.tsx) for components. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];
const moduleNameMapper = {
  '^@/(.*)$': '<rootDir>/miniprogram/src/$1',
  '^@contracts/(.*)$': '<rootDir>/cloudfunctions/contracts/$1',
};
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/cloudfunctions', '<rootDir>/scripts', '<rootDir>/localcloud', '<rootDir>/appserver', '<rootDir>/content-compiler', '<rootDir>/miniprogram/src'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.browser\\.test\\.ts$'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/miniprogram/src'],
      testMatch: ['**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/miniprogram/test/taroComponents.tsx',
        '^@tarojs/taro$': '<rootDir>/miniprogram/test/taroApi.ts',
        '\\.(css|scss)$': '<rootDir>/miniprogram/test/styleStub.js',
      },
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/scripts', '<rootDir>/miniprogram'],
      testMatch: ['**/*.browser.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper,
    },
  ],
};

/** Reliability and security scenarios in a real n8n against the emulator (`npm run test:reliability`). */
const e2e = require('./jest.e2e.config');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/reliability'],
	testMatch: ['**/*.reliability.test.ts'],
	testTimeout: 900000,
};

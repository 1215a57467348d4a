/** The e2e polling and webhook scenarios in n8n queue mode with Redis and PostgreSQL (`npm run test:queue`). */
const e2e = require('./jest.e2e.config');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	testTimeout: 900000,
};

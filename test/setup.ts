import nock from 'nock';

// Tests never reach the network; only loopback (the emulator, a local n8n) is allowed.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

afterEach(() => {
	nock.cleanAll();
});

// Each test file loads its own copy of nock; switch this one off so the next file starts clean.
afterAll(() => {
	nock.restore();
});

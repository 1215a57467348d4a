import crypto from 'crypto';

import { presentedKey, verifyApiKey } from '../../../lib/webhook/apiKey';

const KEY = 'test-webhook-key-value';

describe('verifyApiKey', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		['x-api-key', { 'x-api-key': KEY }],
		['Authorization: Bearer', { authorization: `Bearer ${KEY}` }],
		['mixed-case names and scheme', { 'X-Api-Key': undefined, Authorization: `bearer   ${KEY}` }],
		['a repeated header (first value)', { 'x-api-key': [KEY, 'other'] }],
	])('accepts the key sent as %s', (_label, headers) => {
		expect(verifyApiKey(headers, KEY)).toEqual({ ok: true });
	});

	it('prefers x-api-key when both headers are sent', () => {
		expect(presentedKey({ 'x-api-key': 'from-header', authorization: 'Bearer from-bearer' })).toBe(
			'from-header',
		);
		expect(
			verifyApiKey({ 'x-api-key': 'wrong', authorization: `Bearer ${KEY}` }, KEY),
		).toMatchObject({
			ok: false,
			reason: 'mismatch',
		});
	});

	it.each([
		['no headers', {}],
		['an empty x-api-key', { 'x-api-key': '  ' }],
		['Basic authorization', { authorization: `Basic ${KEY}` }],
		['a bare Bearer', { authorization: 'Bearer ' }],
	])('refuses %s as missing, saying where to send the key', (_label, headers) => {
		const check = verifyApiKey(headers, KEY);
		expect(check).toMatchObject({ ok: false, reason: 'missing' });
		expect(check.ok === false && check.message).toMatch(
			/"x-api-key" header or as "Authorization: Bearer <key>"/,
		);
	});

	it.each([
		['a different key', 'test-other-key'],
		['a prefix of the key', KEY.slice(0, 5)],
		['the key plus more', `${KEY}x`],
		['the key in another case', KEY.toUpperCase()],
	])('refuses %s as a mismatch', (_label, sent) => {
		expect(verifyApiKey({ 'x-api-key': sent }, KEY)).toEqual({
			ok: false,
			reason: 'mismatch',
			message: 'The API key is not valid.',
		});
	});

	it.each([
		['empty', ''],
		['whitespace', '   '],
		['undefined', undefined],
		['null', null],
	])('refuses everything when the configured key is %s', (_label, expected) => {
		expect(verifyApiKey({ 'x-api-key': '' }, expected)).toMatchObject({
			ok: false,
			reason: 'notConfigured',
		});
		expect(verifyApiKey({ 'x-api-key': 'anything' }, expected)).toMatchObject({
			ok: false,
			reason: 'notConfigured',
		});
	});

	it('compares equal-length SHA-256 digests with timingSafeEqual, whatever the key lengths', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		verifyApiKey({ 'x-api-key': 'x' }, KEY);
		verifyApiKey({ 'x-api-key': KEY.repeat(20) }, KEY);
		verifyApiKey({ authorization: `Bearer ${KEY}` }, KEY);
		expect(spy).toHaveBeenCalledTimes(3);
		const sha = (value: string) => crypto.createHash('sha256').update(value).digest();
		for (const [left, right] of spy.mock.calls) {
			expect((left as Buffer).length).toBe(32);
			expect((right as Buffer).length).toBe(32);
			expect(right).toEqual(sha(KEY));
		}
		expect(spy.mock.calls[0][0]).toEqual(sha('x'));
	});

	it('never puts the presented or expected key in a message', () => {
		for (const headers of [{ 'x-api-key': 'test-presented-secret' }, {}]) {
			const check = verifyApiKey(headers, KEY);
			const text = JSON.stringify(check);
			expect(text).not.toContain('test-presented-secret');
			expect(text).not.toContain(KEY);
		}
	});
});

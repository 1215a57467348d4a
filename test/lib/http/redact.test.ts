import { redactSecrets, safeSnippet } from '../../../lib/redact';

describe('redactSecrets', () => {
	it('removes JWTs wherever they appear', () => {
		const jwt = 'eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2lnbmF0dXJl';
		expect(redactSecrets(`token=${jwt} end`)).toBe('token=[redacted] end');
		expect(redactSecrets(`"${jwt}"`)).toBe('"[redacted]"');
	});

	it('removes bearer values and Authorization headers', () => {
		expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: [redacted]');
		expect(redactSecrets('sent Bearer opaque-token-1 to')).toBe('sent Bearer [redacted] to');
	});

	it('removes secrets from form bodies and JSON', () => {
		expect(
			redactSecrets(
				'client_id=abc&client_secret=test-secret-value&scope=x&client_assertion=aaa.bbb',
			),
		).toBe('client_id=abc&client_secret=[redacted]&scope=x&client_assertion=[redacted]');
		expect(redactSecrets('{"client_secret":"test-secret-value","access_token":"t"}')).toBe(
			'{"client_secret":"[redacted]","access_token":"[redacted]"}',
		);
	});

	it('removes PEM private keys and SAS signatures', () => {
		const pem = '-----BEGIN PRIVATE KEY-----\nMIIEv\nabc\n-----END PRIVATE KEY-----';
		expect(redactSecrets(`key: ${pem} done`)).toBe('key: [redacted] done');
		expect(redactSecrets('https://x.blob.core.windows.net/p?sv=1&sig=abc%2Bdef')).toBe(
			'https://x.blob.core.windows.net/p?sv=1&sig=[redacted]',
		);
	});

	it('removes known secrets of any shape', () => {
		expect(redactSecrets('the value test-secret-value was wrong', ['test-secret-value'])).toBe(
			'the value [redacted] was wrong',
		);
	});

	it('leaves ordinary text alone', () => {
		const text = "Invalid filter: status eq 'newish' is not a valid alertStatus.";
		expect(redactSecrets(text)).toBe(text);
	});
});

describe('safeSnippet', () => {
	it('redacts before cutting so no token is left half visible', () => {
		const jwt = `eyJ${'a'.repeat(400)}.eyJ${'b'.repeat(50)}.sig`;
		const out = safeSnippet(`prefix ${jwt}`, 20);
		expect(out).toBe('prefix [redacted]');
	});
});

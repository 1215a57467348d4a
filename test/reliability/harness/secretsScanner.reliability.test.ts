import { randomBytes } from 'node:crypto';

import { createClientCertificate, type ClientCertificate } from '../../emulator/tls';
import {
	describeOccurrences,
	pemBody,
	plainSecret,
	privateKeySecret,
	SecretScanner,
	tokenSecret,
	WINDOW,
} from './secrets';

const SECRET = 'test-secret-value-scanner-"quoted"/+=';

function jwt(): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return [
		part({ typ: 'JWT', alg: 'RS256' }),
		part({ aud: 'https://graph.microsoft.com' }),
		randomBytes(256).toString('base64url'),
	].join('.');
}

describe('secret scanner', () => {
	let certificate: ClientCertificate;

	beforeAll(async () => {
		certificate = await createClientCertificate('Scanner test');
	});

	it('finds a secret whole, cut to any 16 characters, URL-encoded, base64 and JSON-escaped', () => {
		const scanner = new SecretScanner([plainSecret('client secret', SECRET)]);
		for (const text of [
			`message: ${SECRET}`,
			`…${SECRET.slice(5, 5 + WINDOW)}…`,
			`client_secret=${encodeURIComponent(SECRET)}&scope=x`,
			`Basic ${Buffer.from(SECRET).toString('base64')}`,
			JSON.stringify({ secret: SECRET }),
		]) {
			expect({ text, hits: scanner.scan('text', text).length }).toEqual({ text, hits: 1 });
		}
		// Shorter than a window proves nothing.
		expect(scanner.scan('text', SECRET.slice(0, WINDOW - 1))).toEqual([]);
		expect(scanner.occurrences).toHaveLength(5);
	});

	it('finds a private key by its body lines, in a PEM or JSON-escaped, but not by the prefix every key shares', () => {
		const scanner = new SecretScanner(
			[privateKeySecret('private key', certificate.privateKeyPem)],
			[certificate.certificatePem],
		);
		const lines = pemBody(certificate.privateKeyPem);
		expect(scanner.scan('pem', certificate.privateKeyPem).length).toBeGreaterThan(0);
		expect(
			scanner.scan('json', JSON.stringify({ key: certificate.privateKeyPem })).length,
		).toBeGreaterThan(0);
		expect(scanner.scan('line', `x ${lines[lines.length - 2]} y`).length).toBeGreaterThan(0);
		expect(scanner.scan('prefix', lines[0].slice(0, 40))).toEqual([]);
		expect(scanner.scan('certificate', certificate.certificatePem)).toEqual([]);
	});

	it('finds a token by its signature; header and claims alone are shared by every token', () => {
		const token = jwt();
		const scanner = new SecretScanner([tokenSecret('access token', token)]);
		const [header, claims, signature] = token.split('.');
		expect(scanner.scan('bearer', `Authorization: Bearer ${token}`)).toHaveLength(1);
		expect(scanner.scan('signature', signature.slice(100, 140))).toHaveLength(1);
		expect(scanner.scan('claims', `${header}.${claims}`)).toEqual([]);
	});

	it('reports where, with 80 characters of context and the secret masked', () => {
		const scanner = new SecretScanner([plainSecret('webhook key', SECRET)]);
		const text = `${'a'.repeat(100)} key=${SECRET} ${'b'.repeat(100)}`;
		const [hit] = scanner.scan('n8n log', text, '#12');
		expect(hit).toMatchObject({
			source: 'n8n log',
			detail: '#12',
			label: 'webhook key',
			offset: 105,
		});
		expect(hit.context).toHaveLength(80);
		expect(hit.context).not.toContain(SECRET.slice(0, WINDOW));
		expect(hit.context).toContain('key=');
		expect(describeOccurrences(scanner.occurrences)).toBe(
			`n8n log #12 @105: webhook key: …${hit.context}…`,
		);
	});

	it('counts bytes per source, reports each stretch of a secret once, and keeps exempted hits apart', () => {
		const scanner = new SecretScanner([
			plainSecret('one', SECRET),
			plainSecret('two', `${SECRET}-second`),
		]);
		const found = scanner.scan('log', `${SECRET} and again ${SECRET}-second`);
		// Two stretches of the first secret (the second inside the longer one), then the other's tail.
		expect(found.map((o) => o.label)).toEqual(['one', 'one', 'two']);
		expect(scanner.scan('db', `x${SECRET}x`, '', new Set(['one']))).toEqual([]);
		expect(scanner.exempted.map((o) => [o.source, o.label])).toEqual([['db', 'one']]);
		scanner.scan('log', 'more');
		expect(scanner.bytesBySource.get('log')).toBe(
			Buffer.byteLength(`${SECRET} and again ${SECRET}-second`) + 4,
		);
		expect(() => new SecretScanner([])).toThrow('no secrets');
	});
});

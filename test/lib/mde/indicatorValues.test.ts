import {
	actionMismatch,
	indicatorKey,
	indicatorTypeFor,
	normalizeIndicatorValue,
	refang,
} from '../../../lib/mde/indicatorValues';
import { isIPv6 } from '../../../lib/mde/ip';

const SHA256 = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('indicator types and values', () => {
	it.each([
		['ipv4', 'IpAddress'],
		['IPv6', 'IpAddress'],
		['ip-src', 'IpAddress'],
		['ipv4-addr', 'IpAddress'],
		['domain', 'DomainName'],
		['hostname', 'DomainName'],
		['URL', 'Url'],
		['uri', 'Url'],
		['sha256', 'FileSha256'],
		['SHA-256', 'FileSha256'],
		['FileSha1', 'FileSha1'],
		['md5', 'FileMd5'],
		['certificate', 'CertificateThumbprint'],
	])('type %s is %s', (raw, type) => {
		expect(indicatorTypeFor(raw)).toBe(type);
	});

	it('does not know other types', () => {
		expect(indicatorTypeFor('email')).toBeUndefined();
		expect(indicatorTypeFor(5)).toBeUndefined();
	});

	it.each([
		[undefined, SHA256, 'FileSha256', SHA256.toLowerCase()],
		[undefined, SHA1, 'FileSha1', SHA1],
		[undefined, MD5, 'FileMd5', MD5],
		[undefined, '203.0.113.7', 'IpAddress', '203.0.113.7'],
		[undefined, '2001:DB8::1', 'IpAddress', '2001:db8::1'],
		[undefined, 'https://evil.example/x?a=1', 'Url', 'https://evil.example/x?a=1'],
		[undefined, 'Evil.Example.', 'DomainName', 'evil.example'],
		['ipv4', '198.51.100[.]9', 'IpAddress', '198.51.100.9'],
		['url', 'hxxps://evil[.]example/p', 'Url', 'https://evil.example/p'],
		['domain', 'bad(.)example', 'DomainName', 'bad.example'],
		['certificate', SHA1.toUpperCase(), 'CertificateThumbprint', SHA1],
	])('type %s, value %s → %s %s', (type, value, expectedType, expectedValue) => {
		expect(normalizeIndicatorValue(type, value)).toEqual({
			ok: true,
			type: expectedType,
			value: expectedValue,
		});
	});

	it.each([
		['ipv4', '10.0.0.0/8', /range; Defender IP indicators take single addresses \(no CIDR\)/],
		['ipv4', '300.1.1.1', /not a valid IPv4 or IPv6/],
		['sha256', SHA1, /needs 64 hexadecimal characters/],
		['md5', 'xyz', /needs 32 hexadecimal/],
		['domain', 'https://evil.example/x', /not a valid domain name \(for a URL, use the Url type\)/],
		['url', 'evil.example/x', /need http:\/\/ or https:\/\//],
		['url', 'ftp://evil.example', /need http/],
		['email', 'a@b.example', /Unknown indicator type 'email'/],
		[undefined, 'not an indicator', /Cannot tell the indicator type/],
		[undefined, '   ', /value is empty/],
		[undefined, null, /has no value/],
	])('type %s, value %s is refused', (type, value, reason) => {
		const result = normalizeIndicatorValue(type, value);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toMatch(reason);
	});

	it('refangs the usual defanging', () => {
		expect(refang('hxxp://a[.]b[dot]c/x')).toBe('http://a.b.c/x');
	});

	it('keys indicators by type and case-insensitive value', () => {
		expect(indicatorKey('DomainName', ' Evil.Example ')).toBe(
			indicatorKey('DomainName', 'evil.example'),
		);
		expect(indicatorKey('Url', 'x')).not.toBe(indicatorKey('DomainName', 'x'));
	});

	it('knows which actions fit which types', () => {
		expect(actionMismatch('IpAddress', 'Block')).toBeUndefined();
		expect(actionMismatch('IpAddress', 'BlockAndRemediate')).toMatch(
			/IpAddress indicators take Allowed, Audit, Warn, Block/,
		);
		expect(actionMismatch('CertificateThumbprint', 'Warn')).toMatch(/Allowed, BlockAndRemediate/);
		expect(actionMismatch('FileSha256', 'BlockAndRemediate')).toBeUndefined();
	});

	it.each([
		['::', true],
		['::ffff:192.0.2.1', true],
		['1:2:3:4:5:6:7:8', true],
		['1:2:3:4:5:6:192.0.2.1', true],
		['1:2:3:4:5:6:7::', true],
		['1:2:3:4:5:6:7:8:9', false],
		['1::2::3', false],
		['12345::1', false],
		['1:2:3:4:5:6:7:192.0.2.1', false],
		[':1::', false],
	])('IPv6 %s is %s', (value, valid) => {
		expect(isIPv6(value)).toBe(valid);
	});
});

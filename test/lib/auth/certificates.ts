/** Throwaway certificates for assertion tests, generated once per test file. */
import { generate } from 'selfsigned';

export interface TestCertificate {
	privateKeyPem: string;
	certificatePem: string;
}

export async function rsaCertificate(commonName = 'defender-test'): Promise<TestCertificate> {
	const pems = await generate([{ name: 'commonName', value: commonName }], {
		keySize: 2048,
		algorithm: 'sha256',
	});
	return { privateKeyPem: pems.private, certificatePem: pems.cert };
}

export async function ecCertificate(): Promise<TestCertificate> {
	const pems = await generate([{ name: 'commonName', value: 'defender-test-ec' }], {
		keyType: 'ec',
		algorithm: 'sha256',
	});
	return { privateKeyPem: pems.private, certificatePem: pems.cert };
}

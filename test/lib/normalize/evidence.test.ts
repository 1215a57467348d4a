import { normalizeAlert, type NormalizedRecord, type Observable } from '../../../lib/normalize';
import { alertWith, fixtures, NS, type Json } from './fixtures';

/** `type|value` plus the type-specific label, so one string pins an observable down. */
function brief(observable: Observable): string {
	const label = observable.hashType ?? observable.userIdType ?? observable.odataType;
	return label === undefined
		? `${observable.type}|${observable.value}`
		: `${observable.type}|${observable.value}|${label}`;
}

function observablesOf(...evidence: unknown[]): string[] {
	return normalizeAlert(alertWith(evidence)).observables.map(brief);
}

function evidence(type: string, fields: Json = {}): Json {
	return { '@odata.type': `${NS}${type}`, roles: [], detailedRoles: [], tags: [], ...fields };
}

describe('observables per evidence type (graph-api.md §2.3)', () => {
	it('ipEvidence → ip', () => {
		expect(observablesOf(evidence('ipEvidence', { ipAddress: '127.0.0.11' }))).toEqual([
			'ip|127.0.0.11',
		]);
	});

	it('urlEvidence → url and the domain of its host', () => {
		expect(
			observablesOf(
				evidence('urlEvidence', { url: 'https://user@Phish.Contoso.example:8443/a?b=c' }),
			),
		).toEqual([
			'url|https://user@Phish.Contoso.example:8443/a?b=c',
			'domain|phish.contoso.example',
		]);
	});

	it('urlEvidence with an address for a host → url and ip, not domain', () => {
		expect(observablesOf(evidence('urlEvidence', { url: 'http://127.0.0.13:8080/x' }))).toEqual([
			'url|http://127.0.0.13:8080/x',
			'ip|127.0.0.13',
		]);
		expect(observablesOf(evidence('urlEvidence', { url: 'http://[::1]:8080/x' }))).toEqual([
			'url|http://[::1]:8080/x',
			'ip|::1',
		]);
	});

	it('urlEvidence without a scheme still yields the domain; a bare word does not', () => {
		expect(observablesOf(evidence('urlEvidence', { url: 'evil.example/path' }))).toEqual([
			'url|evil.example/path',
			'domain|evil.example',
		]);
		expect(observablesOf(evidence('urlEvidence', { url: 'localpath/file' }))).toEqual([
			'url|localpath/file',
		]);
	});

	it('fileEvidence → filename, full path and every hash, each labelled and lower-cased', () => {
		expect(
			observablesOf(
				evidence('fileEvidence', {
					fileDetails: {
						fileName: 'Payload.PS1',
						filePath: 'C:\\Users\\alice\\Downloads',
						sha256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
						sha1: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
						md5: 'cccccccccccccccccccccccccccccccc',
						sha256Ac: 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd',
					},
				}),
			),
		).toEqual([
			'filename|Payload.PS1',
			'filepath|C:\\Users\\alice\\Downloads\\Payload.PS1',
			'hash|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|sha256',
			'hash|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|sha1',
			'hash|cccccccccccccccccccccccccccccccc|md5',
			'hash|dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd|sha256ac',
		]);
	});

	it('fileEvidence paths: POSIX folders, a path that already ends in the name, no name', () => {
		expect(
			observablesOf(
				evidence('fileEvidence', { fileDetails: { fileName: 'run.sh', filePath: '/opt/x/' } }),
				evidence('fileEvidence', { fileDetails: { fileName: 'a.exe', filePath: 'C:\\T\\a.exe' } }),
				evidence('fileEvidence', { fileDetails: { filePath: 'C:\\Only\\Folder' } }),
			),
		).toEqual([
			'filename|run.sh',
			'filepath|/opt/x/run.sh',
			'filename|a.exe',
			'filepath|C:\\T\\a.exe',
			'filepath|C:\\Only\\Folder',
		]);
	});

	it('processEvidence → command line, image and parent image files, and the user', () => {
		expect(
			observablesOf(
				evidence('processEvidence', {
					processCommandLine: 'powershell.exe -enc SQBFAFgA',
					imageFile: { fileName: 'powershell.exe', filePath: 'C:\\Windows' },
					parentProcessImageFile: { fileName: 'winword.exe', sha1: null },
					userAccount: {
						accountName: 'alice',
						domainName: 'CONTOSO',
						userSid: 'S-1-5-21-1-2-3-1001',
						azureAdUserId: '11111111-2222-3333-4444-555555555555',
						userPrincipalName: 'alice@contoso.example',
					},
				}),
			),
		).toEqual([
			'process|powershell.exe -enc SQBFAFgA',
			'filename|powershell.exe',
			'filepath|C:\\Windows\\powershell.exe',
			'filename|winword.exe',
			'user|CONTOSO\\alice|account',
			'user|alice@contoso.example|upn',
			'user|S-1-5-21-1-2-3-1001|sid',
			'user|11111111-2222-3333-4444-555555555555|entraObjectId',
		]);
	});

	it('deviceEvidence → hostname (deviceDnsName, else hostName.dnsDomain) and logged-on users', () => {
		expect(
			observablesOf(
				evidence('deviceEvidence', {
					deviceDnsName: 'WS-1.Contoso.example',
					loggedOnUsers: [
						{ accountName: 'bob', domainName: 'CONTOSO' },
						{ accountName: 'eve' },
						{},
					],
				}),
				evidence('deviceEvidence', { hostName: 'SRV-2', dnsDomain: 'contoso.example' }),
				evidence('deviceEvidence', { hostName: 'SRV-3' }),
			),
		).toEqual([
			'hostname|ws-1.contoso.example',
			'user|CONTOSO\\bob|account',
			'user|eve|account',
			'hostname|srv-2.contoso.example',
			'hostname|srv-3',
		]);
	});

	it('userEvidence → the user account identifiers', () => {
		expect(
			observablesOf(
				evidence('userEvidence', {
					userAccount: {
						accountName: 'carol',
						domainName: 'CONTOSO',
						userPrincipalName: 'carol@contoso.example',
					},
				}),
			),
		).toEqual(['user|CONTOSO\\carol|account', 'user|carol@contoso.example|upn']);
	});

	it('mailboxEvidence → e-mail address, UPN and account', () => {
		expect(
			observablesOf(
				evidence('mailboxEvidence', {
					primaryAddress: 'Dave@Contoso.example',
					upn: 'dave@contoso.example',
					userAccount: { userSid: 'S-1-5-21-9' },
				}),
			),
		).toEqual([
			'email|dave@contoso.example',
			'user|dave@contoso.example|upn',
			'user|S-1-5-21-9|sid',
		]);
	});

	it('analyzedMessageEvidence → sender IP, recipient, senders and their domains, URLs', () => {
		expect(
			observablesOf(
				evidence('analyzedMessageEvidence', {
					senderIp: '127.0.0.12',
					recipientEmailAddress: 'erin@contoso.example',
					p1Sender: { emailAddress: 'mallory@evil.example', domainName: 'evil.example' },
					p2Sender: { emailAddress: 'relay@mail.example', domainName: 'mail.example' },
					urls: ['https://files.evil.example/a.zip'],
				}),
			),
		).toEqual([
			'ip|127.0.0.12',
			'email|erin@contoso.example',
			'email|mallory@evil.example',
			'domain|evil.example',
			'email|relay@mail.example',
			'domain|mail.example',
			'url|https://files.evil.example/a.zip',
			'domain|files.evil.example',
		]);
	});

	it('cloudApplicationEvidence, oauthApplicationEvidence, servicePrincipalEvidence → cloud-application', () => {
		expect(
			observablesOf(
				evidence('cloudApplicationEvidence', { appId: 11161, displayName: 'Office 365' }),
				evidence('cloudApplicationEvidence', { appId: 20893 }),
				evidence('oauthApplicationEvidence', { appId: 'app-1', displayName: 'Mail Reader' }),
				evidence('servicePrincipalEvidence', { appId: 'app-2', servicePrincipalName: 'Backup' }),
			),
		).toEqual([
			'cloud-application|Office 365',
			'cloud-application|20893',
			'cloud-application|Mail Reader',
			'cloud-application|Backup',
		]);
	});

	it('registryKeyEvidence → hive\\key, without repeating a hive the key already has', () => {
		expect(
			observablesOf(
				evidence('registryKeyEvidence', {
					registryHive: 'HKEY_LOCAL_MACHINE',
					registryKey: 'SYSTEM\\Run',
				}),
				evidence('registryKeyEvidence', {
					registryHive: 'HKEY_CURRENT_USER',
					registryKey: 'HKEY_CURRENT_USER\\Software',
				}),
			),
		).toEqual([
			'registry-key|HKEY_LOCAL_MACHINE\\SYSTEM\\Run',
			'registry-key|HKEY_CURRENT_USER\\Software',
		]);
	});

	it('registryValueEvidence → the key and key\\valueName ("(Default)" when unnamed)', () => {
		expect(
			observablesOf(
				evidence('registryValueEvidence', {
					registryHive: 'HKEY_CURRENT_USER',
					registryKey: 'Software\\Run',
					registryValueName: 'Updater',
					registryValue: 'powershell.exe -w hidden',
				}),
				evidence('registryValueEvidence', {
					registryHive: 'HKEY_CURRENT_USER',
					registryKey: 'Software\\X',
				}),
			),
		).toEqual([
			'registry-key|HKEY_CURRENT_USER\\Software\\Run',
			'registry-value|HKEY_CURRENT_USER\\Software\\Run\\Updater',
			'registry-key|HKEY_CURRENT_USER\\Software\\X',
			'registry-value|HKEY_CURRENT_USER\\Software\\X\\(Default)',
		]);
	});

	it('dnsEvidence → domain (no trailing dot) and every address in it', () => {
		expect(
			observablesOf(
				evidence('dnsEvidence', {
					domainName: 'C2.Evil.example.',
					dnsServerIp: evidence('ipEvidence', { ipAddress: '127.0.0.53' }),
					hostIpAddress: evidence('ipEvidence', { ipAddress: '127.0.1.5' }),
					ipAddresses: [evidence('ipEvidence', { ipAddress: '127.0.0.14' }), '127.0.0.15'],
				}),
			),
		).toEqual([
			'domain|c2.evil.example',
			'ip|127.0.0.53',
			'ip|127.0.1.5',
			'ip|127.0.0.14',
			'ip|127.0.0.15',
		]);
	});

	it('networkConnectionEvidence → source and destination addresses, marked by role', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('networkConnectionEvidence', {
					sourceAddress: evidence('ipEvidence', { ipAddress: '127.0.1.5' }),
					destinationAddress: evidence('ipEvidence', {
						ipAddress: '127.0.0.14',
						roles: ['commandAndControl'],
					}),
				}),
			]),
		);
		expect(record.observables.map((o) => [brief(o), o.roles])).toEqual([
			['ip|127.0.1.5', ['source']],
			['ip|127.0.0.14', ['commandAndControl', 'destination']],
		]);
	});

	it('fileHashEvidence → a labelled hash; an algorithm it cannot label stays as other', () => {
		expect(
			observablesOf(
				evidence('fileHashEvidence', {
					algorithm: 'sha1',
					value: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
				}),
				evidence('fileHashEvidence', { algorithm: 'unknownFutureValue', value: 'FEEDBEEF' }),
			),
		).toEqual([
			'hash|abcdef0123456789abcdef0123456789abcdef01|sha1',
			`other|FEEDBEEF|${NS}fileHashEvidence`,
		]);
	});

	it('malwareEvidence → its files and processes, and the malware name as other', () => {
		expect(
			observablesOf(
				evidence('malwareEvidence', {
					name: 'Trojan:PowerShell/Obfuse.A',
					files: [evidence('fileEvidence', { fileDetails: { fileName: 'dropper.dll' } })],
					processes: [
						evidence('processEvidence', { processCommandLine: 'rundll32.exe dropper.dll,Start' }),
					],
				}),
			),
		).toEqual([
			'filename|dropper.dll',
			'process|rundll32.exe dropper.dll,Start',
			`other|Trojan:PowerShell/Obfuse.A|${NS}malwareEvidence`,
		]);
	});

	it('mailboxConfigurationEvidence → mailbox address, UPN and directory object id', () => {
		expect(
			observablesOf(
				evidence('mailboxConfigurationEvidence', {
					mailboxPrimaryAddress: 'frank@contoso.example',
					upn: 'frank@contoso.example',
					externalDirectoryObjectId: '66666666-7777-8888-9999-000000000000',
				}),
			),
		).toEqual([
			'email|frank@contoso.example',
			'user|frank@contoso.example|upn',
			'user|66666666-7777-8888-9999-000000000000|entraObjectId',
		]);
	});

	it('submissionMailEvidence → sender, recipient, submitter, sender IP', () => {
		expect(
			observablesOf(
				evidence('submissionMailEvidence', {
					sender: 'spam@evil.example',
					recipient: 'heidi@contoso.example',
					submitter: 'grace@contoso.example',
					senderIp: '127.0.0.15',
				}),
			),
		).toEqual([
			'email|spam@evil.example',
			'email|heidi@contoso.example',
			'email|grace@contoso.example',
			'ip|127.0.0.15',
		]);
	});

	it('teamsMessageEvidence → sender, sender IP, recipients, URLs and files', () => {
		expect(
			observablesOf(
				evidence('teamsMessageEvidence', {
					senderFromAddress: 'ivan@evil.example',
					senderIP: '127.0.0.16',
					recipients: ['judy@contoso.example', { emailAddress: 'kate@contoso.example' }],
					urls: [evidence('urlEvidence', { url: 'https://lure.evil.example/x' })],
					files: [evidence('fileEvidence', { fileDetails: { fileName: 'lure.pdf' } })],
				}),
			),
		).toEqual([
			'email|ivan@evil.example',
			'ip|127.0.0.16',
			'email|judy@contoso.example',
			'email|kate@contoso.example',
			'url|https://lure.evil.example/x',
			'domain|lure.evil.example',
			'filename|lure.pdf',
		]);
	});

	it('hostLogonSessionEvidence → the account and the host (also as an asset)', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('hostLogonSessionEvidence', {
					account: evidence('userEvidence', {
						userAccount: { accountName: 'svc', domainName: 'CONTOSO' },
					}),
					host: evidence('deviceEvidence', {
						mdeDeviceId: 'dev-2',
						deviceDnsName: 'srv.contoso.example',
					}),
				}),
			]),
		);
		expect(record.observables.map(brief)).toEqual([
			'user|CONTOSO\\svc|account',
			'hostname|srv.contoso.example',
		]);
		expect(record.assets.map((asset) => [asset.mdeDeviceId, asset.hostname])).toEqual([
			['dev-2', 'srv.contoso.example'],
		]);
	});

	it('cloudLogonSessionEvidence → the account and the device name', () => {
		expect(
			observablesOf(
				evidence('cloudLogonSessionEvidence', {
					deviceName: 'KIOSK-7',
					account: evidence('userEvidence', {
						userAccount: { userPrincipalName: 'kim@contoso.example' },
					}),
				}),
			),
		).toEqual(['user|kim@contoso.example|upn', 'hostname|kiosk-7']);
	});

	it('blobEvidence → URL, domain and labelled hashes', () => {
		expect(
			observablesOf(
				evidence('blobEvidence', {
					url: 'https://storage.contoso.example/c/exfil.zip',
					fileHashes: [
						{ algorithm: 'sha256', value: 'EE'.repeat(32) },
						{ algorithm: 'crc32', value: 'DEADBEEF' },
					],
				}),
			),
		).toEqual([
			'url|https://storage.contoso.example/c/exfil.zip',
			'domain|storage.contoso.example',
			`hash|${'ee'.repeat(32)}|sha256`,
			`other|DEADBEEF|${NS}blobEvidence`,
		]);
	});

	it('sasTokenEvidence → other labelled by its URL without the signature', () => {
		expect(
			observablesOf(
				evidence('sasTokenEvidence', {
					url: 'https://storage.contoso.example/c?sv=1&sig=not-a-real-signature',
				}),
			),
		).toEqual([`other|https://storage.contoso.example/c|${NS}sasTokenEvidence`]);
	});

	it('nicEvidence, kubernetesPodEvidence, ioTDeviceEvidence → other plus their addresses', () => {
		expect(
			observablesOf(
				evidence('nicEvidence', {
					macAddress: '00-11-22-33-44-55',
					ipAddress: evidence('ipEvidence', { ipAddress: '127.0.5.1' }),
				}),
				evidence('kubernetesPodEvidence', {
					name: 'web-7d9f',
					podIp: evidence('ipEvidence', { ipAddress: '127.0.4.1' }),
				}),
				evidence('ioTDeviceEvidence', {
					deviceName: 'Thermostat',
					ipAddress: evidence('ipEvidence', { ipAddress: '127.0.6.1' }),
				}),
			),
		).toEqual([
			`other|00-11-22-33-44-55|${NS}nicEvidence`,
			'ip|127.0.5.1',
			`other|web-7d9f|${NS}kubernetesPodEvidence`,
			'ip|127.0.4.1',
			`other|Thermostat|${NS}ioTDeviceEvidence`,
			'ip|127.0.6.1',
		]);
	});

	it.each([
		['mailClusterEvidence', { clusterBy: 'Subject', clusterByValue: 'Invoice' }, 'Invoice'],
		[
			'securityGroupEvidence',
			{ securityGroupId: 'sg-1', displayName: 'Domain Admins' },
			'Domain Admins',
		],
		['cloudLogonRequestEvidence', { requestId: 'req-1' }, 'req-1'],
		[
			'azureResourceEvidence',
			{ resourceId: '/subscriptions/0/rg/vm1', resourceName: 'vm1' },
			'/subscriptions/0/rg/vm1',
		],
		['amazonResourceEvidence', { amazonResourceId: 'i-1', resourceName: 'ec2-1' }, 'ec2-1'],
		['googleCloudResourceEvidence', { projectId: 'p', resourceName: 'gce-1' }, 'gce-1'],
		['blobContainerEvidence', { name: 'container' }, 'container'],
		['containerEvidence', { containerId: 'ctr-1', name: 'nginx' }, 'nginx'],
		['containerImageEvidence', { imageId: 'img-1' }, 'img-1'],
		[
			'containerRegistryEvidence',
			{ registry: 'registry.contoso.example' },
			'registry.contoso.example',
		],
		['kubernetesClusterEvidence', { name: 'aks-prod' }, 'aks-prod'],
		['kubernetesControllerEvidence', { name: 'web-deploy' }, 'web-deploy'],
		['kubernetesNamespaceEvidence', { name: 'payments' }, 'payments'],
		['kubernetesSecretEvidence', { name: 'db-password' }, 'db-password'],
		['kubernetesServiceEvidence', { name: 'web-svc' }, 'web-svc'],
		['kubernetesServiceAccountEvidence', { name: 'default' }, 'default'],
		[
			'activeDirectoryDomainEvidence',
			{ activeDirectoryDomainName: 'contoso.example' },
			'contoso.example',
		],
		['gitHubOrganizationEvidence', { login: 'contoso-org' }, 'contoso-org'],
		['gitHubRepoEvidence', { name: 'payments-api' }, 'payments-api'],
		['gitHubUserEvidence', { displayName: 'Contoso Bot' }, 'Contoso Bot'],
		['aiAgentEvidence', { name: 'Helpdesk Agent' }, 'Helpdesk Agent'],
	])('%s has no observable type of its own → other, keeping the object', (type, fields, label) => {
		const item = evidence(type, fields);
		const [observable] = normalizeAlert(alertWith([item])).observables;
		expect(brief(observable)).toBe(`other|${label}|${NS}${type}`);
		expect(observable.raw).toBe(item);
		expect(observable.evidenceTypes).toEqual([type]);
	});
});

describe('evidence Defender may add later, or send broken', () => {
	it('keeps an unknown @odata.type as other with its type, fields and base fields', () => {
		const item = evidence('quantumTunnelEvidence', {
			tunnelId: 'qt-1',
			verdict: 'unknownFutureValue',
			roles: ['policyViolator'],
		});
		const [observable] = normalizeAlert(alertWith([item])).observables;
		expect(observable).toMatchObject({
			type: 'other',
			value: 'quantumTunnelEvidence',
			odataType: `${NS}quantumTunnelEvidence`,
			raw: item,
			roles: ['policyViolator'],
			verdict: 'unknownFutureValue',
			verdicts: ['unknownFutureValue'],
			evidenceTypes: ['quantumTunnelEvidence'],
		});
	});

	it('keeps evidence without @odata.type as other', () => {
		const item = { verdict: 'suspicious', note: 'no type' };
		const [observable] = normalizeAlert(alertWith([item])).observables;
		expect(observable).toMatchObject({
			type: 'other',
			value: 'evidence',
			odataType: '',
			raw: item,
			verdict: 'suspicious',
			evidenceTypes: ['unknown'],
		});
	});

	it('merges two identical unlabelled evidence objects, keeps different ones apart', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('futureEvidence', { a: 1 }),
				evidence('futureEvidence', { a: 1 }),
				evidence('futureEvidence', { a: 2 }),
			]),
		);
		expect(record.observables).toHaveLength(2);
	});

	it.each([
		['missing', undefined],
		['empty', []],
		['null', null],
		['an object', { '@odata.type': `${NS}ipEvidence`, ipAddress: '127.0.0.1' }],
		['a string', 'evidence'],
	])('accepts %s evidence and emits no observables', (_label, value) => {
		const record = normalizeAlert(alertWith([], { evidence: value }));
		expect(record.observables).toEqual([]);
		expect(record.assets).toEqual([]);
	});

	it('skips non-object entries and fields of the wrong type without failing', () => {
		expect(
			observablesOf(
				null,
				'text',
				42,
				[],
				evidence('ipEvidence', { ipAddress: 42 }),
				evidence('fileEvidence', { fileDetails: 'not an object' }),
				evidence('processEvidence', { processCommandLine: ['a'], userAccount: 7 }),
				evidence('deviceEvidence', {
					deviceDnsName: {},
					ipInterfaces: 'x',
					loggedOnUsers: [null, 'x'],
				}),
				evidence('dnsEvidence', { domainName: '   ', ipAddresses: {} }),
				evidence('urlEvidence', { url: '' }),
				evidence('ipEvidence', { ipAddress: '127.0.0.9', roles: 'compromised', verdict: 3 }),
			),
		).toEqual(['ip|127.0.0.9']);
	});
});

describe('de-duplication, roles and verdicts', () => {
	function single(record: NormalizedRecord, type: string): Observable {
		const matches = record.observables.filter((observable) => observable.type === type);
		expect(matches).toHaveLength(1);
		return matches[0];
	}

	it('merges the same type+value across evidence, keeping every role, verdict and status', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('ipEvidence', {
					ipAddress: '127.0.0.20',
					roles: ['attacker'],
					detailedRoles: ['Source of sign-in'],
					verdict: 'suspicious',
					remediationStatus: 'remediated',
					tags: ['Tor'],
				}),
				evidence('networkConnectionEvidence', {
					destinationAddress: evidence('ipEvidence', {
						ipAddress: '127.0.0.20',
						verdict: 'malicious',
						remediationStatus: 'active',
					}),
				}),
				evidence('ipEvidence', {
					ipAddress: '127.0.0.20',
					verdict: 'noThreatsFound',
					roles: ['attacker'],
				}),
			]),
		);
		const ip = single(record, 'ip');
		expect(ip.roles).toEqual(['attacker', 'destination']);
		expect(ip.detailedRoles).toEqual(['Source of sign-in']);
		expect(ip.verdicts).toEqual(['suspicious', 'malicious', 'noThreatsFound']);
		expect(ip.verdict).toBe('malicious');
		expect(ip.remediationStatuses).toEqual(['remediated', 'active']);
		expect(ip.remediationStatus).toBe('active');
		expect(ip.evidenceTypes).toEqual(['ipEvidence', 'networkConnectionEvidence']);
		expect(ip.tags).toEqual(['Tor']);
	});

	it.each([
		[['unknown', 'suspicious'], 'suspicious'],
		[['malicious', 'suspicious'], 'malicious'],
		[['noThreatsFound', 'unknown'], 'noThreatsFound'],
		[['unknownFutureValue', 'unknown'], 'unknown'],
		[['unknownFutureValue'], 'unknownFutureValue'],
		[['suspicious', 'malicious', 'unknown'], 'malicious'],
	])('worst of verdicts %p is %p', (verdicts, worst) => {
		const record = normalizeAlert(
			alertWith(
				verdicts.map((verdict) => evidence('ipEvidence', { ipAddress: '127.0.0.1', verdict })),
			),
		);
		expect(single(record, 'ip').verdict).toBe(worst);
		expect(single(record, 'ip').verdicts).toEqual(verdicts);
	});

	it.each([
		[['remediated', 'none'], 'none'],
		[['prevented', 'active'], 'active'],
		[['remediated', 'blocked'], 'blocked'],
		[['notFound', 'pendingApproval'], 'pendingApproval'],
		[['brandNewStatus', 'remediated'], 'remediated'],
	])('most pressing of remediation statuses %p is %p', (statuses, expected) => {
		const record = normalizeAlert(
			alertWith(
				statuses.map((remediationStatus) =>
					evidence('ipEvidence', { ipAddress: '127.0.0.1', remediationStatus }),
				),
			),
		);
		expect(single(record, 'ip').remediationStatus).toBe(expected);
	});

	it.each([
		[
			'hash',
			'fileHashEvidence',
			{ algorithm: 'md5', value: 'ABCDEF0123456789ABCDEF0123456789' },
			{ algorithm: 'md5', value: 'abcdef0123456789abcdef0123456789' },
		],
		['domain', 'dnsEvidence', { domainName: 'Evil.Example' }, { domainName: 'evil.example' }],
		['hostname', 'deviceEvidence', { deviceDnsName: 'WS-1' }, { deviceDnsName: 'ws-1' }],
		[
			'email',
			'mailboxEvidence',
			{ primaryAddress: 'A@Contoso.example' },
			{ primaryAddress: 'a@contoso.example' },
		],
		[
			'user',
			'userEvidence',
			{ userAccount: { accountName: 'Alice', domainName: 'CONTOSO' } },
			{ userAccount: { accountName: 'alice', domainName: 'contoso' } },
		],
	])('%s values compare case-insensitively', (type, evidenceType, first, second) => {
		const record = normalizeAlert(
			alertWith([evidence(evidenceType, first), evidence(evidenceType, second)]),
		);
		expect(record.observables.filter((observable) => observable.type === type)).toHaveLength(1);
	});

	it('keeps the first-seen spelling of a user', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('userEvidence', { userAccount: { accountName: 'Alice', domainName: 'CONTOSO' } }),
				evidence('userEvidence', { userAccount: { accountName: 'alice', domainName: 'contoso' } }),
			]),
		);
		expect(single(record, 'user').value).toBe('CONTOSO\\Alice');
	});

	it.each([
		[
			'filename',
			'fileEvidence',
			{ fileDetails: { fileName: 'A.exe' } },
			{ fileDetails: { fileName: 'a.exe' } },
		],
		['url', 'urlEvidence', { url: 'https://x.example/A' }, { url: 'https://x.example/a' }],
	])('%s values compare case-sensitively', (type, evidenceType, first, second) => {
		const record = normalizeAlert(
			alertWith([evidence(evidenceType, first), evidence(evidenceType, second)]),
		);
		expect(record.observables.filter((observable) => observable.type === type)).toHaveLength(2);
	});

	it('gives nested evidence its own base fields and falls back to the enclosing ones', () => {
		const record = normalizeAlert(
			alertWith([
				evidence('dnsEvidence', {
					domainName: 'c2.example',
					verdict: 'suspicious',
					remediationStatus: 'none',
					roles: ['contextual'],
					ipAddresses: [
						evidence('ipEvidence', {
							ipAddress: '127.0.0.30',
							verdict: 'malicious',
							roles: ['commandAndControl'],
						}),
						{ ipAddress: '127.0.0.31' },
					],
				}),
			]),
		);
		const byValue = new Map(record.observables.map((observable) => [observable.value, observable]));
		expect(byValue.get('127.0.0.30')).toMatchObject({
			verdict: 'malicious',
			roles: ['commandAndControl'],
		});
		expect(byValue.get('127.0.0.31')).toMatchObject({
			verdict: 'suspicious',
			roles: ['contextual'],
		});
		expect(byValue.get('127.0.0.30')?.evidenceTypes).toEqual(['dnsEvidence']);
	});

	it('ignores blank values and trims the rest', () => {
		expect(
			observablesOf(
				evidence('ipEvidence', { ipAddress: '   ' }),
				evidence('ipEvidence', { ipAddress: ' 127.0.0.40 ' }),
			),
		).toEqual(['ip|127.0.0.40']);
	});
});

describe('the alert carrying every documented evidence type', () => {
	const alert = fixtures.alertEveryEvidence();
	const record = normalizeAlert(alert);
	const typed = (alert.evidence as unknown[]).filter(
		(entry): entry is Json =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as Json)['@odata.type'] === 'string',
	);

	it('turns every typed evidence into at least one observable', () => {
		const seen = new Set(record.observables.flatMap((observable) => observable.evidenceTypes));
		const missing = typed
			.map((entry) => String(entry['@odata.type']).replace(NS, ''))
			.filter((type) => !seen.has(type));
		expect(missing).toEqual([]);
	});

	it('covers every observable type', () => {
		expect(new Set(record.observables.map((observable) => observable.type))).toEqual(
			new Set([
				'ip',
				'url',
				'domain',
				'hash',
				'filename',
				'filepath',
				'process',
				'hostname',
				'user',
				'email',
				'cloud-application',
				'registry-key',
				'registry-value',
				'other',
			]),
		);
	});

	it('emits each type+value once', () => {
		const keys = record.observables.map((observable) =>
			observable.type === 'other'
				? `${observable.type}|${observable.odataType}|${observable.value}`
				: `${observable.type}|${observable.value.toLowerCase()}`,
		);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

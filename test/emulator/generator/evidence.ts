/**
 * One builder per evidence subtype of graph-api.md §2.3, each filling the subtype's own fields
 * with realistic values plus the base alertEvidence fields.
 */
import {
	BAD_HOSTS,
	CLOUD_APPS,
	COUNTRIES,
	FILES,
	MALWARE,
	OAUTH_APPS,
	PARENT_PROCESSES,
	PROCESSES,
	REGISTRY_KEYS,
} from './catalog';
import { docIp, macAddress, privateIp, type UserRef } from './people';
import type { Prng } from './prng';
import type { Evidence, MdeMachine } from './types';

export interface EvidenceContext {
	rng: Prng;
	/** createdDateTime of the alert. */
	time: string;
	tenantId: string;
	device: MdeMachine;
	user: UserRef;
	/** Hashes of the alert's main file, shared by file, process and hash evidence. */
	file: FileInfo;
}

export interface FileInfo {
	fileName: string;
	filePath: string;
	filePublisher: string | null;
	fileSize: number;
	sha1: string;
	sha256: string;
	md5: string;
}

const NS = '#microsoft.graph.security.';

const REMEDIATION = [
	'none',
	'none',
	'none',
	'remediated',
	'prevented',
	'blocked',
	'notFound',
	'active',
	'pendingApproval',
];
const VERDICTS = ['unknown', 'suspicious', 'malicious', 'malicious', 'noThreatsFound'];

function base(
	ctx: EvidenceContext,
	type: string,
	roles: string[],
	detailedRoles: string[] = [],
): Evidence {
	const { rng } = ctx;
	const remediationStatus = rng.pick(REMEDIATION);
	return {
		'@odata.type': `${NS}${type}`,
		createdDateTime: ctx.time,
		verdict: rng.pick(VERDICTS),
		remediationStatus,
		remediationStatusDetails:
			remediationStatus === 'none' ? null : 'Remediated by automated investigation',
		roles,
		detailedRoles,
		tags: rng.chance(0.1) ? ['Test Machine'] : [],
	};
}

export function makeFile(rng: Prng, user: UserRef): FileInfo {
	const f = rng.pick(FILES);
	return {
		fileName: f.name,
		filePath: f.path.replace('{user}', user.accountName),
		filePublisher: f.publisher,
		fileSize: f.size,
		sha1: rng.hex(40),
		sha256: rng.hex(64),
		md5: rng.hex(32),
	};
}

function fileDetails(file: FileInfo): Record<string, unknown> {
	return { ...file, issuer: null, signer: file.filePublisher, sha256Ac: null };
}

function userAccount(user: UserRef, tenantId: string): Record<string, unknown> {
	return {
		accountName: user.accountName,
		domainName: user.domainName,
		userSid: user.userSid,
		azureAdUserId: user.azureAdUserId,
		userPrincipalName: user.userPrincipalName,
		displayName: user.displayName,
		activeDirectoryObjectGuid: null,
		tenantId,
		resourceAccessEvents: [],
	};
}

function ip(ctx: EvidenceContext, address = docIp(ctx.rng)): Evidence {
	const c = ctx.rng.pick(COUNTRIES);
	return {
		...base(ctx, 'ipEvidence', ['attacker'], ['Source IP']),
		ipAddress: address,
		countryLetterCode: c.code,
		location: {
			city: c.city,
			countryName: c.name,
			latitude: c.lat,
			longitude: c.lon,
			state: c.state,
		},
		stream: null,
	};
}

function url(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'urlEvidence', ['commandAndControl']),
		url: `https://${ctx.rng.pick(BAD_HOSTS)}/${ctx.rng.hex(8)}/login.php`,
	};
}

function file(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'fileEvidence', ['created'], ['Referred in command line']),
		fileDetails: fileDetails(ctx.file),
		detectionStatus: ctx.rng.pick(['detected', 'blocked', 'prevented']),
		mdeDeviceId: ctx.device.id,
	};
}

function process(ctx: EvidenceContext): Evidence {
	const { rng } = ctx;
	const p = rng.pick(PROCESSES);
	const parent = rng.pick(PARENT_PROCESSES);
	return {
		...base(ctx, 'processEvidence', ['suspicious']),
		processId: rng.int(1000, 30000),
		parentProcessId: rng.int(400, 9000),
		processCommandLine: p.cmd,
		processCreationDateTime: ctx.time,
		parentProcessCreationDateTime: ctx.time,
		detectionStatus: rng.pick(['detected', 'blocked']),
		mdeDeviceId: ctx.device.id,
		imageFile: { ...fileDetails(ctx.file), fileName: p.name, filePath: p.path },
		parentProcessImageFile: {
			fileName: parent.name,
			filePath: parent.path,
			filePublisher: 'Microsoft Corporation',
			fileSize: rng.int(100000, 5000000),
			sha1: rng.hex(40),
			sha256: rng.hex(64),
			md5: rng.hex(32),
			issuer: null,
			signer: 'Microsoft Windows',
			sha256Ac: null,
		},
		userAccount: userAccount(ctx.user, ctx.tenantId),
	};
}

function device(ctx: EvidenceContext): Evidence {
	const d = ctx.device;
	return {
		...base(ctx, 'deviceEvidence', ['compromised'], ['Main device']),
		firstSeenDateTime: d.firstSeen,
		mdeDeviceId: d.id,
		azureAdDeviceId: d.aadDeviceId,
		deviceDnsName: d.computerDnsName,
		hostName: d.computerDnsName.split('.')[0],
		ntDomain: ctx.user.domainName,
		dnsDomain: d.computerDnsName.split('.').slice(1).join('.'),
		osPlatform: d.osPlatform,
		osBuild: d.osBuild,
		version: d.version,
		healthStatus: d.healthStatus.charAt(0).toLowerCase() + d.healthStatus.slice(1),
		riskScore: d.riskScore.toLowerCase(),
		rbacGroupId: d.rbacGroupId,
		rbacGroupName: d.rbacGroupName,
		onboardingStatus: 'onboarded',
		defenderAvStatus: ctx.rng.pick(['updated', 'notUpdated', 'disabled', 'unknown']),
		ipInterfaces: d.ipAddresses.map((i) => i.ipAddress),
		lastIpAddress: d.lastIpAddress,
		lastExternalIpAddress: d.lastExternalIpAddress,
		loggedOnUsers: [{ accountName: ctx.user.accountName, domainName: ctx.user.domainName }],
		vmMetadata: null,
		resourceAccessEvents: [],
	};
}

function user(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'userEvidence', ['compromised']),
		userAccount: userAccount(ctx.user, ctx.tenantId),
		stream: null,
	};
}

function mailbox(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'mailboxEvidence', ['destination']),
		displayName: ctx.user.displayName,
		primaryAddress: ctx.user.email,
		upn: ctx.user.userPrincipalName,
		userAccount: userAccount(ctx.user, ctx.tenantId),
	};
}

function analyzedMessage(ctx: EvidenceContext): Evidence {
	const { rng } = ctx;
	const host = rng.pick(BAD_HOSTS);
	return {
		...base(ctx, 'analyzedMessageEvidence', ['contextual']),
		networkMessageId: rng.guid(),
		internetMessageId: `<${rng.hex(24)}@${host}>`,
		subject: rng.pick([
			'Invoice overdue - action required',
			'Your mailbox is almost full',
			'Shared document: Q3 payroll',
		]),
		senderIp: docIp(rng),
		recipientEmailAddress: ctx.user.email,
		p1Sender: {
			displayName: 'Accounts Payable',
			domainName: host,
			emailAddress: `billing@${host}`,
		},
		p2Sender: {
			displayName: 'Accounts Payable',
			domainName: host,
			emailAddress: `billing@${host}`,
		},
		receivedDateTime: ctx.time,
		deliveryAction: rng.pick(['delivered', 'blocked', 'junked']),
		deliveryLocation: rng.pick(['inbox', 'junkFolder', 'quarantine']),
		antiSpamDirection: 'Inbound',
		language: 'en',
		attachmentsCount: rng.int(0, 2),
		urlCount: 1,
		urls: [`https://${host}/${rng.hex(6)}`],
		threats: ['Phish'],
		threatDetectionMethods: ['URL detonation reputation'],
		urn: `urn:MailEntity:${rng.hex(32)}`,
	};
}

function mailCluster(ctx: EvidenceContext): Evidence {
	const { rng } = ctx;
	return {
		...base(ctx, 'mailClusterEvidence', ['contextual']),
		clusterBy: 'Subject;SenderIp',
		clusterByValue: `Invoice overdue - action required;${docIp(rng)}`,
		emailCount: rng.int(2, 250),
		networkMessageIds: [rng.guid(), rng.guid()],
		query: '(Subject:"Invoice overdue - action required")',
		urn: `urn:MailClusterEntity:${rng.hex(32)}`,
	};
}

function cloudApplication(ctx: EvidenceContext): Evidence {
	const app = ctx.rng.pick(CLOUD_APPS);
	return {
		...base(ctx, 'cloudApplicationEvidence', ['contextual']),
		appId: app.appId,
		displayName: app.name,
		instanceId: 0,
		instanceName: app.name,
		saasAppId: app.saas,
		stream: null,
	};
}

function oauthApplication(ctx: EvidenceContext): Evidence {
	const app = ctx.rng.pick(OAUTH_APPS);
	return {
		...base(ctx, 'oauthApplicationEvidence', ['suspicious']),
		appId: ctx.rng.guid(),
		displayName: app.name,
		objectId: ctx.rng.guid(),
		publisher: app.publisher,
	};
}

function registryKey(ctx: EvidenceContext): Evidence {
	const r = ctx.rng.pick(REGISTRY_KEYS);
	return {
		...base(ctx, 'registryKeyEvidence', ['edited']),
		registryHive: r.hive,
		registryKey: r.key,
	};
}

function registryValue(ctx: EvidenceContext): Evidence {
	const r = ctx.rng.pick(REGISTRY_KEYS);
	return {
		...base(ctx, 'registryValueEvidence', ['edited']),
		registryHive: r.hive,
		registryKey: r.key,
		registryValue: r.value,
		registryValueName: r.name,
		registryValueType: r.type,
		mdeDeviceId: ctx.device.id,
	};
}

function securityGroup(ctx: EvidenceContext): Evidence {
	const name = ctx.rng.pick(['Domain Admins', 'Enterprise Admins', 'Backup Operators']);
	return {
		...base(ctx, 'securityGroupEvidence', ['edited']),
		securityGroupId: ctx.rng.guid(),
		displayName: name,
		sid: `S-1-5-21-${ctx.rng.digits(10)}-${ctx.rng.digits(10)}-512`,
		activeDirectoryObjectGuid: ctx.rng.guid(),
		distinguishedName: `CN=${name},CN=Users,DC=contoso,DC=com`,
		friendlyName: name,
	};
}

function dns(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'dnsEvidence', ['contextual']),
		domainName: ctx.rng.pick(BAD_HOSTS),
		dnsServerIp: ip(ctx, '192.0.2.53'),
		hostIpAddress: ip(ctx, ctx.device.lastIpAddress),
		ipAddresses: [ip(ctx)],
	};
}

function networkConnection(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'networkConnectionEvidence', ['commandAndControl']),
		sourceAddress: ip(ctx, ctx.device.lastIpAddress),
		destinationAddress: ip(ctx),
		sourcePort: ctx.rng.int(49152, 65535),
		destinationPort: ctx.rng.pick([443, 80, 8443, 4444]),
		protocol: ctx.rng.pick(['tcp', 'udp']),
	};
}

function fileHash(ctx: EvidenceContext): Evidence {
	const algorithm = ctx.rng.pick(['sha1', 'sha256', 'md5']);
	const value =
		algorithm === 'sha1' ? ctx.file.sha1 : algorithm === 'sha256' ? ctx.file.sha256 : ctx.file.md5;
	return { ...base(ctx, 'fileHashEvidence', ['contextual']), algorithm, value };
}

function malware(ctx: EvidenceContext): Evidence {
	const m = ctx.rng.pick(MALWARE);
	return {
		...base(ctx, 'malwareEvidence', ['contextual']),
		name: m.name,
		category: m.category,
		files: [file(ctx)],
		processes: [],
	};
}

function mailboxConfiguration(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'mailboxConfigurationEvidence', ['edited']),
		configurationId: ctx.rng.guid(),
		configurationType: ctx.rng.pick(['mailForwardingRule', 'userInboxRule', 'mailDelegation']),
		displayName: 'Forward to external',
		externalDirectoryObjectId: ctx.user.azureAdUserId,
		mailboxPrimaryAddress: ctx.user.email,
		upn: ctx.user.userPrincipalName,
	};
}

function submissionMail(ctx: EvidenceContext): Evidence {
	const host = ctx.rng.pick(BAD_HOSTS);
	return {
		...base(ctx, 'submissionMailEvidence', ['contextual']),
		submissionId: ctx.rng.guid(),
		submissionDateTime: ctx.time,
		submitter: ctx.user.email,
		sender: `billing@${host}`,
		senderIp: docIp(ctx.rng),
		recipient: ctx.user.email,
		subject: 'Invoice overdue - action required',
		reportType: 'Phish',
		networkMessageId: ctx.rng.guid(),
	};
}

function teamsMessage(ctx: EvidenceContext): Evidence {
	const host = ctx.rng.pick(BAD_HOSTS);
	return {
		...base(ctx, 'teamsMessageEvidence', ['contextual']),
		messageId: String(ctx.rng.digits(13)),
		subject: null,
		senderFromAddress: `helpdesk@${host}`,
		senderIP: docIp(ctx.rng),
		recipients: [ctx.user.email],
		urls: [url(ctx)],
		files: [],
		deliveryAction: 'delivered',
		deliveryLocation: 'teams',
		channelId: null,
		campaignId: null,
		isExternal: true,
		isOwned: false,
		messageDirection: 'inbound',
		owningTenantId: ctx.tenantId,
		parentMessageId: null,
		lastModifiedDateTime: ctx.time,
		threadType: 'chat',
		threadId: `19:${ctx.rng.hex(32)}@thread.v2`,
	};
}

function hostLogonSession(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'hostLogonSessionEvidence', ['contextual']),
		account: user(ctx),
		host: device(ctx),
		sessionId: `0x${ctx.rng.hex(8)}`,
		startUtcDateTime: ctx.time,
		endUtcDateTime: null,
	};
}

function cloudLogonSession(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'cloudLogonSessionEvidence', ['contextual']),
		account: user(ctx),
		browser: 'Edge 126.0.0',
		deviceName: ctx.device.computerDnsName,
		operatingSystem: 'Windows 11',
		previousLogonDateTime: ctx.time,
		protocol: 'OAuth2',
		sessionId: ctx.rng.guid(),
		startUtcDateTime: ctx.time,
		userAgent:
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
	};
}

function cloudLogonRequest(ctx: EvidenceContext): Evidence {
	return { ...base(ctx, 'cloudLogonRequestEvidence', ['contextual']), requestId: ctx.rng.guid() };
}

function servicePrincipal(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'servicePrincipalEvidence', ['suspicious']),
		appId: ctx.rng.guid(),
		appOwnerTenantId: ctx.tenantId,
		servicePrincipalName: ctx.rng.pick(OAUTH_APPS).name,
		servicePrincipalObjectId: ctx.rng.guid(),
		servicePrincipalType: ctx.rng.pick(['application', 'managedIdentity']),
		tenantId: ctx.tenantId,
	};
}

function azureResourceFields(
	ctx: EvidenceContext,
	type: string,
	name: string,
): Record<string, unknown> {
	const sub = ctx.rng.guid();
	return {
		resourceId: `/subscriptions/${sub}/resourceGroups/rg-contoso-prod/providers/${type}/${name}`,
		resourceName: name,
		resourceType: type.split('/').slice(-1)[0],
	};
}

function azureResource(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'azureResourceEvidence', ['attacked']),
		...azureResourceFields(
			ctx,
			'Microsoft.Compute/virtualMachines',
			`vm-contoso-${ctx.rng.int(1, 40)}`,
		),
	};
}

function amazonResource(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'amazonResourceEvidence', ['attacked']),
		amazonAccountId: ctx.rng.digits(12),
		amazonResourceId: `i-${ctx.rng.hex(17)}`,
		resourceName: `ec2-fabrikam-${ctx.rng.int(1, 40)}`,
		resourceType: 'EC2 Instance',
	};
}

function googleCloudResource(ctx: EvidenceContext): Evidence {
	const project = `woodgrove-prod-${ctx.rng.int(100, 999)}`;
	return {
		...base(ctx, 'googleCloudResourceEvidence', ['attacked']),
		fullResourceName: `//compute.googleapis.com/projects/${project}/zones/europe-west1-b/instances/gce-${ctx.rng.int(1, 40)}`,
		location: 'europe-west1-b',
		locationType: 'zonal',
		projectId: project,
		projectNumber: Number(ctx.rng.digits(12)),
		resourceName: `gce-${ctx.rng.int(1, 40)}`,
		resourceType: 'Virtual Machine',
	};
}

function blobContainer(ctx: EvidenceContext): Evidence {
	const account = `stcontoso${ctx.rng.int(1, 9)}`;
	return {
		...base(ctx, 'blobContainerEvidence', ['attacked']),
		name: 'backups',
		storageResource: azureResource(ctx),
		url: `https://${account}.blob.core.windows.net/backups`,
	};
}

function blob(ctx: EvidenceContext): Evidence {
	const container = blobContainer(ctx);
	return {
		...base(ctx, 'blobEvidence', ['attacked']),
		blobContainer: container,
		etag: `0x${ctx.rng.hex(15).toUpperCase()}`,
		fileHashes: [{ algorithm: 'md5', value: ctx.file.md5 }],
		name: 'db-export.bak',
		url: `${String(container.url)}/db-export.bak`,
	};
}

function sasToken(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'sasTokenEvidence', ['contextual']),
		allowedIpAddresses: '0.0.0.0-255.255.255.255',
		allowedResourceTypes: ['container', 'object'],
		allowedServices: ['blob'],
		expiryDateTime: '2099-01-01T00:00:00Z',
		permissions: ['read', 'list'],
		protocol: 'https',
		signatureHash: ctx.rng.hex(64),
		signedWith: 'key1',
		startDateTime: ctx.time,
		storageResource: azureResource(ctx),
	};
}

function containerRegistry(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'containerRegistryEvidence', ['contextual']),
		registry: 'contosoacr.azurecr.io',
	};
}

function containerImage(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'containerImageEvidence', ['contextual']),
		digestImage: null,
		imageId: `contosoacr.azurecr.io/payments-api@sha256:${ctx.rng.hex(64)}`,
		registry: containerRegistry(ctx),
	};
}

function k8sNamespace(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesNamespaceEvidence', ['contextual']),
		cluster: k8sCluster(ctx),
		labels: {},
		name: 'payments',
	};
}

function k8sCluster(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesClusterEvidence', ['contextual']),
		cloudResource: azureResource(ctx),
		distribution: 'AKS',
		name: 'aks-contoso-prod',
		platform: 'aks',
		version: '1.29.4',
	};
}

function k8sPod(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesPodEvidence', ['attacked']),
		containers: [],
		controller: null,
		ephemeralContainers: [],
		initContainers: [],
		labels: { app: 'payments-api' },
		name: `payments-api-${ctx.rng.hex(10)}-${ctx.rng.hex(5)}`,
		namespace: { '@odata.type': `${NS}kubernetesNamespaceEvidence`, name: 'payments' },
		podIp: ip(ctx, privateIp(ctx.rng)),
		serviceAccount: null,
	};
}

function container(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'containerEvidence', ['attacked']),
		args: ['--config', '/etc/app/config.yaml'],
		command: ['/bin/sh', '-c'],
		containerId: ctx.rng.hex(64),
		image: containerImage(ctx),
		isPrivileged: true,
		name: 'payments-api',
		pod: k8sPod(ctx),
	};
}

function k8sController(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesControllerEvidence', ['contextual']),
		labels: { app: 'payments-api' },
		name: 'payments-api',
		namespace: { '@odata.type': `${NS}kubernetesNamespaceEvidence`, name: 'payments' },
		type: 'Deployment',
	};
}

function k8sSecret(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesSecretEvidence', ['attacked']),
		name: 'db-credentials',
		namespace: { '@odata.type': `${NS}kubernetesNamespaceEvidence`, name: 'payments' },
		secretType: 'Opaque',
	};
}

function k8sService(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesServiceEvidence', ['contextual']),
		clusterIP: ip(ctx, privateIp(ctx.rng)),
		externalIPs: [ip(ctx)],
		labels: { app: 'payments-api' },
		name: 'payments-api',
		namespace: { '@odata.type': `${NS}kubernetesNamespaceEvidence`, name: 'payments' },
		selector: { app: 'payments-api' },
		servicePorts: [
			{
				appProtocol: 'https',
				name: 'https',
				nodePort: 0,
				port: 443,
				protocol: 'tcp',
				targetPort: '8443',
			},
		],
		serviceType: 'loadBalancer',
	};
}

function k8sServiceAccount(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'kubernetesServiceAccountEvidence', ['contextual']),
		name: 'default',
		namespace: { '@odata.type': `${NS}kubernetesNamespaceEvidence`, name: 'payments' },
	};
}

function ioTDevice(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'ioTDeviceEvidence', ['attacked']),
		deviceId: ctx.rng.hex(40),
		deviceName: `plc-line-${ctx.rng.int(1, 12)}`,
		deviceType: 'PLC',
		deviceSubType: 'Controller',
		importance: ctx.rng.pick(['low', 'normal', 'high']),
		ipAddress: ip(ctx, privateIp(ctx.rng)),
		isAuthorized: true,
		isProgramming: false,
		isScanner: false,
		macAddress: macAddress(ctx.rng),
		manufacturer: 'Fabrikam Industrial',
		model: 'FX-2000',
		nics: [],
		operatingSystem: 'Embedded',
		owners: [],
		protocols: ['Modbus', 'EtherNet/IP'],
		purdueLayer: 'Level 1',
		sensor: 'ot-sensor-01',
		serialNumber: ctx.rng.hex(12).toUpperCase(),
		site: 'Redmond plant',
		source: 'microsoftDefenderForIoT',
		sourceRef: null,
		zone: 'Production',
		ioTHub: null,
		ioTSecurityAgentId: null,
		devicePageLink: null,
	};
}

function nic(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'nicEvidence', ['contextual']),
		ipAddress: ip(ctx, privateIp(ctx.rng)),
		macAddress: macAddress(ctx.rng),
		vlans: ['100'],
	};
}

function activeDirectoryDomain(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'activeDirectoryDomainEvidence', ['attacked']),
		activeDirectoryDomainName: 'contoso.com',
	};
}

function gitHubOrganization(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'gitHubOrganizationEvidence', ['contextual']),
		company: 'Contoso',
		displayName: 'Contoso Engineering',
		email: 'opensource@contoso.com',
		login: 'contoso-eng',
		orgId: ctx.rng.digits(8),
		webUrl: 'https://github.com/contoso-eng',
	};
}

function gitHubRepo(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'gitHubRepoEvidence', ['attacked']),
		baseUrl: 'https://github.com/contoso-eng/payments-api',
		login: 'payments-api',
		owner: 'contoso-eng',
		ownerType: 'Organization',
		repoId: ctx.rng.digits(9),
	};
}

function gitHubUser(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'gitHubUserEvidence', ['suspicious']),
		email: ctx.user.email,
		login: ctx.user.accountName,
		name: ctx.user.displayName,
		userId: ctx.rng.digits(8),
		webUrl: `https://github.com/${ctx.user.accountName}`,
	};
}

function aiAgent(ctx: EvidenceContext): Evidence {
	return {
		...base(ctx, 'aiAgentEvidence', ['attacked']),
		agentId: ctx.rng.guid(),
		agentName: ctx.rng.pick([
			'HR Benefits Assistant',
			'IT Helpdesk Copilot',
			'Sales Insights Agent',
		]),
		hostingPlatformType: ctx.rng.pick(['copilotStudio', 'azureAIFoundry']),
		instructions: 'Answer employee questions using the HR knowledge base only.',
		createdBy: ctx.user.userPrincipalName,
	};
}

/** Every evidence subtype the generator emits, keyed by its `@odata.type` name. */
export const EVIDENCE_BUILDERS: Record<string, (ctx: EvidenceContext) => Evidence> = {
	ipEvidence: (ctx) => ip(ctx),
	urlEvidence: url,
	fileEvidence: file,
	processEvidence: process,
	deviceEvidence: device,
	userEvidence: user,
	mailboxEvidence: mailbox,
	analyzedMessageEvidence: analyzedMessage,
	mailClusterEvidence: mailCluster,
	cloudApplicationEvidence: cloudApplication,
	oauthApplicationEvidence: oauthApplication,
	registryKeyEvidence: registryKey,
	registryValueEvidence: registryValue,
	securityGroupEvidence: securityGroup,
	dnsEvidence: dns,
	networkConnectionEvidence: networkConnection,
	fileHashEvidence: fileHash,
	malwareEvidence: malware,
	mailboxConfigurationEvidence: mailboxConfiguration,
	submissionMailEvidence: submissionMail,
	teamsMessageEvidence: teamsMessage,
	hostLogonSessionEvidence: hostLogonSession,
	cloudLogonSessionEvidence: cloudLogonSession,
	cloudLogonRequestEvidence: cloudLogonRequest,
	servicePrincipalEvidence: servicePrincipal,
	azureResourceEvidence: azureResource,
	amazonResourceEvidence: amazonResource,
	googleCloudResourceEvidence: googleCloudResource,
	blobEvidence: blob,
	blobContainerEvidence: blobContainer,
	sasTokenEvidence: sasToken,
	containerEvidence: container,
	containerImageEvidence: containerImage,
	containerRegistryEvidence: containerRegistry,
	kubernetesClusterEvidence: k8sCluster,
	kubernetesControllerEvidence: k8sController,
	kubernetesNamespaceEvidence: k8sNamespace,
	kubernetesPodEvidence: k8sPod,
	kubernetesSecretEvidence: k8sSecret,
	kubernetesServiceEvidence: k8sService,
	kubernetesServiceAccountEvidence: k8sServiceAccount,
	ioTDeviceEvidence: ioTDevice,
	nicEvidence: nic,
	activeDirectoryDomainEvidence: activeDirectoryDomain,
	gitHubOrganizationEvidence: gitHubOrganization,
	gitHubRepoEvidence: gitHubRepo,
	gitHubUserEvidence: gitHubUser,
	aiAgentEvidence: aiAgent,
};

export const EVIDENCE_TYPES = Object.keys(EVIDENCE_BUILDERS);

/** Evidence a product typically attaches (the main device/user are added separately). */
export const EVIDENCE_BY_SOURCE: Record<string, string[]> = {
	microsoftDefenderForEndpoint: [
		'fileEvidence',
		'processEvidence',
		'registryKeyEvidence',
		'registryValueEvidence',
		'ipEvidence',
		'urlEvidence',
		'fileHashEvidence',
		'malwareEvidence',
		'networkConnectionEvidence',
		'dnsEvidence',
		'hostLogonSessionEvidence',
	],
	microsoftDefenderForIdentity: [
		'securityGroupEvidence',
		'ipEvidence',
		'activeDirectoryDomainEvidence',
		'hostLogonSessionEvidence',
		'deviceEvidence',
	],
	microsoftDefenderForCloudApps: [
		'cloudApplicationEvidence',
		'oauthApplicationEvidence',
		'ipEvidence',
		'cloudLogonSessionEvidence',
		'cloudLogonRequestEvidence',
		'mailboxConfigurationEvidence',
	],
	microsoftDefenderForOffice365: [
		'mailboxEvidence',
		'analyzedMessageEvidence',
		'mailClusterEvidence',
		'urlEvidence',
		'fileEvidence',
		'submissionMailEvidence',
		'teamsMessageEvidence',
		'mailboxConfigurationEvidence',
	],
	microsoft365Defender: [
		'fileEvidence',
		'processEvidence',
		'mailboxEvidence',
		'analyzedMessageEvidence',
		'urlEvidence',
		'ipEvidence',
		'cloudLogonSessionEvidence',
	],
	azureAdIdentityProtection: [
		'ipEvidence',
		'cloudLogonSessionEvidence',
		'cloudLogonRequestEvidence',
	],
	microsoftAppGovernance: [
		'oauthApplicationEvidence',
		'servicePrincipalEvidence',
		'cloudApplicationEvidence',
	],
	dataLossPrevention: [
		'fileEvidence',
		'mailboxEvidence',
		'urlEvidence',
		'cloudApplicationEvidence',
	],
	microsoftDefenderForCloud: [
		'azureResourceEvidence',
		'amazonResourceEvidence',
		'googleCloudResourceEvidence',
		'blobEvidence',
		'blobContainerEvidence',
		'sasTokenEvidence',
		'containerEvidence',
		'containerImageEvidence',
		'containerRegistryEvidence',
		'kubernetesClusterEvidence',
		'kubernetesControllerEvidence',
		'kubernetesNamespaceEvidence',
		'kubernetesPodEvidence',
		'kubernetesSecretEvidence',
		'kubernetesServiceEvidence',
		'kubernetesServiceAccountEvidence',
		'ioTDeviceEvidence',
		'nicEvidence',
		'ipEvidence',
	],
	microsoftSentinel: [
		'ipEvidence',
		'urlEvidence',
		'deviceEvidence',
		'azureResourceEvidence',
		'dnsEvidence',
		'networkConnectionEvidence',
	],
	microsoftInsiderRiskManagement: ['fileEvidence', 'cloudApplicationEvidence', 'urlEvidence'],
	microsoftThreatIntelligence: ['ipEvidence', 'urlEvidence', 'fileHashEvidence', 'dnsEvidence'],
	microsoftSecurityForAI: [
		'aiAgentEvidence',
		'cloudApplicationEvidence',
		'urlEvidence',
		'gitHubOrganizationEvidence',
		'gitHubRepoEvidence',
		'gitHubUserEvidence',
	],
	unknown: ['ipEvidence'],
};

/** Sources whose alerts are about a device (they get a deviceEvidence for the main device). */
export const DEVICE_SOURCES = new Set([
	'microsoftDefenderForEndpoint',
	'microsoftDefenderForIdentity',
	'microsoft365Defender',
	'microsoftSentinel',
]);

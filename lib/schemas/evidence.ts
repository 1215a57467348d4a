/**
 * Alert evidence (graph-api.md §2.3): a polymorphic collection told apart by `@odata.type`. Each
 * known type is its base fields plus its own, all optional; anything else (new types, or a known
 * type whose fields do not fit) is kept as generic evidence with every field passed through.
 */

import { z } from 'zod';

import { optBoolean, optInteger, optObject, optText, optTexts, optUnknownList } from './common';

const PREFIX = '#microsoft.graph.security.';

const baseEvidenceFields = {
	createdDateTime: optText,
	detailedRoles: optTexts,
	remediationStatus: optText,
	remediationStatusDetails: optText,
	roles: optTexts,
	tags: optTexts,
	verdict: optText,
};

export const fileDetailsSchema = z
	.object({
		fileName: optText,
		filePath: optText,
		filePublisher: optText,
		fileSize: optInteger,
		issuer: optText,
		md5: optText,
		sha1: optText,
		sha256: optText,
		sha256Ac: optText,
		signer: optText,
	})
	.passthrough();

export const userAccountSchema = z
	.object({
		accountName: optText,
		domainName: optText,
		userSid: optText,
		azureAdUserId: optText,
		userPrincipalName: optText,
		displayName: optText,
		activeDirectoryObjectGuid: optText,
		tenantId: optText,
		resourceAccessEvents: optUnknownList,
	})
	.passthrough();

const geoLocationSchema = z
	.object({
		city: optText,
		countryName: optText,
		latitude: z.number().nullish(),
		longitude: z.number().nullish(),
		state: optText,
	})
	.passthrough();

const emailSenderSchema = z
	.object({ displayName: optText, domainName: optText, emailAddress: optText })
	.passthrough();

const streamSchema = z.object({ name: optText }).passthrough().nullish();

/** An evidence type: base fields, its own fields, and the literal `@odata.type`. */
function evidence<Name extends string, Shape extends z.ZodRawShape>(name: Name, shape: Shape) {
	return z
		.object({
			'@odata.type': z.literal(`${PREFIX}${name}` as `#microsoft.graph.security.${Name}`),
			...baseEvidenceFields,
			...shape,
		})
		.passthrough();
}

const ipFields = {
	ipAddress: optText,
	countryLetterCode: optText,
	location: geoLocationSchema.nullish(),
	stream: streamSchema,
};

export const ipEvidenceSchema = evidence('ipEvidence', ipFields);
// Nested IP evidence (dns, network connections) may omit its own @odata.type.
const nestedIpEvidence = z.object({ ...baseEvidenceFields, ...ipFields }).passthrough();
const nestedFileEvidence = z
	.object({
		...baseEvidenceFields,
		fileDetails: fileDetailsSchema.nullish(),
		detectionStatus: optText,
		mdeDeviceId: optText,
	})
	.passthrough();

export const urlEvidenceSchema = evidence('urlEvidence', { url: optText });

export const fileEvidenceSchema = evidence('fileEvidence', {
	fileDetails: fileDetailsSchema.nullish(),
	detectionStatus: optText,
	mdeDeviceId: optText,
});

const processFields = {
	processId: optInteger,
	processCommandLine: optText,
	processCreationDateTime: optText,
	parentProcessId: optInteger,
	parentProcessCreationDateTime: optText,
	imageFile: fileDetailsSchema.nullish(),
	parentProcessImageFile: fileDetailsSchema.nullish(),
	userAccount: userAccountSchema.nullish(),
	detectionStatus: optText,
	mdeDeviceId: optText,
};
export const processEvidenceSchema = evidence('processEvidence', processFields);

export const deviceEvidenceSchema = evidence('deviceEvidence', {
	mdeDeviceId: optText,
	azureAdDeviceId: optText,
	deviceDnsName: optText,
	hostName: optText,
	ntDomain: optText,
	dnsDomain: optText,
	osPlatform: optText,
	osBuild: optInteger,
	version: optText,
	healthStatus: optText,
	riskScore: optText,
	rbacGroupId: optInteger,
	rbacGroupName: optText,
	onboardingStatus: optText,
	defenderAvStatus: optText,
	firstSeenDateTime: optText,
	ipInterfaces: optTexts,
	lastIpAddress: optText,
	lastExternalIpAddress: optText,
	loggedOnUsers: z
		.array(z.object({ accountName: optText, domainName: optText }).passthrough())
		.nullish(),
	vmMetadata: z
		.object({ vmId: optText, cloudProvider: optText, resourceId: optText, subscriptionId: optText })
		.passthrough()
		.nullish(),
	resourceAccessEvents: optUnknownList,
});

export const userEvidenceSchema = evidence('userEvidence', {
	userAccount: userAccountSchema.nullish(),
	stream: streamSchema,
});

export const mailboxEvidenceSchema = evidence('mailboxEvidence', {
	displayName: optText,
	primaryAddress: optText,
	upn: optText,
	userAccount: userAccountSchema.nullish(),
});

export const analyzedMessageEvidenceSchema = evidence('analyzedMessageEvidence', {
	networkMessageId: optText,
	internetMessageId: optText,
	subject: optText,
	senderIp: optText,
	recipientEmailAddress: optText,
	p1Sender: emailSenderSchema.nullish(),
	p2Sender: emailSenderSchema.nullish(),
	receivedDateTime: optText,
	deliveryAction: optText,
	deliveryLocation: optText,
	antiSpamDirection: optText,
	language: optText,
	attachmentsCount: optInteger,
	urlCount: optInteger,
	urls: optTexts,
	threats: optTexts,
	threatDetectionMethods: optTexts,
	urn: optText,
});

export const mailClusterEvidenceSchema = evidence('mailClusterEvidence', {
	clusterBy: optText,
	clusterByValue: optText,
	emailCount: optInteger,
	networkMessageIds: optTexts,
	query: optText,
	urn: optText,
});

export const cloudApplicationEvidenceSchema = evidence('cloudApplicationEvidence', {
	appId: optInteger,
	displayName: optText,
	instanceId: optInteger,
	instanceName: optText,
	saasAppId: optInteger,
	stream: streamSchema,
});

export const oauthApplicationEvidenceSchema = evidence('oauthApplicationEvidence', {
	appId: optText,
	displayName: optText,
	objectId: optText,
	publisher: optText,
});

export const registryKeyEvidenceSchema = evidence('registryKeyEvidence', {
	registryHive: optText,
	registryKey: optText,
});

export const registryValueEvidenceSchema = evidence('registryValueEvidence', {
	registryHive: optText,
	registryKey: optText,
	registryValue: optText,
	registryValueName: optText,
	registryValueType: optText,
	mdeDeviceId: optText,
});

export const securityGroupEvidenceSchema = evidence('securityGroupEvidence', {
	securityGroupId: optText,
	displayName: optText,
	sid: optText,
	activeDirectoryObjectGuid: optText,
	distinguishedName: optText,
	friendlyName: optText,
});

export const dnsEvidenceSchema = evidence('dnsEvidence', {
	domainName: optText,
	dnsServerIp: nestedIpEvidence.nullish(),
	hostIpAddress: nestedIpEvidence.nullish(),
	ipAddresses: z.array(nestedIpEvidence).nullish(),
});

export const networkConnectionEvidenceSchema = evidence('networkConnectionEvidence', {
	sourceAddress: nestedIpEvidence.nullish(),
	destinationAddress: nestedIpEvidence.nullish(),
	sourcePort: optInteger,
	destinationPort: optInteger,
	protocol: optText,
});

export const fileHashEvidenceSchema = evidence('fileHashEvidence', {
	algorithm: optText,
	value: optText,
});

export const malwareEvidenceSchema = evidence('malwareEvidence', {
	name: optText,
	category: optText,
	files: z.array(nestedFileEvidence).nullish(),
	processes: z.array(z.object({ ...baseEvidenceFields, ...processFields }).passthrough()).nullish(),
});

export const mailboxConfigurationEvidenceSchema = evidence('mailboxConfigurationEvidence', {
	configurationId: optText,
	configurationType: optText,
	displayName: optText,
	externalDirectoryObjectId: optText,
	mailboxPrimaryAddress: optText,
	upn: optText,
});

export const submissionMailEvidenceSchema = evidence('submissionMailEvidence', {
	submissionId: optText,
	submissionDateTime: optText,
	submitter: optText,
	sender: optText,
	senderIp: optText,
	recipient: optText,
	subject: optText,
	reportType: optText,
	networkMessageId: optText,
});

export const teamsMessageEvidenceSchema = evidence('teamsMessageEvidence', {
	messageId: optText,
	subject: optText,
	senderFromAddress: optText,
	senderIP: optText,
	recipients: optTexts,
	urls: optUnknownList,
	files: optUnknownList,
	deliveryAction: optText,
	deliveryLocation: optText,
});

export const hostLogonSessionEvidenceSchema = evidence('hostLogonSessionEvidence', {
	account: optObject,
	host: optObject,
	sessionId: optText,
	startUtcDateTime: optText,
	endUtcDateTime: optText,
});

export const cloudLogonSessionEvidenceSchema = evidence('cloudLogonSessionEvidence', {
	account: optObject,
	browser: optText,
	deviceName: optText,
	operatingSystem: optText,
	previousLogonDateTime: optText,
	protocol: optText,
	sessionId: optText,
	userAgent: optText,
});

export const cloudLogonRequestEvidenceSchema = evidence('cloudLogonRequestEvidence', {
	requestId: optText,
});

export const servicePrincipalEvidenceSchema = evidence('servicePrincipalEvidence', {
	appId: optText,
	appOwnerTenantId: optText,
	servicePrincipalName: optText,
	servicePrincipalObjectId: optText,
	servicePrincipalType: optText,
	tenantId: optText,
});

export const azureResourceEvidenceSchema = evidence('azureResourceEvidence', {
	resourceId: optText,
	resourceName: optText,
	resourceType: optText,
});

export const amazonResourceEvidenceSchema = evidence('amazonResourceEvidence', {
	amazonAccountId: optText,
	amazonResourceId: optText,
	resourceName: optText,
	resourceType: optText,
});

export const googleCloudResourceEvidenceSchema = evidence('googleCloudResourceEvidence', {
	projectId: optText,
	projectNumber: optInteger,
	location: optText,
	locationType: optText,
	resourceName: optText,
	resourceType: optText,
});

export const blobEvidenceSchema = evidence('blobEvidence', {
	name: optText,
	url: optText,
	etag: optText,
	fileHashes: optUnknownList,
	blobContainer: optObject,
});

export const blobContainerEvidenceSchema = evidence('blobContainerEvidence', {
	name: optText,
	url: optText,
	storageResource: optObject,
});

export const sasTokenEvidenceSchema = evidence('sasTokenEvidence', {
	allowedIpAddresses: optText,
	allowedResourceTypes: optTexts,
	allowedServices: optTexts,
	expiryDateTime: optText,
	permissions: optTexts,
	protocol: optText,
	signatureHash: optText,
	signedWith: optText,
	startDateTime: optText,
	storageResource: optObject,
	isBypassAllowed: optBoolean,
});

/** Evidence of a type we do not model, or one whose fields did not fit its model. */
export const genericEvidenceSchema = z
	.object({ '@odata.type': z.string().nullish(), ...baseEvidenceFields })
	.passthrough();

const knownEvidenceSchema = z.discriminatedUnion('@odata.type', [
	ipEvidenceSchema,
	urlEvidenceSchema,
	fileEvidenceSchema,
	processEvidenceSchema,
	deviceEvidenceSchema,
	userEvidenceSchema,
	mailboxEvidenceSchema,
	analyzedMessageEvidenceSchema,
	mailClusterEvidenceSchema,
	cloudApplicationEvidenceSchema,
	oauthApplicationEvidenceSchema,
	registryKeyEvidenceSchema,
	registryValueEvidenceSchema,
	securityGroupEvidenceSchema,
	dnsEvidenceSchema,
	networkConnectionEvidenceSchema,
	fileHashEvidenceSchema,
	malwareEvidenceSchema,
	mailboxConfigurationEvidenceSchema,
	submissionMailEvidenceSchema,
	teamsMessageEvidenceSchema,
	hostLogonSessionEvidenceSchema,
	cloudLogonSessionEvidenceSchema,
	cloudLogonRequestEvidenceSchema,
	servicePrincipalEvidenceSchema,
	azureResourceEvidenceSchema,
	amazonResourceEvidenceSchema,
	googleCloudResourceEvidenceSchema,
	blobEvidenceSchema,
	blobContainerEvidenceSchema,
	sasTokenEvidenceSchema,
]);

/**
 * Known types are looked up by `@odata.type` (no trial parsing). Unknown types, and known ones
 * whose fields do not fit, fall back to generic evidence; an object with malformed base fields is
 * still kept as it came.
 */
export const graphEvidenceSchema = z.union([
	knownEvidenceSchema,
	genericEvidenceSchema,
	z.object({}).passthrough(),
]);

/**
 * One entry of `alert.evidence`. Entries that are not even objects are kept as they came rather
 * than failing the whole page (a poisoned page would stall a poll forever).
 */
export const evidenceEntrySchema = z.union([
	graphEvidenceSchema,
	z.null(),
	z.string(),
	z.number(),
	z.boolean(),
	z.array(z.unknown()),
]);

export type GraphEvidence = z.infer<typeof graphEvidenceSchema>;
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;
export type FileDetails = z.infer<typeof fileDetailsSchema>;
export type UserAccount = z.infer<typeof userAccountSchema>;

import { z } from 'zod';

import { OBSERVABLE_TYPES } from './types';

/**
 * Strict schema of the default-profile record: the output contract. Used by tests and by
 * anyone who wants to check stored records; never on the normalization hot path.
 */

const text = z.string().min(1);
const nullableText = text.nullable();
const texts = z.array(text);

const tacticShortName = z.enum([
	'reconnaissance',
	'resource-development',
	'initial-access',
	'execution',
	'persistence',
	'privilege-escalation',
	'defense-evasion',
	'credential-access',
	'discovery',
	'lateral-movement',
	'collection',
	'command-and-control',
	'exfiltration',
	'impact',
]);

export const observableSchema = z
	.object({
		type: z.enum(OBSERVABLE_TYPES),
		value: text,
		hashType: z.enum(['sha256', 'sha1', 'md5', 'sha256ac']).optional(),
		userIdType: z.enum(['account', 'upn', 'sid', 'entraObjectId']).optional(),
		odataType: z.string().optional(),
		raw: z.record(z.unknown()).optional(),
		roles: texts,
		detailedRoles: texts,
		verdict: nullableText,
		verdicts: texts,
		remediationStatus: nullableText,
		remediationStatuses: texts,
		evidenceTypes: texts.min(1),
		tags: texts,
	})
	.strict()
	.superRefine((observable, ctx) => {
		// Type-specific fields appear on their own type and nowhere else.
		const onlyOn: Array<[keyof typeof observable, string]> = [
			['hashType', 'hash'],
			['userIdType', 'user'],
			['odataType', 'other'],
			['raw', 'other'],
		];
		for (const [field, type] of onlyOn) {
			if ((observable[field] !== undefined) !== (observable.type === type)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${field} is set on ${type} observables, and only on them`,
					path: [field],
				});
			}
		}
		if (observable.verdict !== null && !observable.verdicts.includes(observable.verdict)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'verdict must be one of verdicts',
				path: ['verdict'],
			});
		}
	});

export const assetSchema = z
	.object({
		hostname: nullableText,
		ipAddresses: texts,
		osPlatform: nullableText,
		osVersion: nullableText,
		osBuild: z.number().nullable(),
		mdeDeviceId: nullableText,
		azureAdDeviceId: nullableText,
		riskScore: nullableText,
		healthStatus: nullableText,
		onboardingStatus: nullableText,
		defenderAvStatus: nullableText,
		rbacGroupName: nullableText,
		firstSeenDateTime: nullableText,
		loggedOnUsers: texts,
		roles: texts,
		detailedRoles: texts,
		verdict: nullableText,
		tags: texts,
	})
	.strict();

export const ttpSchema = z
	.object({
		techniqueId: text,
		parentTechniqueId: z
			.string()
			.regex(/^T\d{4}$/)
			.optional(),
		techniqueName: text.optional(),
		tactics: z.array(tacticShortName),
	})
	.strict();

const commentSchema = z
	.object({ comment: text, createdBy: nullableText, createdDateTime: nullableText })
	.strict();

const extraDataSchema = z
	.object({
		source: z.literal('defender'),
		sourceType: z.enum(['alert', 'incident']),
		defenderAlertId: text.optional(),
		defenderIncidentId: text.optional(),
		tenantId: nullableText,
	})
	.strict();

export const normalizedRecordSchema = z
	.object({
		schemaVersion: z.literal(1),
		source: z.literal('defender'),
		sourceType: z.enum(['alert', 'incident']),
		sourceRef: text,
		fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
		title: text,
		description: text,
		descriptionIsFallback: z.boolean(),
		severity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
		severityLabel: nullableText,
		status: nullableText,
		mergedInto: nullableText,
		classification: nullableText,
		determination: nullableText,
		category: nullableText,
		categories: texts,
		serviceSource: nullableText,
		serviceSources: texts,
		detectionSource: nullableText,
		detectionSources: texts,
		productName: nullableText,
		detectorId: nullableText,
		threatDisplayName: nullableText,
		threatFamilyName: nullableText,
		actorDisplayName: nullableText,
		recommendedActions: nullableText,
		assignedTo: nullableText,
		createdDateTime: nullableText,
		lastUpdateDateTime: nullableText,
		firstActivityDateTime: nullableText,
		lastActivityDateTime: nullableText,
		resolvedDateTime: nullableText,
		alertWebUrl: nullableText,
		incidentWebUrl: nullableText,
		incidentId: nullableText,
		alertIds: texts,
		providerAlertId: nullableText,
		tenantId: nullableText,
		systemTags: texts,
		customTags: texts,
		comments: z.array(commentSchema),
		tlp: z.number().int().min(0).max(4),
		pap: z.number().int().min(0).max(3),
		tags: texts.min(2),
		observables: z.array(observableSchema),
		assets: z.array(assetSchema),
		ttps: z.array(ttpSchema),
		extraData: extraDataSchema,
		raw: z.unknown().optional(),
	})
	.strict()
	.superRefine((record, ctx) => {
		const wantsAlertId = record.sourceType === 'alert';
		if (wantsAlertId !== (record.extraData.defenderAlertId !== undefined)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'extraData.defenderAlertId is set on alert records only',
				path: ['extraData', 'defenderAlertId'],
			});
		}
		if (!wantsAlertId !== (record.extraData.defenderIncidentId !== undefined)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'extraData.defenderIncidentId is set on incident records only',
				path: ['extraData', 'defenderIncidentId'],
			});
		}
		if (record.extraData.sourceType !== record.sourceType) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'extraData.sourceType must equal sourceType',
				path: ['extraData', 'sourceType'],
			});
		}
	});

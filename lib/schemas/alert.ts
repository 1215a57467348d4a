import { z } from 'zod';

import { alertCommentSchema } from './comment';
import { optObject, optText, optTexts } from './common';
import { evidenceEntrySchema } from './evidence';

/**
 * `microsoft.graph.security.alert` (graph-api.md §2.1). Tolerant: only `id` is required, enum
 * fields are plain strings (new members pass), unknown fields are kept.
 */
export const graphAlertSchema = z
	.object({
		'@odata.type': optText,
		id: z.string(),
		providerAlertId: optText,
		incidentId: optText,
		status: optText,
		severity: optText,
		classification: optText,
		determination: optText,
		serviceSource: optText,
		detectionSource: optText,
		detectorId: optText,
		productName: optText,
		tenantId: optText,
		title: optText,
		description: optText,
		recommendedActions: optText,
		category: optText,
		categories: optTexts,
		assignedTo: optText,
		alertWebUrl: optText,
		incidentWebUrl: optText,
		actorDisplayName: optText,
		threatDisplayName: optText,
		threatFamilyName: optText,
		mitreTechniques: optTexts,
		createdDateTime: optText,
		lastUpdateDateTime: optText,
		resolvedDateTime: optText,
		firstActivityDateTime: optText,
		lastActivityDateTime: optText,
		comments: z.array(alertCommentSchema).nullish(),
		evidence: z.array(evidenceEntrySchema).nullish(),
		systemTags: optTexts,
		investigationState: optText,
		alertPolicyId: optText,
		additionalData: optObject,
		customDetails: optObject,
	})
	.passthrough();

export type GraphAlert = z.infer<typeof graphAlertSchema>;

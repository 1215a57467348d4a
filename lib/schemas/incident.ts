import { z } from 'zod';

import { graphAlertSchema } from './alert';
import { alertCommentSchema } from './comment';
import { optInteger, optText, optTexts } from './common';

/** `microsoft.graph.security.incident` (graph-api.md §3.3); `alerts` only with `$expand=alerts`. */
export const graphIncidentSchema = z
	.object({
		'@odata.type': optText,
		id: z.string(),
		displayName: optText,
		description: optText,
		summary: optText,
		status: optText,
		severity: optText,
		classification: optText,
		determination: optText,
		assignedTo: optText,
		customTags: optTexts,
		systemTags: optTexts,
		comments: z.array(alertCommentSchema).nullish(),
		createdDateTime: optText,
		lastUpdateDateTime: optText,
		lastModifiedBy: optText,
		redirectIncidentId: optText,
		resolvingComment: optText,
		priorityScore: optInteger,
		incidentWebUrl: optText,
		tenantId: optText,
		alerts: z.array(graphAlertSchema).nullish(),
	})
	.passthrough();

export type GraphIncident = z.infer<typeof graphIncidentSchema>;

import { z } from 'zod';

import { optText } from './common';

// graph-api.md §2.1 (alertComment), §4.2 (the comments action returns the whole list).
export const alertCommentSchema = z
	.object({
		comment: optText,
		createdByDisplayName: optText,
		createdDateTime: optText,
	})
	.passthrough();

export const commentListSchema = z
	.object({
		'@odata.context': z.string().optional(),
		value: z.array(alertCommentSchema),
	})
	.passthrough();

export type AlertComment = z.infer<typeof alertCommentSchema>;

import { z } from 'zod';

/** JSON `$batch` response (graph-api.md §7.3): responses may come in any order. */
export const batchResponseItemSchema = z
	.object({
		id: z.union([z.string(), z.number()]).transform(String),
		status: z.number(),
		headers: z.record(z.string()).nullish(),
		body: z.unknown().optional(),
	})
	.passthrough();

export const batchResponseSchema = z
	.object({
		responses: z.array(batchResponseItemSchema),
	})
	.passthrough();

export type BatchResponseItem = z.infer<typeof batchResponseItemSchema>;

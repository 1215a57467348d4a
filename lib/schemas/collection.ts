import { z } from 'zod';

/** An OData collection page: `{ '@odata.nextLink'?, '@odata.count'?, value: item[] }`. */
export function collectionSchema<Item extends z.ZodTypeAny>(item: Item) {
	return z
		.object({
			'@odata.context': z.string().nullish(),
			'@odata.nextLink': z.string().nullish(),
			'@odata.count': z.number().nullish(),
			value: z.array(item),
		})
		.passthrough();
}

export type Collection<Item> = {
	'@odata.context'?: string | null;
	'@odata.nextLink'?: string | null;
	'@odata.count'?: number | null;
	value: Item[];
};

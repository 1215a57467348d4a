/** Building blocks for tolerant Graph schemas: every field may be missing or null. */

import { z } from 'zod';

/** Text that Graph may omit or send as null. Enums are plain strings too, so new members pass. */
export const optText = z.string().nullish();
export const optTexts = z.array(z.string().nullable()).nullish();
/** Int32/Int64 properties: numbers, though some payloads carry large ones as strings. */
export const optInteger = z.union([z.number(), z.string()]).nullish();
export const optBoolean = z.boolean().nullish();
/** Open types (security.dictionary) and nested objects we do not model. */
export const optObject = z.record(z.unknown()).nullish();
export const optUnknownList = z.array(z.unknown()).nullish();

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, not shipped */
/**
 * Custom indicators (graph-api.md §8.3): submit/update (upsert by type and value), import of up
 * to 500, list of active indicators, delete and BatchDelete, with the 15,000 active cap.
 */
import { isIP } from 'node:net';

import { mdeList } from './list';
import { mdeBadRequest, mdeEntity, mdeNotFound, readMdeBody, unexpectedKeys } from './responses';
import { INDICATOR_SCHEMA } from './schemas';
import type { EmuContext } from '../context';
import type { Caller } from '../entra/bearer';
import type { MdeIndicator } from '../generator';
import { json, type EmuRequest, type EmuResponse } from '../http';
import { isActiveIndicator } from '../state';
import { canonicalTime, formatTicks } from '../time';

export const MAX_ACTIVE_INDICATORS = 15000;
export const MAX_BATCH = 500;

const TYPES = [
	'FileSha1',
	'FileSha256',
	'FileMd5',
	'CertificateThumbprint',
	'IpAddress',
	'DomainName',
	'Url',
];
const ACTIONS = [
	'Alert',
	'Warn',
	'Block',
	'Audit',
	'BlockAndRemediate',
	'AlertAndBlock',
	'Allowed',
];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
const FIELDS = [
	'indicatorValue',
	'indicatorType',
	'action',
	'title',
	'description',
	'expirationTime',
	'severity',
	'recommendedActions',
	'rbacGroupNames',
	'application',
	'educateUrl',
	'generateAlert',
];

interface Failure {
	code: string;
	message: string;
}

function validateValue(type: string, value: string): Failure | undefined {
	const hex = (n: number) => new RegExp(`^[0-9a-fA-F]{${n}}$`).test(value);
	switch (type) {
		case 'FileSha1':
		case 'CertificateThumbprint':
			return hex(40)
				? undefined
				: {
						code: 'InvalidHashValue',
						message: `'${value.slice(0, 100)}' is not a valid 40-character hexadecimal hash.`,
					};
		case 'FileSha256':
			return hex(64)
				? undefined
				: {
						code: 'InvalidHashValue',
						message: `'${value.slice(0, 100)}' is not a valid SHA-256 hash (64 hexadecimal characters).`,
					};
		case 'FileMd5':
			return hex(32)
				? undefined
				: {
						code: 'InvalidHashValue',
						message: `'${value.slice(0, 100)}' is not a valid MD5 hash (32 hexadecimal characters).`,
					};
		case 'IpAddress':
			// graph-api.md §8.3: "CIDR notation for IPs isn't supported".
			return isIP(value)
				? undefined
				: {
						code: 'InvalidIpAddress',
						message: `'${value.slice(0, 100)}' is not a valid IP address (CIDR ranges are not supported).`,
					};
		case 'DomainName':
			return /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value)
				? undefined
				: {
						code: 'InvalidDomainName',
						message: `'${value.slice(0, 100)}' is not a valid domain name.`,
					};
		default: {
			try {
				const url = new URL(value);
				return url.protocol === 'http:' || url.protocol === 'https:'
					? undefined
					: { code: 'InvalidUrl', message: 'The URL must use http or https.' };
			} catch {
				return { code: 'InvalidUrl', message: `'${value.slice(0, 100)}' is not a valid URL.` };
			}
		}
	}
}

/** Validates one indicator body; returns the normalised fields or the failure. */
function validateIndicator(
	body: Record<string, unknown>,
): { ok: true; fields: Record<string, unknown> } | { ok: false; failure: Failure } {
	const extra = Object.keys(body).find((k) => !FIELDS.includes(k));
	if (extra) {
		const same = FIELDS.find((f) => f.toLowerCase() === extra.toLowerCase());
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: `Unexpected parameter '${extra.slice(0, 100)}'.${same ? ` Parameter names are case-sensitive: use '${same}'.` : ''}`,
			},
		};
	}
	for (const required of ['indicatorValue', 'indicatorType', 'action', 'title', 'description']) {
		if (typeof body[required] !== 'string' || (body[required] as string).trim() === '') {
			return {
				ok: false,
				failure: {
					code: 'MissingRequiredParameter',
					message: `The parameter '${required}' is required and must be a non-empty string.`,
				},
			};
		}
	}
	const type = body.indicatorType as string;
	if (!TYPES.includes(type))
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: `indicatorType must be one of ${TYPES.join(', ')}.`,
			},
		};
	const action = body.action as string;
	if (!ACTIONS.includes(action))
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: `action must be one of ${ACTIONS.join(', ')}.`,
			},
		};
	if (body.severity !== undefined && !SEVERITIES.includes(body.severity as string)) {
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: `severity must be one of ${SEVERITIES.join(', ')}.`,
			},
		};
	}
	if (body.generateAlert !== undefined && typeof body.generateAlert !== 'boolean') {
		return {
			ok: false,
			failure: { code: 'InvalidRequestBody', message: 'generateAlert must be true or false.' },
		};
	}
	if (action === 'Audit' && body.generateAlert !== true) {
		// graph-api.md §8.3: "GenerateAlert must be set to TRUE when creating an action with Audit".
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: "generateAlert must be true when action is 'Audit'.",
			},
		};
	}
	let expirationTime: string | null = null;
	if (body.expirationTime !== undefined && body.expirationTime !== null) {
		const canonical =
			typeof body.expirationTime === 'string' ? canonicalTime(body.expirationTime) : undefined;
		if (!canonical)
			return {
				ok: false,
				failure: {
					code: 'InvalidRequestBody',
					message: 'expirationTime must be an ISO 8601 date and time.',
				},
			};
		expirationTime = canonical;
	}
	if (
		body.rbacGroupNames !== undefined &&
		(!Array.isArray(body.rbacGroupNames) || body.rbacGroupNames.some((n) => typeof n !== 'string'))
	) {
		return {
			ok: false,
			failure: {
				code: 'InvalidRequestBody',
				message: 'rbacGroupNames must be an array of device group names.',
			},
		};
	}
	const value = (body.indicatorValue as string).trim();
	const invalid = validateValue(type, value);
	if (invalid) return { ok: false, failure: invalid };
	return {
		ok: true,
		fields: {
			indicatorValue:
				type.startsWith('File') || type === 'CertificateThumbprint' ? value.toLowerCase() : value,
			indicatorType: type,
			action,
			title: body.title,
			description: body.description,
			expirationTime,
			severity: body.severity ?? 'Informational',
			recommendedActions: body.recommendedActions ?? null,
			rbacGroupNames: body.rbacGroupNames ?? [],
			application: body.application ?? null,
			educateUrl: body.educateUrl ?? null,
			generateAlert: body.generateAlert ?? false,
		},
	};
}

function sameIndicator(a: MdeIndicator, type: string, value: string): boolean {
	return a.indicatorType === type && a.indicatorValue.toLowerCase() === value.toLowerCase();
}

/** Creates or updates one indicator; returns it, or the failure (cap reached, invalid body). */
function upsert(
	ctx: EmuContext,
	body: Record<string, unknown>,
	caller: Caller,
): { ok: true; indicator: MdeIndicator } | { ok: false; failure: Failure } {
	const checked = validateIndicator(body);
	if (!checked.ok) return checked;
	const f = checked.fields;
	const now = ctx.clock.now();
	const stamp = formatTicks(now);
	const existing = [...ctx.state.indicators.values()].find((i) =>
		sameIndicator(i, f.indicatorType as string, f.indicatorValue as string),
	);
	if (existing) {
		Object.assign(existing, f, { lastUpdateTime: stamp, lastUpdatedBy: caller.appId });
		return { ok: true, indicator: existing };
	}
	if (ctx.state.activeIndicatorCount(now) >= MAX_ACTIVE_INDICATORS) {
		// graph-api.md §8.3: 15,000 active indicators per tenant.
		return {
			ok: false,
			failure: {
				code: 'BadRequest',
				message: `The tenant has reached the limit of ${MAX_ACTIVE_INDICATORS} active indicators. Delete indicators or let them expire before adding new ones.`,
			},
		};
	}
	const indicator: MdeIndicator = {
		id: String(ctx.state.nextIndicatorId),
		...(f as Pick<
			MdeIndicator,
			| 'indicatorValue'
			| 'indicatorType'
			| 'action'
			| 'title'
			| 'description'
			| 'expirationTime'
			| 'severity'
			| 'recommendedActions'
			| 'rbacGroupNames'
			| 'application'
			| 'educateUrl'
			| 'generateAlert'
		>),
		source: caller.displayName,
		sourceType: 'AadApp',
		createdBy: caller.appId,
		createdBySource: 'PublicApi',
		createdByDisplayName: caller.displayName,
		creationTimeDateTimeUtc: stamp,
		lastUpdateTime: stamp,
		lastUpdatedBy: caller.appId,
		rbacGroupIds: [],
		externalID: null,
	};
	ctx.state.nextIndicatorId += 1;
	ctx.state.indicators.set(indicator.id, indicator);
	return { ok: true, indicator };
}

export function postIndicator(ctx: EmuContext, req: EmuRequest, caller: Caller): EmuResponse {
	const parsed = readMdeBody(req);
	if (!parsed.ok) return parsed.response;
	const result = upsert(ctx, parsed.body, caller);
	if (!result.ok) return mdeBadRequest(result.failure.code, result.failure.message);
	return mdeEntity(req, 200, 'Indicators', { ...result.indicator });
}

export function importIndicators(ctx: EmuContext, req: EmuRequest, caller: Caller): EmuResponse {
	const parsed = readMdeBody(req);
	if (!parsed.ok) return parsed.response;
	const extra = unexpectedKeys(parsed.body, ['Indicators']);
	if (extra) return extra;
	const list = parsed.body.Indicators;
	if (!Array.isArray(list) || list.length === 0) {
		return mdeBadRequest(
			'MissingRequiredParameter',
			"The parameter 'Indicators' is required and must be a non-empty array.",
		);
	}
	if (list.length > MAX_BATCH) {
		return mdeBadRequest(
			'MaximumBatchSizeExceeded',
			`Maximum batch size exceeded. Received: ${list.length}, allowed: ${MAX_BATCH}.`,
		);
	}
	const value = list.map((item: unknown) => {
		const body =
			typeof item === 'object' && item !== null && !Array.isArray(item)
				? (item as Record<string, unknown>)
				: {};
		const result = upsert(ctx, body, caller);
		return result.ok
			? {
					id: result.indicator.id,
					indicator: result.indicator.indicatorValue,
					isFailed: false,
					failureReason: null,
				}
			: {
					id: null,
					indicator: typeof body.indicatorValue === 'string' ? body.indicatorValue : null,
					isFailed: true,
					failureReason: result.failure.message,
				};
	});
	return json(200, {
		'@odata.context': `${req.origin}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)`,
		value,
	});
}

export function listIndicators(ctx: EmuContext, req: EmuRequest, caller: Caller): EmuResponse {
	const now = ctx.clock.now();
	// graph-api.md §1.4: without Ti.ReadWrite.All an app sees only the indicators it created.
	const seesAll = caller.roles.includes('Ti.ReadWrite.All');
	const rows = [...ctx.state.indicators.values()]
		.filter((i) => isActiveIndicator(i, now) && (seesAll || i.createdBy === caller.appId))
		.map((i) => ({ ...i }));
	return mdeList(req, 'Indicators', rows, INDICATOR_SCHEMA);
}

export function deleteIndicator(ctx: EmuContext, id: string): EmuResponse {
	if (!ctx.state.indicators.delete(id)) return mdeNotFound('Indicator', id);
	return { status: 204 };
}

export function batchDeleteIndicators(ctx: EmuContext, req: EmuRequest): EmuResponse {
	const parsed = readMdeBody(req);
	if (!parsed.ok) return parsed.response;
	const extra = unexpectedKeys(parsed.body, ['IndicatorIds']);
	if (extra) return extra;
	const ids = parsed.body.IndicatorIds;
	if (
		!Array.isArray(ids) ||
		ids.length === 0 ||
		ids.some((i) => typeof i !== 'string' && typeof i !== 'number')
	) {
		return mdeBadRequest(
			'InvalidRequestBody',
			'IndicatorIds must be a non-empty array of indicator ids.',
		);
	}
	if (ids.length > MAX_BATCH) {
		return mdeBadRequest(
			'MaximumBatchSizeExceeded',
			`Maximum batch size exceeded. Received: ${ids.length}, allowed: ${MAX_BATCH}.`,
		);
	}
	const missing = ids.map(String).filter((id) => !ctx.state.indicators.has(id));
	if (missing.length > 0) return mdeNotFound('Indicators', missing.slice(0, 10).join(', '));
	for (const id of ids) ctx.state.indicators.delete(String(id));
	return { status: 204 };
}

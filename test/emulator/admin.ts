/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * Test control: `/_emulator/...` over HTTP for other processes, and the same operations as
 * functions for in-process tests. Admin calls are neither authenticated, faulted nor logged.
 */
import type { EmuContext } from './context';
import type { AppInput } from './entra/apps';
import type { FaultSpec } from './faults';
import { alertId, alertWebUrl, incidentWebUrl, makeAlert, setEvidence } from './generator/alerts';
import {
	GENERATED_SOURCES,
	generateTenant,
	type Evidence,
	type GraphAlert,
	type GraphIncident,
} from './generator';
import { makeUser } from './generator/people';
import { makeMachine } from './generator/machines';
import { isRecord, json, parseJsonBody, type EmuRequest, type EmuResponse } from './http';
import {
	HUNTING_FAULT_KINDS,
	huntingFault,
	type HuntingFaultKind,
	type HuntingFaultOptions,
} from './graph/huntingFaults';
import { ALERT_SCHEMA, INCIDENT_SCHEMA } from './graph/schemas';
import { FINAL_STATUSES } from './mde/actionModel';
import { canonicalTime } from './time';

const DAY = 86400000;

export class AdminError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** Replaces the tenant's data with a freshly generated one ending now. */
export function seedTenant(ctx: EmuContext, seed: number, alerts: number): void {
	if (!Number.isInteger(seed)) throw new AdminError(400, 'seed must be an integer');
	if (!Number.isInteger(alerts) || alerts < 0 || alerts > 100000)
		throw new AdminError(400, 'alerts must be an integer from 0 to 100000');
	const spanMs = ctx.options.spanDays * DAY;
	const tenant = generateTenant({
		seed,
		alerts,
		startTime: ctx.clock.now() - spanMs,
		spanDays: ctx.options.spanDays,
		tenantId: ctx.state.tenantId,
	});
	ctx.state.load(tenant, seed);
}

function timeField(value: unknown, name: string): string {
	const canonical = typeof value === 'string' ? canonicalTime(value) : undefined;
	if (!canonical)
		throw new AdminError(
			400,
			`${name} must be an ISO 8601 timestamp, e.g. 2025-01-01T00:00:00.0000000Z`,
		);
	return canonical;
}

function checkKeys(
	input: Record<string, unknown>,
	allowed: readonly string[],
	entity: string,
	extra: string[] = [],
): void {
	const bad = Object.keys(input).find(
		(k) => !allowed.includes(k) && !extra.includes(k) && k !== '@odata.type',
	);
	if (bad)
		throw new AdminError(
			400,
			`'${bad}' is not a property of ${entity}; known properties: ${allowed.join(', ')}`,
		);
}

function newIncident(
	ctx: EmuContext,
	id: string | undefined,
	title: string,
	severity: string,
	stamp: string,
): GraphIncident {
	const incidentId = id ?? String(ctx.state.nextIncidentId);
	ctx.state.nextIncidentId = Math.max(ctx.state.nextIncidentId, Number(incidentId) || 0) + 1;
	const incident: GraphIncident = {
		'@odata.type': '#microsoft.graph.security.incident',
		id: incidentId,
		tenantId: ctx.state.tenantId,
		displayName: title,
		description: null,
		summary: null,
		status: 'active',
		severity,
		classification: 'unknown',
		determination: 'unknown',
		assignedTo: null,
		customTags: [],
		systemTags: [],
		comments: [],
		createdDateTime: stamp,
		lastUpdateDateTime: stamp,
		lastModifiedBy: null,
		redirectIncidentId: null,
		resolvingComment: null,
		priorityScore: null,
		incidentWebUrl: incidentWebUrl(incidentId, ctx.state.tenantId),
		alertIds: [],
	};
	ctx.state.addIncident(incident);
	return incident;
}

/** The alert's incident: the given one (created if it does not exist yet) or a new one. */
function ensureIncident(ctx: EmuContext, id: string | undefined, alert: GraphAlert): GraphIncident {
	const incident =
		(id ? ctx.state.incidents.get(id) : undefined) ??
		newIncident(ctx, id, `${alert.title} on one endpoint`, alert.severity, alert.createdDateTime);
	incident.alertIds.push(alert.id);
	if (alert.lastUpdateDateTime > incident.lastUpdateDateTime)
		incident.lastUpdateDateTime = alert.lastUpdateDateTime;
	return incident;
}

/** Creates an alert: generated realistic values, overridden by `input`; its incident is created when needed. */
export function createAlert(ctx: EmuContext, input: Record<string, unknown>): GraphAlert {
	checkKeys(input, ALERT_SCHEMA.properties, 'an alert');
	const rng = ctx.state.rng;
	const serviceSource =
		typeof input.serviceSource === 'string' ? input.serviceSource : 'microsoftDefenderForEndpoint';
	if (!GENERATED_SOURCES.includes(serviceSource))
		throw new AdminError(400, `serviceSource must be one of ${GENERATED_SOURCES.join(', ')}`);
	if (typeof input.id === 'string' && ctx.state.alerts.has(input.id))
		throw new AdminError(409, `An alert with id '${input.id}' already exists`);
	const machines = [...ctx.state.machines.values()];
	const device =
		machines.length > 0
			? rng.pick(machines)
			: makeMachine(rng, 0, ctx.clock.now() - DAY, ctx.clock.now());
	const stamp = ctx.state.stamps.next();
	const id = typeof input.id === 'string' ? input.id : alertId(rng, serviceSource);
	const incidentId = typeof input.incidentId === 'string' ? input.incidentId : undefined;
	const alert = makeAlert(rng, {
		serviceSource,
		createdMs: Date.parse(stamp),
		endMs: Date.parse(stamp),
		tenantId: ctx.state.tenantId,
		incidentId: incidentId ?? '0',
		device,
		user: makeUser(rng),
	});
	Object.assign(alert, {
		id,
		providerAlertId: id,
		alertWebUrl: alertWebUrl(id, ctx.state.tenantId),
		status: 'new',
		classification: 'unknown',
		determination: 'unknown',
		assignedTo: null,
		resolvedDateTime: null,
		comments: [],
		createdDateTime: stamp,
		lastUpdateDateTime: stamp,
	});
	applyAlertFields(alert, input);
	const incident = ensureIncident(ctx, incidentId, alert);
	alert.incidentId = incident.id;
	alert.incidentWebUrl = incidentWebUrl(incident.id, ctx.state.tenantId);
	ctx.state.addAlert(alert);
	return alert;
}

function applyAlertFields(alert: GraphAlert, input: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(input)) {
		if (key === 'evidence') {
			if (!Array.isArray(value))
				throw new AdminError(400, 'evidence must be an array of evidence objects');
			setEvidence(alert, value as Evidence[]);
		} else if (key.endsWith('DateTime') && value !== null) {
			alert[key] = timeField(value, key);
		} else {
			alert[key] = value;
		}
	}
}

/**
 * Updates any alert fields (unlike PATCH, no validation of what is updatable). Moves
 * lastUpdateDateTime unless the input sets it explicitly (for tie tests).
 */
export function updateAlert(
	ctx: EmuContext,
	id: string,
	input: Record<string, unknown>,
): GraphAlert {
	const alert = ctx.state.alerts.get(id);
	if (!alert) throw new AdminError(404, `No alert with id '${id}'`);
	checkKeys(input, ALERT_SCHEMA.properties, 'an alert');
	if ('id' in input && input.id !== id) throw new AdminError(400, 'id cannot be changed');
	const explicit = input.lastUpdateDateTime;
	applyAlertFields(alert, input);
	if (explicit === undefined) alert.lastUpdateDateTime = ctx.state.stamps.next();
	if ('createdDateTime' in input) ctx.state.invalidate();
	return alert;
}

export function createIncident(ctx: EmuContext, input: Record<string, unknown>): GraphIncident {
	checkKeys(input, INCIDENT_SCHEMA.properties, 'an incident', ['alertIds']);
	const alertIds = Array.isArray(input.alertIds) ? input.alertIds.map(String) : [];
	const unknown = alertIds.find((a) => !ctx.state.alerts.has(a));
	if (unknown) throw new AdminError(400, `alertIds contains '${unknown}', which is not an alert`);
	if (typeof input.id === 'string' && ctx.state.incidents.has(input.id))
		throw new AdminError(409, `An incident with id '${input.id}' already exists`);
	const stamp = ctx.state.stamps.next();
	const first = alertIds.length > 0 ? ctx.state.alerts.get(alertIds[0]) : undefined;
	const incident = newIncident(
		ctx,
		typeof input.id === 'string' ? input.id : undefined,
		first ? `${first.title} on one endpoint` : 'Manually created incident',
		first?.severity ?? 'medium',
		stamp,
	);
	incident.alertIds = [...alertIds];
	for (const alertIdValue of alertIds) moveAlert(ctx, alertIdValue, incident);
	const fields = { ...input };
	delete fields.alertIds;
	delete fields.id;
	applyIncidentFields(incident, fields);
	ctx.state.invalidate();
	return incident;
}

function moveAlert(ctx: EmuContext, id: string, target: GraphIncident): void {
	const alert = ctx.state.alerts.get(id) as GraphAlert;
	const previous = ctx.state.incidents.get(alert.incidentId);
	if (previous && previous !== target)
		previous.alertIds = previous.alertIds.filter((a) => a !== id);
	alert.incidentId = target.id;
	alert.incidentWebUrl = incidentWebUrl(target.id, ctx.state.tenantId);
}

function applyIncidentFields(incident: GraphIncident, input: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(input)) {
		incident[key] = key.endsWith('DateTime') && value !== null ? timeField(value, key) : value;
	}
}

export function updateIncident(
	ctx: EmuContext,
	id: string,
	input: Record<string, unknown>,
): GraphIncident {
	const incident = ctx.state.incidents.get(id);
	if (!incident) throw new AdminError(404, `No incident with id '${id}'`);
	checkKeys(input, INCIDENT_SCHEMA.properties, 'an incident', ['alertIds']);
	if ('id' in input && input.id !== id) throw new AdminError(400, 'id cannot be changed');
	const { alertIds, ...fields } = input;
	if (alertIds !== undefined) {
		if (!Array.isArray(alertIds))
			throw new AdminError(400, 'alertIds must be an array of alert ids');
		const unknown = alertIds.map(String).find((a) => !ctx.state.alerts.has(a));
		if (unknown) throw new AdminError(400, `alertIds contains '${unknown}', which is not an alert`);
		incident.alertIds = alertIds.map(String);
		for (const a of incident.alertIds) moveAlert(ctx, a, incident);
	}
	applyIncidentFields(incident, fields);
	if (fields.lastUpdateDateTime === undefined)
		incident.lastUpdateDateTime = ctx.state.stamps.next();
	if ('createdDateTime' in fields) ctx.state.invalidate();
	return incident;
}

/** Forces a machine action into a final state (e.g. Failed, TimeOut). */
export function setMachineActionStatus(ctx: EmuContext, id: string, status: unknown): void {
	const action = ctx.state.machineActions.get(id);
	if (!action) throw new AdminError(404, `No machine action with id '${id}'`);
	if (typeof status !== 'string' || !FINAL_STATUSES.includes(status)) {
		throw new AdminError(400, `status must be one of ${FINAL_STATUSES.join(', ')}`);
	}
	action.fixedStatus = status;
	action.fixedAtMs = ctx.clock.now();
}

/** Makes the next `runHuntingQuery` call(s) answer a quota error (graph-api.md §6). */
export function addHuntingFault(
	ctx: EmuContext,
	kind: unknown,
	options: HuntingFaultOptions = {},
): FaultSpec {
	if (typeof kind !== 'string' || !HUNTING_FAULT_KINDS.includes(kind as HuntingFaultKind)) {
		throw new AdminError(
			400,
			`kind must be one of ${HUNTING_FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind) ?? 'nothing'}`,
		);
	}
	if (options.retryAfter !== undefined && typeof options.retryAfter !== 'string')
		throw new AdminError(400, 'retryAfter must be a string of seconds, e.g. "900"');
	const fault = huntingFault(kind as HuntingFaultKind, ctx.clock.now(), options);
	try {
		ctx.faults.add(fault);
	} catch (e) {
		throw new AdminError(400, (e as Error).message);
	}
	return fault;
}

export interface AdminHooks {
	reset: () => void;
	info: () => Record<string, unknown>;
}

function body(req: EmuRequest): Record<string, unknown> {
	if (req.body.length === 0) return {};
	const parsed = parseJsonBody(req);
	if (!parsed.ok || !isRecord(parsed.value))
		throw new AdminError(400, 'The body must be a JSON object');
	return parsed.value;
}

function faultFrom(value: unknown): FaultSpec {
	if (!isRecord(value) || typeof value.path !== 'string') {
		throw new AdminError(
			400,
			'A fault needs "path": a path prefix or a regular expression source starting with ^',
		);
	}
	return value as unknown as FaultSpec;
}

async function dispatchAdmin(
	ctx: EmuContext,
	hooks: AdminHooks,
	req: EmuRequest,
): Promise<EmuResponse> {
	const path = req.path.replace(/^\/_emulator/, '').replace(/\/+$/, '') || '/';
	const method = req.method.toUpperCase();
	const segments = path
		.split('/')
		.filter(Boolean)
		.map((s) => decodeURIComponent(s));
	const [head, id, sub] = segments;
	if (method === 'GET' && (path === '/' || head === 'info')) return json(200, hooks.info());
	if (method === 'POST' && head === 'reset') {
		hooks.reset();
		return json(200, hooks.info());
	}
	if (method === 'POST' && head === 'seed') {
		const b = body(req);
		seedTenant(ctx, Number(b.seed ?? ctx.options.seed), Number(b.alerts ?? ctx.options.alerts));
		return json(200, hooks.info());
	}
	if (head === 'alerts' && method === 'POST' && !id) return json(201, createAlert(ctx, body(req)));
	if (head === 'alerts' && method === 'PATCH' && id)
		return json(200, updateAlert(ctx, id, body(req)));
	if (head === 'incidents' && method === 'POST' && !id)
		return json(201, createIncident(ctx, body(req)));
	if (head === 'incidents' && method === 'PATCH' && id)
		return json(200, updateIncident(ctx, id, body(req)));
	if (head === 'machineactions' && method === 'PATCH' && id) {
		setMachineActionStatus(ctx, id, body(req).status);
		return { status: 204 };
	}
	if (head === 'state' && method === 'GET' && id && sub) {
		const store = {
			alerts: ctx.state.alerts,
			incidents: ctx.state.incidents,
			machines: ctx.state.machines,
			indicators: ctx.state.indicators,
		}[id];
		const entity = store?.get(sub);
		if (!entity) throw new AdminError(404, `No ${id} entry with id '${sub}'`);
		return json(200, entity);
	}
	if (head === 'requests' && method === 'GET') return json(200, { value: ctx.log.list() });
	if (head === 'requests' && method === 'DELETE') {
		ctx.log.clear();
		return { status: 204 };
	}
	if (head === 'faults' && method === 'GET') return json(200, { value: ctx.faults.list() });
	if (head === 'faults' && id === 'hunting' && method === 'POST') {
		const { kind, times, delayMs, retryAfter } = body(req);
		addHuntingFault(ctx, kind, { times, delayMs, retryAfter } as HuntingFaultOptions);
		return json(201, { value: ctx.faults.list() });
	}
	if (head === 'faults' && method === 'POST') {
		const raw = parseJsonBody(req);
		if (!raw.ok) throw new AdminError(400, 'The body must be a fault object or an array of them');
		const list = Array.isArray(raw.value) ? raw.value : [raw.value];
		const faults = list.map(faultFrom);
		try {
			for (const f of faults) ctx.faults.add(f);
		} catch (e) {
			throw new AdminError(400, (e as Error).message);
		}
		return json(201, { value: ctx.faults.list() });
	}
	if (head === 'faults' && method === 'DELETE') {
		ctx.faults.clear();
		return { status: 204 };
	}
	if (head === 'apps' && method === 'POST') {
		try {
			return json(201, ctx.apps.register(body(req) as AppInput));
		} catch (e) {
			if (e instanceof AdminError) throw e;
			throw new AdminError(400, (e as Error).message);
		}
	}
	if (head === 'clock' && method === 'POST') {
		const advance = Number(body(req).advanceMs);
		if (!Number.isFinite(advance) || advance < 0)
			throw new AdminError(400, 'advanceMs must be a non-negative number');
		ctx.clock.advance(advance);
		return json(200, { now: new Date(ctx.clock.now()).toISOString() });
	}
	if (head === 'packages' && method === 'GET') {
		return {
			status: 200,
			headers: { 'content-type': 'application/zip' },
			body: 'PK\u0005\u0006'.padEnd(22, '\u0000'),
		};
	}
	throw new AdminError(
		404,
		`No admin operation ${method} ${req.path}. See test/emulator/README.md for the list.`,
	);
}

export async function handleAdmin(
	ctx: EmuContext,
	hooks: AdminHooks,
	req: EmuRequest,
): Promise<EmuResponse> {
	try {
		return await dispatchAdmin(ctx, hooks, req);
	} catch (e) {
		if (e instanceof AdminError) return json(e.status, { error: e.message });
		throw e;
	}
}

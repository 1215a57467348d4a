/**
 * Deterministic tenant generator: `generateTenant({ seed, alerts })` returns the same alerts,
 * incidents, machines and indicators for the same input on every run. Used by the emulator,
 * the benchmarks and the tests.
 */
import { incidentWebUrl, makeAlert } from './alerts';
import { DEVICE_SOURCES, EVIDENCE_TYPES } from './evidence';
import { makeIndicator } from './indicators';
import { makeInventory } from './inventory';
import { makeMachine } from './machines';
import { makeUser, type UserRef } from './people';
import { Prng } from './prng';
import type { GraphAlert, GraphIncident, MdeMachine, Tenant } from './types';
import { allMembers, SERVICE_SOURCE } from '../graph/enums';
import { formatTicks } from '../time';

export type {
	Tenant,
	GraphAlert,
	GraphIncident,
	MdeMachine,
	MdeIndicator,
	MdeSoftware,
	MdeVulnerability,
	TenantInventory,
	Evidence,
	AlertComment,
} from './types';
export { EVIDENCE_TYPES } from './evidence';
export { Prng } from './prng';

export interface GenerateOptions {
	seed: number;
	alerts: number;
	/** Epoch ms of the oldest alert; default 2025-01-01T00:00:00Z so output is reproducible. */
	startTime?: number;
	/** Days the alerts are spread over; default 30. */
	spanDays?: number;
	/** Tenant id; default derived from the seed. */
	tenantId?: string;
}

export const MAX_ALERTS = 100000;
const DEFAULT_START = Date.UTC(2025, 0, 1);
const DAY = 86400000;

/** Every serviceSource member except the `unknownFutureValue` sentinel (graph-api.md §2.2). */
export const GENERATED_SOURCES = allMembers(SERVICE_SOURCE).filter(
	(s) => s !== 'unknownFutureValue',
);

const SOURCE_WEIGHTS: [string, number][] = [
	['microsoftDefenderForEndpoint', 40],
	['microsoftDefenderForOffice365', 14],
	['microsoftDefenderForCloudApps', 8],
	['microsoftDefenderForIdentity', 8],
	['azureAdIdentityProtection', 8],
	['microsoft365Defender', 5],
	['microsoftDefenderForCloud', 5],
	['microsoftSentinel', 4],
	['dataLossPrevention', 2],
	['microsoftAppGovernance', 2],
	['microsoftInsiderRiskManagement', 1],
	['microsoftThreatIntelligence', 1],
	['microsoftSecurityForAI', 1],
	['unknown', 1],
];
const WEIGHT_TOTAL = SOURCE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function weightedSource(rng: Prng): string {
	let roll = rng.next() * WEIGHT_TOTAL;
	for (const [source, weight] of SOURCE_WEIGHTS) {
		roll -= weight;
		if (roll < 0) return source;
	}
	return SOURCE_WEIGHTS[0][0];
}

const SEVERITY_RANK = ['informational', 'low', 'medium', 'high'];

function incidentName(alerts: GraphAlert[]): string {
	if (alerts.length === 1) {
		// Decided from the source, not the evidence, so generation never materialises evidence.
		const scope = DEVICE_SOURCES.has(alerts[0].serviceSource) ? 'one endpoint' : 'one user';
		return `${alerts[0].title} on ${scope}`;
	}
	const categories = [...new Set(alerts.map((a) => a.category))].slice(0, 2).join(' & ');
	const sources = new Set(alerts.map((a) => a.serviceSource)).size;
	return `Multi-stage incident involving ${categories}${sources > 1 ? ' reported by multiple sources' : ''}`;
}

function makeIncident(
	rng: Prng,
	id: string,
	tenantId: string,
	alerts: GraphAlert[],
): GraphIncident {
	const created = alerts.reduce(
		(m, a) => (a.createdDateTime < m ? a.createdDateTime : m),
		alerts[0].createdDateTime,
	);
	const updated = alerts.reduce(
		(m, a) => (a.lastUpdateDateTime > m ? a.lastUpdateDateTime : m),
		alerts[0].lastUpdateDateTime,
	);
	const allResolved = alerts.every((a) => a.status === 'resolved');
	const anyProgress = alerts.some((a) => a.status === 'inProgress');
	const severity = alerts.reduce(
		(m, a) => (SEVERITY_RANK.indexOf(a.severity) > SEVERITY_RANK.indexOf(m) ? a.severity : m),
		'informational',
	);
	const first = alerts[0];
	return {
		'@odata.type': '#microsoft.graph.security.incident',
		id,
		tenantId,
		displayName: incidentName(alerts),
		description: null,
		summary: null,
		status: allResolved ? 'resolved' : anyProgress ? 'inProgress' : 'active',
		severity,
		classification: allResolved ? first.classification : 'unknown',
		determination: allResolved ? first.determination : 'unknown',
		assignedTo: first.assignedTo,
		customTags: rng.chance(0.1)
			? [rng.pick(['Finance', 'VIP', 'Ransomware', 'Phishing campaign'])]
			: [],
		systemTags: first.systemTags.length ? [...first.systemTags] : [],
		comments: [],
		createdDateTime: created,
		lastUpdateDateTime: updated,
		lastModifiedBy: allResolved ? 'secops@contoso.com' : null,
		redirectIncidentId: null,
		resolvingComment: allResolved ? 'Resolved after investigation.' : null,
		priorityScore: rng.chance(0.7) ? rng.int(5, 95) : null,
		incidentWebUrl: incidentWebUrl(id, tenantId),
		alertIds: alerts.map((a) => a.id),
	};
}

/**
 * Marks a few incidents as merged into a later one (graph-api.md §3.3: status `redirected`,
 * `redirectIncidentId` set); their alerts move to the target incident.
 */
function redirectSome(
	rng: Prng,
	incidents: GraphIncident[],
	alertsById: Map<string, GraphAlert>,
	tenantId: string,
): void {
	if (incidents.length < 2) return;
	const count = Math.max(1, Math.floor(incidents.length * 0.03));
	for (let n = 0; n < count; n += 1) {
		const sourceIndex = rng.int(0, incidents.length - 2);
		const source = incidents[sourceIndex];
		const target = incidents[rng.int(sourceIndex + 1, incidents.length - 1)];
		if (source.status === 'redirected' || target.status === 'redirected') continue;
		for (const alertId of source.alertIds) {
			const alert = alertsById.get(alertId);
			if (!alert) continue;
			alert.incidentId = target.id;
			alert.incidentWebUrl = incidentWebUrl(target.id, tenantId);
			target.alertIds.push(alertId);
		}
		source.alertIds = [];
		source.status = 'redirected';
		source.redirectIncidentId = target.id;
		if (source.lastUpdateDateTime > target.lastUpdateDateTime)
			target.lastUpdateDateTime = source.lastUpdateDateTime;
	}
}

export function generateTenant(options: GenerateOptions): Tenant {
	const alertCount = Math.floor(options.alerts);
	if (!Number.isFinite(alertCount) || alertCount < 0 || alertCount > MAX_ALERTS) {
		throw new RangeError(
			`alerts must be an integer from 0 to ${MAX_ALERTS}, got ${String(options.alerts)}`,
		);
	}
	const rng = new Prng(options.seed);
	const tenantId = options.tenantId ?? rng.guid();
	const startMs = options.startTime ?? DEFAULT_START;
	const spanMs = (options.spanDays ?? 30) * DAY;
	const endMs = startMs + spanMs;

	const machineRng = rng.fork(1);
	const machineCount = Math.max(5, Math.min(2000, Math.ceil(alertCount / 20)));
	const machines: MdeMachine[] = [];
	for (let i = 0; i < machineCount; i += 1)
		machines.push(makeMachine(machineRng, i, startMs, endMs));

	const peopleRng = rng.fork(2);
	const users: UserRef[] = [];
	const userCount = Math.max(5, Math.min(500, Math.ceil(alertCount / 10)));
	for (let i = 0; i < userCount; i += 1) users.push(makeUser(peopleRng));

	const alertRng = rng.fork(3);
	const alerts: GraphAlert[] = [];
	const incidents: GraphIncident[] = [];
	let nextIncidentId = 1000 + rng.int(0, 8999);
	let coverage = 0;
	while (alerts.length < alertCount) {
		const size = Math.min(alertRng.int(1, 5), alertCount - alerts.length);
		const incidentId = String(nextIncidentId);
		nextIncidentId += 1;
		const incidentMs =
			startMs + Math.floor(((alerts.length + alertRng.next()) / Math.max(alertCount, 1)) * spanMs);
		const device = alertRng.pick(machines);
		const user = alertRng.pick(users);
		const members: GraphAlert[] = [];
		for (let k = 0; k < size; k += 1) {
			const index = alerts.length;
			const serviceSource =
				index < GENERATED_SOURCES.length ? GENERATED_SOURCES[index] : weightedSource(alertRng);
			// Spread the subtypes over the first alerts so every one of them appears at least once.
			const remainingAlerts = alertCount - index;
			const perAlert =
				coverage < EVIDENCE_TYPES.length
					? Math.ceil((EVIDENCE_TYPES.length - coverage) / remainingAlerts)
					: 0;
			const requiredEvidence = EVIDENCE_TYPES.slice(coverage, coverage + Math.min(perAlert, 13));
			coverage += requiredEvidence.length;
			const alert = makeAlert(alertRng, {
				serviceSource,
				createdMs: Math.min(endMs, incidentMs + k * alertRng.int(1, 90) * 60000),
				endMs,
				tenantId,
				incidentId,
				device,
				user,
				requiredEvidence,
			});
			members.push(alert);
			alerts.push(alert);
		}
		incidents.push(makeIncident(alertRng, incidentId, tenantId, members));
	}
	const alertsById = new Map(alerts.map((a) => [a.id, a]));
	redirectSome(rng.fork(4), incidents, alertsById, tenantId);

	const indicatorRng = rng.fork(5);
	const indicatorCount = Math.min(500, 20 + Math.floor(alertCount / 100));
	const indicators = [];
	for (let i = 0; i < indicatorCount; i += 1) {
		indicators.push(
			makeIndicator(
				indicatorRng,
				i + 1,
				startMs + Math.floor(indicatorRng.next() * spanMs),
				indicatorRng.guid(),
			),
		);
	}
	// Forked last, so the inventory does not shift anything generated before it.
	const inventory = makeInventory(rng.fork(6), machines, endMs);
	return { tenantId, alerts, incidents, machines, indicators, inventory };
}

/** Latest timestamp a generated tenant contains (so the emulator's clock can start after it). */
export function latestStamp(tenant: Tenant): string {
	let latest = formatTicks(0);
	for (const a of tenant.alerts) if (a.lastUpdateDateTime > latest) latest = a.lastUpdateDateTime;
	for (const i of tenant.incidents)
		if (i.lastUpdateDateTime > latest) latest = i.lastUpdateDateTime;
	return latest;
}

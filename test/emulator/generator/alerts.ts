/** One realistic alerts_v2 entity (graph-api.md §2.1, §2.4) with its evidence. */
import { createHash } from 'node:crypto';

import {
	ACTORS,
	DETECTION_SOURCES,
	ID_PREFIXES,
	MALWARE,
	PRODUCT_NAMES,
	TEMPLATES,
} from './catalog';
import {
	DEVICE_SOURCES,
	EVIDENCE_BUILDERS,
	EVIDENCE_BY_SOURCE,
	makeFile,
	type EvidenceContext,
} from './evidence';
import type { UserRef } from './people';
import { Prng } from './prng';
import type { Evidence, GraphAlert, MdeMachine } from './types';
import { DETERMINATIONS_BY_CLASSIFICATION } from '../graph/enums';
import { formatTicks } from '../time';

export interface AlertSpec {
	serviceSource: string;
	createdMs: number;
	/** Upper bound for lastUpdateDateTime (the tenant's "now"). */
	endMs: number;
	tenantId: string;
	incidentId: string;
	device: MdeMachine;
	user: UserRef;
	/** Evidence types that must be included (coverage of every subtype). */
	requiredEvidence?: string[];
}

const HOUR = 3600000;

const detectorIds = new Map<string, string>();

/** A stable detector id per alert title, as products reuse one detector per rule. */
function detectorId(title: string): string {
	let id = detectorIds.get(title);
	if (!id) {
		const h = createHash('md5').update(title).digest('hex');
		id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
		detectorIds.set(title, id);
	}
	return id;
}

/**
 * Evidence is rebuilt from a per-alert seed each time it is read: 100,000 alerts with 5-15
 * evidence each would otherwise hold millions of objects. Reading it twice gives equal values.
 */
function defineLazyEvidence(alert: GraphAlert, seed: number, spec: AlertSpec, time: string): void {
	Object.defineProperty(alert, 'evidence', {
		enumerable: true,
		configurable: true,
		get: () => buildEvidence(new Prng(seed), spec, time),
		set: (value: Evidence[]) => setEvidence(alert, value),
	});
}

/** Replaces generated evidence with stored values (admin API, tests). */
export function setEvidence(alert: GraphAlert, evidence: Evidence[]): void {
	Object.defineProperty(alert, 'evidence', {
		enumerable: true,
		configurable: true,
		writable: true,
		value: evidence,
	});
}

export function alertId(rng: Prng, serviceSource: string): string {
	if (serviceSource === 'microsoftDefenderForEndpoint') {
		// graph-api.md §2.1: MDE alert ids look like `da637551227677560813_-961444813`.
		const sign = rng.chance(0.5) ? '-' : '';
		return `da${rng.digits(18)}_${sign}${rng.int(100000000, 2147483647)}`;
	}
	return `${ID_PREFIXES[serviceSource] ?? 'xx'}${rng.guid()}`;
}

export function incidentWebUrl(incidentId: string, tenantId: string): string {
	return `https://security.microsoft.com/incidents/${incidentId}?tid=${tenantId}`;
}

export function alertWebUrl(id: string, tenantId: string): string {
	return `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`;
}

function pickOutcome(rng: Prng): { status: string; classification: string; determination: string } {
	const roll = rng.next();
	if (roll < 0.6) return { status: 'new', classification: 'unknown', determination: 'unknown' };
	if (roll < 0.8)
		return { status: 'inProgress', classification: 'unknown', determination: 'unknown' };
	const classification = rng.pick([
		'truePositive',
		'falsePositive',
		'informationalExpectedActivity',
	]);
	return {
		status: 'resolved',
		classification,
		determination: rng.pick(DETERMINATIONS_BY_CLASSIFICATION[classification]),
	};
}

function buildEvidence(rng: Prng, spec: AlertSpec, time: string): Evidence[] {
	const ctx: EvidenceContext = {
		rng,
		time,
		tenantId: spec.tenantId,
		device: spec.device,
		user: spec.user,
		file: makeFile(rng, spec.user),
	};
	const types: string[] = [];
	if (DEVICE_SOURCES.has(spec.serviceSource)) types.push('deviceEvidence');
	types.push('userEvidence');
	for (const t of spec.requiredEvidence ?? []) types.push(t);
	const pool = EVIDENCE_BY_SOURCE[spec.serviceSource] ?? EVIDENCE_BY_SOURCE.unknown;
	const target = Math.max(types.length, rng.int(5, 15));
	while (types.length < target) types.push(rng.pick(pool));
	return types.map((t) => EVIDENCE_BUILDERS[t](ctx));
}

export function makeAlert(rng: Prng, spec: AlertSpec): GraphAlert {
	const source = spec.serviceSource;
	const template = rng.pick(TEMPLATES[source] ?? TEMPLATES.unknown);
	const id = alertId(rng, source);
	const createdSub = rng.int(0, 9999);
	const created = formatTicks(spec.createdMs, createdSub);
	const firstActivityMs = spec.createdMs - rng.int(1, 180) * 60000;
	const lastActivityMs = Math.min(spec.endMs, spec.createdMs + rng.int(0, 120) * 60000);
	const updateMs = Math.min(spec.endMs, spec.createdMs + rng.int(0, 48 * HOUR));
	const outcome = pickOutcome(rng);
	const malware = template.threat ? rng.pick(MALWARE) : undefined;
	const assignedTo =
		outcome.status === 'new' && rng.chance(0.7)
			? null
			: `${rng.pick(['secops', 'analyst1', 'analyst2', 'tier2'])}@contoso.com`;
	const alert: GraphAlert = {
		'@odata.type': '#microsoft.graph.security.alert',
		id,
		providerAlertId: id,
		incidentId: spec.incidentId,
		status: outcome.status,
		severity: rng.pick(['informational', 'low', 'low', 'medium', 'medium', 'high']),
		classification: outcome.classification,
		determination: outcome.determination,
		serviceSource: source,
		detectionSource: rng.pick(DETECTION_SOURCES[source] ?? DETECTION_SOURCES.unknown),
		productName: PRODUCT_NAMES[source] ?? null,
		detectorId: detectorId(template.title),
		tenantId: spec.tenantId,
		title: template.title,
		description: template.description,
		recommendedActions: template.recommendedActions,
		category: template.category,
		assignedTo,
		alertWebUrl: alertWebUrl(id, spec.tenantId),
		incidentWebUrl: incidentWebUrl(spec.incidentId, spec.tenantId),
		actorDisplayName: rng.chance(0.05) ? rng.pick(ACTORS) : null,
		threatDisplayName: malware ? malware.name : null,
		threatFamilyName: malware ? malware.family : null,
		mitreTechniques: [...template.mitre],
		createdDateTime: created,
		lastUpdateDateTime: formatTicks(Math.max(updateMs, spec.createdMs), createdSub),
		resolvedDateTime: outcome.status === 'resolved' ? formatTicks(updateMs, createdSub) : null,
		firstActivityDateTime: formatTicks(firstActivityMs),
		lastActivityDateTime: formatTicks(lastActivityMs),
		comments:
			outcome.status === 'resolved' && rng.chance(0.3)
				? [
						{
							comment: 'Reviewed and closed by the SOC.',
							createdByDisplayName: 'secops@contoso.com',
							createdDateTime: formatTicks(updateMs, createdSub),
						},
					]
				: [],
		evidence: [],
		systemTags: rng.chance(0.05) ? ['Defender Experts'] : [],
		investigationState:
			source === 'microsoftDefenderForEndpoint'
				? rng.pick([
						'running',
						'successfullyRemediated',
						'benign',
						'pendingApproval',
						'unsupportedAlertType',
					])
				: 'unsupportedAlertType',
		alertPolicyId: [
			'dataLossPrevention',
			'microsoftAppGovernance',
			'microsoftDefenderForCloud',
		].includes(source)
			? rng.guid()
			: null,
		additionalData: {},
		customDetails:
			source === 'microsoftSentinel' ? { RuleFrequency: 'PT1H', HitCount: rng.int(1, 40) } : {},
	};
	defineLazyEvidence(alert, rng.int(0, 0x7fffffff), spec, created);
	if (source === 'microsoftDefenderForEndpoint' || source === 'microsoft365Defender') {
		alert.additionalData = { MachineGroup: spec.device.rbacGroupName };
	}
	return alert;
}

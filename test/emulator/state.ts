/** The emulated tenant held in memory, with the bookkeeping list and update routes need. */
import { setEvidence } from './generator/alerts';
import {
	latestStamp,
	Prng,
	type GraphAlert,
	type GraphIncident,
	type MdeIndicator,
	type MdeMachine,
	type MdeSoftware,
	type MdeVulnerability,
	type Tenant,
	type TenantInventory,
} from './generator';
import type { MachineActionRecord } from './mde/actionModel';
import { StampClock } from './time';

export class EmulatorState {
	tenantId: string;
	readonly alerts = new Map<string, GraphAlert>();
	readonly incidents = new Map<string, GraphIncident>();
	readonly machines = new Map<string, MdeMachine>();
	readonly machineActions = new Map<string, MachineActionRecord>();
	readonly indicators = new Map<string, MdeIndicator>();
	/** Vulnerability and software inventory as generated (graph-api.md §8.4). */
	inventory: TenantInventory;
	/** Keyed by upper-case CVE id. */
	readonly vulnerabilities = new Map<string, MdeVulnerability>();
	/** Keyed by lower-case software id. */
	readonly software = new Map<string, MdeSoftware>();
	readonly stamps: StampClock;
	/** Random ids for entities created after seeding (admin API, actions). */
	rng: Prng;
	nextIndicatorId = 1;
	nextIncidentId = 1;
	private sortedAlerts: GraphAlert[] | undefined;
	private sortedIncidents: GraphIncident[] | undefined;

	constructor(tenant: Tenant, now: () => number, seed: number) {
		this.tenantId = tenant.tenantId;
		this.stamps = new StampClock(now);
		this.rng = new Prng(seed ^ 0x5eed);
		this.inventory = tenant.inventory;
		this.load(tenant, seed);
	}

	load(tenant: Tenant, seed: number): void {
		this.tenantId = tenant.tenantId;
		this.alerts.clear();
		this.incidents.clear();
		this.machines.clear();
		this.machineActions.clear();
		this.indicators.clear();
		for (const a of tenant.alerts) this.alerts.set(a.id, a);
		for (const i of tenant.incidents) this.incidents.set(i.id, i);
		for (const m of tenant.machines) this.machines.set(m.id, m);
		for (const ind of tenant.indicators) this.indicators.set(ind.id, ind);
		this.inventory = tenant.inventory;
		this.vulnerabilities.clear();
		this.software.clear();
		for (const v of tenant.inventory.vulnerabilities)
			this.vulnerabilities.set(v.id.toUpperCase(), v);
		for (const sw of tenant.inventory.software) this.software.set(sw.id.toLowerCase(), sw);
		this.nextIndicatorId = tenant.indicators.reduce((max, i) => Math.max(max, Number(i.id)), 0) + 1;
		this.nextIncidentId =
			tenant.incidents.reduce((max, i) => Math.max(max, Number(i.id)), 1000) + 1;
		this.rng = new Prng(seed ^ 0x5eed);
		this.stamps.observe(latestStamp(tenant));
		this.invalidate();
	}

	/** Call after adding or removing alerts/incidents (updates keep createdDateTime). */
	invalidate(): void {
		this.sortedAlerts = undefined;
		this.sortedIncidents = undefined;
	}

	/** Alerts in Graph's default order: most recent first (graph-api.md §3.1), ties by id. */
	alertsByCreatedDesc(): GraphAlert[] {
		this.sortedAlerts ??= [...this.alerts.values()].sort(byCreatedDesc);
		return this.sortedAlerts;
	}

	incidentsByCreatedDesc(): GraphIncident[] {
		this.sortedIncidents ??= [...this.incidents.values()].sort(byCreatedDesc);
		return this.sortedIncidents;
	}

	addAlert(alert: GraphAlert): void {
		if (!Object.getOwnPropertyDescriptor(alert, 'evidence')?.get)
			setEvidence(alert, alert.evidence ?? []);
		this.alerts.set(alert.id, alert);
		this.invalidate();
	}

	addIncident(incident: GraphIncident): void {
		this.incidents.set(incident.id, incident);
		this.invalidate();
	}

	/** Activity and indicator caps count only non-expired indicators (graph-api.md §8.3). */
	activeIndicatorCount(nowMs: number): number {
		let count = 0;
		for (const i of this.indicators.values()) if (isActiveIndicator(i, nowMs)) count += 1;
		return count;
	}
}

export function isActiveIndicator(indicator: MdeIndicator, nowMs: number): boolean {
	return !indicator.expirationTime || Date.parse(indicator.expirationTime) > nowMs;
}

function byCreatedDesc(
	a: { createdDateTime: string; id: string },
	b: { createdDateTime: string; id: string },
): number {
	if (a.createdDateTime !== b.createdDateTime)
		return a.createdDateTime < b.createdDateTime ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

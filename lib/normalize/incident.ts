import { buildAlertRecord } from './alert';
import { AssetCollector } from './assets';
import { collectEvidence } from './evidence';
import { fingerprintOf, sourceRefOf } from './fingerprint';
import { ObservableCollector } from './observables';
import type { ResolvedOptions } from './options';
import {
	asArray,
	asId,
	asObject,
	asString,
	nullable,
	exactLength,
	sharedStrings,
	stringsOf,
	type JsonObject,
} from './read';
import { addString, collectTechniqueIds, commentsOf, tagsOf, text, ttpsOf } from './record';
import { caseSeverity } from './severity';
import type { NormalizedRecord } from './types';

/** Alerts listed in a fallback description; the rest are counted. */
const FALLBACK_ALERT_LIMIT = 50;

/**
 * One Graph incident (graph-api.md §3.3, alerts from `$expand=alerts`) → the incident record,
 * with its alerts' observables, assets and TTPs merged, then (with `splitIncidentAlerts`) one
 * record per alert that has an id.
 */
export function buildIncidentRecords(
	incident: JsonObject,
	id: string,
	options: ResolvedOptions,
): NormalizedRecord[] {
	const alerts: JsonObject[] = [];
	for (const entry of asArray(incident.alerts)) {
		const alert = asObject(entry);
		if (alert !== undefined) alerts.push(alert);
	}

	const observables = new ObservableCollector(options.keepTypes);
	const assets = new AssetCollector();
	const sink = { observables, assets };
	const categories: string[] = [];
	const serviceSources: string[] = [];
	const detectionSources: string[] = [];
	const techniqueIds: string[] = [];
	const alertIds: string[] = [];
	const productNames: string[] = [];
	let firstActivity: string | undefined;
	let lastActivity: string | undefined;
	let threatDisplayName: string | undefined;
	let threatFamilyName: string | undefined;
	let actorDisplayName: string | undefined;
	let alertTenantId: string | undefined;

	for (const alert of alerts) {
		collectEvidence(alert.evidence, sink);
		addString(categories, alert, 'category');
		for (const category of stringsOf(alert.categories)) {
			if (!categories.includes(category)) categories.push(category);
		}
		addString(serviceSources, alert, 'serviceSource');
		addString(detectionSources, alert, 'detectionSource');
		addString(productNames, alert, 'productName');
		collectTechniqueIds(techniqueIds, alert.mitreTechniques);
		const alertId = asId(alert.id);
		if (alertId !== undefined && !alertIds.includes(alertId)) alertIds.push(alertId);
		firstActivity = earlier(firstActivity, asString(alert.firstActivityDateTime));
		lastActivity = later(lastActivity, asString(alert.lastActivityDateTime));
		threatDisplayName ??= asString(alert.threatDisplayName);
		threatFamilyName ??= asString(alert.threatFamilyName);
		actorDisplayName ??= asString(alert.actorDisplayName);
		alertTenantId ??= asString(alert.tenantId);
	}

	const title = text(incident.displayName) ?? `Defender incident ${id}`;
	const ownDescription = text(incident.description);
	const severityLabel = nullable(asString(incident.severity));
	const lastUpdateDateTime = nullable(asString(incident.lastUpdateDateTime));
	const tenantId = nullable(asString(incident.tenantId) ?? alertTenantId);
	const sourceRef = sourceRefOf('incident', id);

	const record: NormalizedRecord = {
		schemaVersion: 1,
		source: 'defender',
		sourceType: 'incident',
		sourceRef,
		fingerprint: fingerprintOf(sourceRef, lastUpdateDateTime),
		title,
		description: ownDescription ?? fallbackDescription(incident, alerts, title),
		descriptionIsFallback: ownDescription === undefined,
		severity: caseSeverity(severityLabel ?? undefined),
		severityLabel,
		status: nullable(asString(incident.status)),
		mergedInto: nullable(asId(incident.redirectIncidentId)),
		classification: nullable(asString(incident.classification)),
		determination: nullable(asString(incident.determination)),
		category: categories.length > 0 ? categories[0] : null,
		categories: exactLength(categories, categories.length > 0),
		serviceSource: serviceSources.length > 0 ? serviceSources[0] : null,
		serviceSources: exactLength(serviceSources, serviceSources.length > 0),
		detectionSource: detectionSources.length > 0 ? detectionSources[0] : null,
		detectionSources: exactLength(detectionSources, detectionSources.length > 0),
		productName: productNames.length > 0 ? productNames[0] : null,
		detectorId: null,
		threatDisplayName: nullable(threatDisplayName),
		threatFamilyName: nullable(threatFamilyName),
		actorDisplayName: nullable(actorDisplayName),
		recommendedActions: null,
		assignedTo: nullable(asString(incident.assignedTo)),
		createdDateTime: nullable(asString(incident.createdDateTime)),
		lastUpdateDateTime,
		firstActivityDateTime: nullable(firstActivity),
		lastActivityDateTime: nullable(lastActivity),
		resolvedDateTime: nullable(asString(incident.resolvedDateTime)),
		alertWebUrl: null,
		incidentWebUrl: nullable(asString(incident.incidentWebUrl)),
		incidentId: id,
		alertIds: exactLength(alertIds, alertIds.length > 0),
		providerAlertId: null,
		tenantId,
		systemTags: sharedStrings(incident.systemTags),
		customTags: sharedStrings(incident.customTags),
		comments: commentsOf(incident.comments),
		tlp: options.tlp,
		pap: options.pap,
		tags: tagsOf('incident', serviceSources, categories, techniqueIds),
		observables: observables.values(),
		assets: assets.values(),
		ttps: ttpsOf(techniqueIds),
		extraData: { source: 'defender', sourceType: 'incident', defenderIncidentId: id, tenantId },
	};
	if (options.includeRaw) record.raw = incident;

	const records = [record];
	if (options.splitIncidentAlerts) {
		for (const alert of alerts) {
			const alertId = asId(alert.id);
			// An alert without an id has no sourceRef; its data is still merged above.
			if (alertId !== undefined) records.push(buildAlertRecord(alert, alertId, options, id));
		}
	}
	return records;
}

/**
 * Defender-provided incidents often arrive without a description (anchors pain 14): use the
 * summary, else list the alerts' titles and descriptions, else the incident name.
 */
function fallbackDescription(incident: JsonObject, alerts: JsonObject[], title: string): string {
	const summary = text(incident.summary);
	if (summary !== undefined) return summary;
	const lines: string[] = [];
	for (const alert of alerts) {
		const alertTitle = text(alert.title);
		const alertDescription = text(alert.description);
		if (alertTitle === undefined && alertDescription === undefined) continue;
		lines.push(
			alertTitle !== undefined && alertDescription !== undefined
				? `- ${alertTitle}: ${alertDescription}`
				: `- ${alertTitle ?? alertDescription}`,
		);
	}
	if (lines.length === 0) return title;
	const more = lines.length - FALLBACK_ALERT_LIMIT;
	const tail = more > 0 ? `\n… and ${more} more alert${more === 1 ? '' : 's'}.` : '';
	return `Alerts in this incident:\n${lines.slice(0, FALLBACK_ALERT_LIMIT).join('\n')}${tail}`;
}

function earlier(current: string | undefined, next: string | undefined): string | undefined {
	if (next === undefined) return current;
	if (current === undefined) return next;
	return Date.parse(next) < Date.parse(current) ? next : current;
}

function later(current: string | undefined, next: string | undefined): string | undefined {
	if (next === undefined) return current;
	if (current === undefined) return next;
	return Date.parse(next) > Date.parse(current) ? next : current;
}

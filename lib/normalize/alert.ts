import { AssetCollector } from './assets';
import { collectEvidence } from './evidence';
import { fingerprintOf, sourceRefOf } from './fingerprint';
import { ObservableCollector } from './observables';
import type { ResolvedOptions } from './options';
import { asId, asString, nullable, oneStringList, sharedStrings, type JsonObject } from './read';
import { alertCategories, collectTechniqueIds, commentsOf, tagsOf, text, ttpsOf } from './record';
import { caseSeverity } from './severity';
import type { NormalizedRecord } from './types';

/**
 * One Graph alerts_v2 object (graph-api.md §2.1) → one record. `alert` must already be known to
 * be an object with an id; every other field is read defensively.
 */
export function buildAlertRecord(
	alert: JsonObject,
	id: string,
	options: ResolvedOptions,
	parentIncidentId?: string,
): NormalizedRecord {
	const observables = new ObservableCollector(options.keepTypes);
	const assets = new AssetCollector();
	collectEvidence(alert.evidence, { observables, assets });

	const title = text(alert.title) ?? `Defender alert ${id}`;
	const ownDescription = text(alert.description);
	const severityLabel = nullable(asString(alert.severity));
	const lastUpdateDateTime = nullable(asString(alert.lastUpdateDateTime));
	const tenantId = nullable(asString(alert.tenantId));
	const sourceRef = sourceRefOf('alert', id);

	const categories = alertCategories(alert);
	const serviceSources = oneStringList(alert.serviceSource);
	const detectionSources = oneStringList(alert.detectionSource);
	const techniqueIds: string[] = [];
	collectTechniqueIds(techniqueIds, alert.mitreTechniques);

	const record: NormalizedRecord = {
		schemaVersion: 1,
		source: 'defender',
		sourceType: 'alert',
		sourceRef,
		fingerprint: fingerprintOf(sourceRef, lastUpdateDateTime),
		title,
		description: ownDescription ?? title,
		descriptionIsFallback: ownDescription === undefined,
		severity: caseSeverity(severityLabel ?? undefined),
		severityLabel,
		status: nullable(asString(alert.status)),
		mergedInto: null,
		classification: nullable(asString(alert.classification)),
		determination: nullable(asString(alert.determination)),
		category: categories.length > 0 ? categories[0] : null,
		categories,
		serviceSource: serviceSources.length > 0 ? serviceSources[0] : null,
		serviceSources,
		detectionSource: detectionSources.length > 0 ? detectionSources[0] : null,
		detectionSources,
		productName: nullable(asString(alert.productName)),
		detectorId: nullable(asString(alert.detectorId)),
		threatDisplayName: nullable(asString(alert.threatDisplayName)),
		threatFamilyName: nullable(asString(alert.threatFamilyName)),
		actorDisplayName: nullable(asString(alert.actorDisplayName)),
		recommendedActions: nullable(asString(alert.recommendedActions)),
		assignedTo: nullable(asString(alert.assignedTo)),
		createdDateTime: nullable(asString(alert.createdDateTime)),
		lastUpdateDateTime,
		firstActivityDateTime: nullable(asString(alert.firstActivityDateTime)),
		lastActivityDateTime: nullable(asString(alert.lastActivityDateTime)),
		resolvedDateTime: nullable(asString(alert.resolvedDateTime)),
		alertWebUrl: nullable(asString(alert.alertWebUrl)),
		incidentWebUrl: nullable(asString(alert.incidentWebUrl)),
		incidentId: nullable(asId(alert.incidentId) ?? parentIncidentId),
		alertIds: [id],
		providerAlertId: nullable(asString(alert.providerAlertId)),
		tenantId,
		systemTags: sharedStrings(alert.systemTags),
		customTags: sharedStrings(alert.customTags),
		comments: commentsOf(alert.comments),
		tlp: options.tlp,
		pap: options.pap,
		tags: tagsOf('alert', serviceSources, categories, techniqueIds),
		observables: observables.values(),
		assets: assets.values(),
		ttps: ttpsOf(techniqueIds),
		extraData: { source: 'defender', sourceType: 'alert', defenderAlertId: id, tenantId },
	};
	if (options.includeRaw) record.raw = alert;
	return record;
}

import alertDocumented from '../../fixtures/graph/alert-documented.json';
import alertEveryEvidence from '../../fixtures/graph/alert-every-evidence.json';
import alertsPage from '../../fixtures/graph/alerts-page.json';
import incidentDocumented from '../../fixtures/graph/incident-documented.json';
import incidentRedirected from '../../fixtures/graph/incident-redirected.json';
import incidentWithAlerts from '../../fixtures/graph/incident-with-alerts.json';

/** Fresh copies of the Graph fixtures, so a test can change one without touching the others. */
export type Json = Record<string, unknown>;

const copy = (value: unknown): Json => structuredClone(value) as Json;

export const fixtures = {
	alertDocumented: () => copy(alertDocumented),
	alertEveryEvidence: () => copy(alertEveryEvidence),
	alertsPage: () => copy(alertsPage),
	incidentDocumented: () => copy(incidentDocumented),
	incidentRedirected: () => copy(incidentRedirected),
	incidentWithAlerts: () => copy(incidentWithAlerts),
};

export const NS = '#microsoft.graph.security.';

/** A minimal alert around the given evidence, for evidence-level tests. */
export function alertWith(evidence: unknown[], extra: Json = {}): Json {
	return {
		'@odata.type': `${NS}alert`,
		id: 'da000000000000000000_1',
		title: 'Test alert',
		severity: 'medium',
		lastUpdateDateTime: '2024-01-01T00:00:00Z',
		evidence,
		...extra,
	};
}

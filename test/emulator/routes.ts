/** The route table: Entra, Graph v1.0 and the MDE API on one port. */
import { handleInstanceDiscovery, handleKeys, handleOpenIdConfiguration } from './entra/discovery';
import { handleToken } from './entra/token';
import { getAlert, listAlerts, patchAlert, postAlertComment } from './graph/alerts';
import { runBatch } from './graph/batch';
import { runHuntingQuery } from './graph/hunting';
import {
	getIncident,
	listIncidentAlerts,
	listIncidents,
	patchIncident,
	postIncidentComment,
} from './graph/incidents';
import {
	ACTION_ROLES,
	ANY_ACTION_ROLE,
	cancelMachineAction,
	getMachineAction,
	getPackageUri,
	listMachineActions,
	postMachineAction,
} from './mde/actions';
import {
	batchDeleteIndicators,
	deleteIndicator,
	importIndicators,
	listIndicators,
	postIndicator,
} from './mde/indicators';
import {
	getSoftware,
	getVulnerability,
	listMachineSoftware,
	listMachineVulnerabilities,
	listSoftware,
	listVulnerabilities,
	listVulnerableMachines,
} from './mde/inventory';
import { getMachine, listMachines } from './mde/machines';
import { postMachineTag } from './mde/tags';
import type { Route } from './router';

// graph-api.md §1.4: least-privileged role first, the ReadWrite role also grants reads.
const ALERT_READ = ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'];
const ALERT_WRITE = ['SecurityAlert.ReadWrite.All'];
const INCIDENT_READ = ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All'];
const INCIDENT_WRITE = ['SecurityIncident.ReadWrite.All'];
const HUNTING = ['ThreatHunting.Read.All'];
const MACHINE_READ = ['Machine.Read.All', 'Machine.ReadWrite.All'];
const MACHINE_WRITE = ['Machine.ReadWrite.All'];
const INDICATORS = ['Ti.ReadWrite', 'Ti.ReadWrite.All'];
// graph-api.md §1.4: no ReadWrite counterpart exists for the inventory.
const VULNERABILITY_READ = ['Vulnerability.Read.All'];
const SOFTWARE_READ = ['Software.Read.All'];

const graph = (
	method: string,
	pattern: string,
	roles: readonly string[],
	handle: Route['handle'],
): Route => ({
	method,
	pattern: `/v1.0${pattern}`,
	api: 'graph',
	roles,
	bucket: 'graphSecurity',
	bucketPer: 'app',
	handle,
});

const mde = (
	method: string,
	pattern: string,
	roles: Route['roles'],
	handle: Route['handle'],
	bucket: Route['bucket'] = 'mde',
): Route => ({
	method,
	pattern: `/api${pattern}`,
	api: 'mde',
	roles,
	bucket,
	bucketPer: 'appRoute',
	handle,
});

export const ROUTES: Route[] = [
	{
		method: 'POST',
		pattern: '/:tenant/oauth2/v2.0/token',
		api: 'entra',
		handle: (ctx, req, p) => handleToken(ctx, req, p.tenant),
	},
	{
		method: 'GET',
		pattern: '/:tenant/v2.0/.well-known/openid-configuration',
		api: 'entra',
		handle: (ctx, req, p) => handleOpenIdConfiguration(ctx, req, p.tenant),
	},
	{
		method: 'GET',
		pattern: '/common/discovery/instance',
		api: 'entra',
		handle: (_ctx, req) => handleInstanceDiscovery(req),
	},
	{
		method: 'GET',
		pattern: '/:tenant/discovery/v2.0/keys',
		api: 'entra',
		handle: (ctx) => handleKeys(ctx),
	},

	graph('GET', '/security/alerts_v2', ALERT_READ, (ctx, req) => listAlerts(ctx, req)),
	graph('GET', '/security/alerts_v2/:id', ALERT_READ, (ctx, req, p) => getAlert(ctx, req, p.id)),
	graph('PATCH', '/security/alerts_v2/:id', ALERT_WRITE, (ctx, req, p) =>
		patchAlert(ctx, req, p.id),
	),
	graph('POST', '/security/alerts_v2/:id/comments', ALERT_WRITE, (ctx, req, p, caller) =>
		postAlertComment(ctx, req, p.id, caller),
	),
	graph('GET', '/security/incidents', INCIDENT_READ, (ctx, req) => listIncidents(ctx, req)),
	graph('GET', '/security/incidents/:id', INCIDENT_READ, (ctx, req, p) =>
		getIncident(ctx, req, p.id),
	),
	graph('GET', '/security/incidents/:id/alerts', [...INCIDENT_READ], (ctx, req, p) =>
		listIncidentAlerts(ctx, req, p.id),
	),
	graph('PATCH', '/security/incidents/:id', INCIDENT_WRITE, (ctx, req, p, caller) =>
		patchIncident(ctx, req, p.id, caller),
	),
	graph('POST', '/security/incidents/:id/comments', INCIDENT_WRITE, (ctx, req, p, caller) =>
		postIncidentComment(ctx, req, p.id, caller),
	),
	{
		...graph('POST', '/security/runHuntingQuery', HUNTING, (ctx, req) => runHuntingQuery(ctx, req)),
		bucket: 'hunting',
		bucketPer: 'tenant',
	},
	// $batch itself is not throttled or role-checked: each inner request is (graph-api.md §7.3).
	{
		method: 'POST',
		pattern: '/v1.0/$batch',
		api: 'graph',
		roles: [],
		handle: (ctx, req) => runBatch(ctx, req, req.seq),
	},

	mde('GET', '/machines', MACHINE_READ, (ctx, req) => listMachines(ctx, req)),
	mde('GET', '/machines/:id', MACHINE_READ, (ctx, req, p) => getMachine(ctx, req, p.id)),
	// Before the action route: the first matching route wins, and `tags` is not an action.
	mde('POST', '/machines/:id/tags', MACHINE_WRITE, (ctx, req, p) => postMachineTag(ctx, req, p.id)),
	mde(
		'POST',
		'/machines/:id/:action',
		(p) => ACTION_ROLES[p.action.toLowerCase()],
		(ctx, req, p, caller) => postMachineAction(ctx, req, p.id, p.action, caller),
	),
	mde('GET', '/machines/:id/vulnerabilities', VULNERABILITY_READ, (ctx, req, p) =>
		listMachineVulnerabilities(ctx, req, p.id),
	),
	mde('GET', '/machines/:id/software', SOFTWARE_READ, (ctx, req, p) =>
		listMachineSoftware(ctx, req, p.id),
	),
	mde('GET', '/vulnerabilities', VULNERABILITY_READ, (ctx, req) => listVulnerabilities(ctx, req)),
	mde('GET', '/vulnerabilities/:id', VULNERABILITY_READ, (ctx, req, p) =>
		getVulnerability(ctx, req, p.id),
	),
	mde('GET', '/vulnerabilities/:id/machineReferences', VULNERABILITY_READ, (ctx, req, p) =>
		listVulnerableMachines(ctx, req, p.id),
	),
	mde('GET', '/Software', SOFTWARE_READ, (ctx, req) => listSoftware(ctx, req)),
	mde('GET', '/Software/:id', SOFTWARE_READ, (ctx, req, p) => getSoftware(ctx, req, p.id)),
	mde('GET', '/machineactions', MACHINE_READ, (ctx, req) => listMachineActions(ctx, req)),
	mde('GET', '/machineactions/:id', MACHINE_READ, (ctx, req, p) =>
		getMachineAction(ctx, req, p.id),
	),
	mde('POST', '/machineactions/:id/cancel', ANY_ACTION_ROLE, (ctx, req, p, caller) =>
		cancelMachineAction(ctx, req, p.id, caller),
	),
	mde('GET', '/machineactions/:id/getPackageUri', MACHINE_READ, (ctx, req, p) =>
		getPackageUri(ctx, req, p.id),
	),
	mde('GET', '/indicators', INDICATORS, (ctx, req, _p, caller) => listIndicators(ctx, req, caller)),
	mde('POST', '/indicators', INDICATORS, (ctx, req, _p, caller) => postIndicator(ctx, req, caller)),
	mde(
		'POST',
		'/indicators/import',
		INDICATORS,
		(ctx, req, _p, caller) => importIndicators(ctx, req, caller),
		'indicatorImport',
	),
	mde(
		'POST',
		'/indicators/BatchDelete',
		INDICATORS,
		(ctx, req) => batchDeleteIndicators(ctx, req),
		'indicatorBatchDelete',
	),
	mde('DELETE', '/indicators/:id', INDICATORS, (ctx, _req, p) => deleteIndicator(ctx, p.id)),
];

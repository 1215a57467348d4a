import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_COMMENT_TEMPLATE,
	DEFAULT_ID_FIELD_PATHS,
	DEFAULT_RESOLUTION_RULES,
	MAX_SYNC_ROUNDS,
	SyncProgress,
	answerTimedOut,
	decideEntity,
	dispositionFor,
	parseFieldPath,
	readFieldPath,
	renderComment,
	resolveDefenderIds,
	selectTargets,
	validateResolutionRules,
	worthAnotherRound,
	writeMayHaveApplied,
	type Disposition,
	type EntityDecision,
	type EntityOutcome,
	type EntityState,
	type EntityTarget,
	type IdFieldPaths,
	type ResolutionRule,
	type WriteKind,
} from '../../../../lib/disposition';
import { requestTimeoutFromSeconds } from '../../../../lib/http/timeout';
import { batchRequestsOption } from '../../descriptions/batchOption';
import {
	LEAVE_UNCHANGED,
	classificationOptions,
	determinationField,
} from '../../descriptions/verdict';
import { writeOnly, type ItemWork, type PlanItem } from '../bulk';
import { commentCall, getCall, updateCall, type CallResult, type EntityCall } from '../calls';
import { readOptions } from '../params';

const properties: INodeProperties[] = [
	{
		displayName:
			'Pushes a closed case back to Defender: the linked alerts and incidents are resolved with the classification mapped from the case resolution, and get an audit comment. Running it again on the same case changes nothing.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Case System',
		name: 'caseSystem',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TheHive',
		description: 'Name of the case system, used for {system} in the comment',
	},
	{
		displayName: 'Case ID Field',
		name: 'caseIdField',
		type: 'string',
		default: 'id',
		description: 'Path of the case ID in the input item, used for {caseId} in the comment',
	},
	{
		displayName: 'Resolution Field',
		name: 'resolutionField',
		type: 'string',
		default: 'resolution',
		placeholder: 'resolutionStatus',
		description:
			'Path of the case resolution in the input item, e.g. TruePositive or FalsePositive',
	},
	{
		displayName: 'Close Alerts on Case Close',
		name: 'closeAlerts',
		type: 'boolean',
		default: true,
		description: 'Whether to resolve the Defender alerts the case links to',
	},
	{
		displayName: 'Close Incidents on Case Close',
		name: 'closeIncidents',
		type: 'boolean',
		default: true,
		description: 'Whether to resolve the Defender incidents the case links to',
	},
	{
		displayName: 'Comment Template',
		name: 'commentTemplate',
		type: 'string',
		default: DEFAULT_COMMENT_TEMPLATE,
		description:
			'Comment added to each resolved entity; {caseId}, {system} and {resolution} are filled in. Leave empty for no comment.',
	},
	{
		displayName: 'Resolution Mapping',
		name: 'resolutionMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {
			rules: DEFAULT_RESOLUTION_RULES.map((rule) => ({ ...rule, determination: LEAVE_UNCHANGED })),
		},
		description:
			'Which Defender classification each case resolution becomes. Resolutions match ignoring case, spaces, hyphens and underscores.',
		options: [
			{
				name: 'rules',
				displayName: 'Rule',
				values: [
					{
						displayName: 'Resolution',
						name: 'resolution',
						type: 'string',
						default: '',
						placeholder: 'FalsePositive',
					},
					{
						displayName: 'Classification',
						name: 'classification',
						type: 'options',
						options: classificationOptions,
						default: 'truePositive',
					},
					determinationField('determination'),
				],
			},
		],
	},
	{
		displayName: 'Classification for Other Resolutions',
		name: 'otherClassification',
		type: 'options',
		options: classificationOptions,
		default: 'truePositive',
		description: 'Used when the resolution is empty or matches no rule',
	},
	determinationField('otherDetermination', {
		displayName: 'Determination for Other Resolutions',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Alert ID Field',
				name: 'alertIdField',
				type: 'string',
				default: 'extraData.defenderAlertId',
				description:
					'Path of the Defender alert ID (or a list of them); looked up first. Empty turns it off.',
			},
			batchRequestsOption,
			{
				displayName: 'Incident ID Field',
				name: 'incidentIdField',
				type: 'string',
				default: 'extraData.defenderIncidentId',
				description:
					'Path of the Defender incident ID (or a list of them); looked up first. Empty turns it off.',
			},
			{
				displayName: 'Source Field',
				name: 'sourceField',
				type: 'string',
				default: 'extraData.source',
				description:
					"Path of the field that says where the case came from; when it is 'defender', the source reference is the Defender ID",
			},
			{
				displayName: 'Source Reference Field',
				name: 'sourceRefField',
				type: 'string',
				default: 'sourceRef',
				description:
					"Path of the case's source reference: incident:2972395 for an incident, else an alert ID. An ID starting with 'da' is taken as a Defender alert whatever the source.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['syncDisposition'] } },
	properties,
);

interface SyncSettings {
	system: string;
	caseIdPath: string[];
	resolutionPath: string[];
	closeAlerts: boolean;
	closeIncidents: boolean;
	template: string;
	rules: ResolutionRule[];
	fallback: Omit<ResolutionRule, 'resolution'>;
	paths: IdFieldPaths;
	/** A request whose answer timed out may still land this long after (Request Timeout). */
	requestTimeoutMs: number;
}

function text(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

function readSettings(context: IExecuteFunctions, itemIndex: number): SyncSettings {
	const param = (name: string, fallback: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);
	const options = readOptions(context, itemIndex);
	const path = (name: string, fallback: string) =>
		options[name] === undefined ? fallback : text(options[name]);
	const mapping = param('resolutionMapping', { rules: DEFAULT_RESOLUTION_RULES }) as IDataObject;
	const settings: SyncSettings = {
		system: text(param('caseSystem', '')),
		caseIdPath: parseFieldPath(text(param('caseIdField', 'id')), 'Case ID Field'),
		resolutionPath: parseFieldPath(
			text(param('resolutionField', 'resolution')),
			'Resolution Field',
		),
		closeAlerts: param('closeAlerts', true) !== false,
		closeIncidents: param('closeIncidents', true) !== false,
		template: String(param('commentTemplate', DEFAULT_COMMENT_TEMPLATE)),
		rules: ((mapping.rules as ResolutionRule[] | undefined) ?? []).map((rule) => ({
			resolution: text(rule.resolution),
			classification: text(rule.classification),
			determination: text(rule.determination) || undefined,
		})),
		fallback: {
			classification: text(param('otherClassification', 'truePositive')),
			determination: text(param('otherDetermination', LEAVE_UNCHANGED)) || undefined,
		},
		paths: {
			alertId: path('alertIdField', DEFAULT_ID_FIELD_PATHS.alertId),
			incidentId: path('incidentIdField', DEFAULT_ID_FIELD_PATHS.incidentId),
			sourceRef: path('sourceRefField', DEFAULT_ID_FIELD_PATHS.sourceRef),
			source: path('sourceField', DEFAULT_ID_FIELD_PATHS.source),
		},
		requestTimeoutMs: requestTimeoutFromSeconds(
			(param('requestOptions', {}) as IDataObject).requestTimeout,
		),
	};
	validateResolutionRules(settings.rules, settings.fallback);
	return settings;
}

interface Summary {
	caseId: string;
	resolution: string;
	classification: string;
	determination?: string;
	comment?: string;
	idRule: string;
}

/**
 * The case passes through, without the request headers an n8n Webhook item carries: they hold the
 * case system's key (Header Auth value, Authorization, cookies), which must not travel on into this
 * node's output, the execution data or an answer sent back to the caller.
 */
function passThrough(json: IDataObject): IDataObject {
	const webhookItem =
		typeof json.headers === 'object' &&
		json.headers !== null &&
		!Array.isArray(json.headers) &&
		'body' in json;
	if (!webhookItem) return json;
	return Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'headers'));
}

function report(
	json: IDataObject,
	sync: IDataObject & { status: 'synced' | 'skipped'; entities: EntityOutcome[] },
): IDataObject {
	return { ...passThrough(json), defenderSync: sync as unknown as IDataObject };
}

function skippedCase(json: IDataObject, reason: string, entities: EntityOutcome[] = []): ItemWork {
	return writeOnly([], () => report(json, { status: 'skipped', reason, entities }));
}

/** The chain for one entity: the resolve (if needed), then the comment (if needed). */
function chainFor(target: EntityTarget, decision: EntityDecision): EntityCall[] {
	if (decision.skip) return [];
	const chain: EntityCall[] = [];
	if (decision.patch) chain.push(updateCall(target.type, target.id, { ...decision.patch }));
	if (decision.comment) chain.push(commentCall(target.type, target.id, decision.comment));
	return chain;
}

/** Records what each write of a round did: done, failed, or unknown when its answer was lost. */
function recordRound(
	progress: SyncProgress,
	chains: ReadonlyArray<{ target: number; calls: EntityCall[] }>,
	results: ReadonlyArray<ReadonlyArray<CallResult>>,
): void {
	chains.forEach((chain, c) => {
		(results[c] ?? []).forEach((result, k) => {
			const call = chain.calls[k] as EntityCall;
			const kind: WriteKind = call.op === 'comment' ? 'comment' : 'resolve';
			if (result.ok) progress.record(chain.target, kind, 'done');
			else
				progress.record(
					chain.target,
					kind,
					writeMayHaveApplied(result.error) ? 'unknown' : 'failed',
				);
		});
	});
}

/**
 * Reads every linked entity, then resolves and comments what is missing. After a failure that may
 * pass, the next round reads again: a write whose answer was lost is seen there and not sent twice.
 */
function syncWork(
	json: IDataObject,
	targets: EntityTarget[],
	skipped: EntityOutcome[],
	disposition: Disposition,
	summary: Summary,
	requestTimeoutMs: number,
): ItemWork {
	const progress = new SyncProgress(targets);
	let decisions: Array<EntityDecision | undefined> = [];
	let chains: Array<{ target: number; calls: EntityCall[] }> = [];
	return {
		reads: targets.map((target) => getCall(target.type, target.id)),
		decide: (states) => {
			decisions = targets.map((target, i) =>
				decideEntity(target.type, states[i] as EntityState, disposition, summary.comment),
			);
			decisions.forEach((decision, i) => progress.confirm(i, decision as EntityDecision));
			chains = targets
				.map((target, i) => ({
					target: i,
					calls: chainFor(target, decisions[i] as EntityDecision),
				}))
				.filter((chain) => chain.calls.length > 0);
			const round = chains;
			return {
				chains: round.map((chain) => chain.calls),
				finish: (values) => {
					recordRound(
						progress,
						round,
						values.map((list) => list.map((value) => ({ ok: true as const, value }))),
					);
					const entities: EntityOutcome[] = targets.map((target, i) => {
						const decision = decisions[i] as EntityDecision;
						return decision.skip
							? { ...target, actions: ['skipped'], reason: decision.reason }
							: { ...target, actions: progress.actions(i, decision) };
					});
					entities.push(...skipped);
					const touched = decisions.some((decision) => decision && !decision.skip);
					return report(json, {
						status: touched ? 'synced' : 'skipped',
						...(touched ? {} : { reason: 'No linked entity could be resolved' }),
						...summary,
						entities,
					});
				},
			};
		},
		onFailure: ({ error, writes, round }) => {
			if (writes.length > 0) recordRound(progress, chains, writes);
			if (round < MAX_SYNC_ROUNDS && worthAnotherRound(error)) {
				// A write that timed out may still be running: read again only once it has had the time.
				const timedOut = writes.flat().some((result) => !result.ok && answerTimedOut(result.error));
				return timedOut ? { again: true, pauseMs: requestTimeoutMs } : { again: true };
			}
			return { error: progress.giveUp(error, decisions, summary.caseId) };
		},
	};
}

/**
 * Per case: find the linked ids (skipped when none), map the resolution, read each entity, then
 * resolve and comment only where that is not already done.
 */
export const plan: PlanItem = function (itemIndex) {
	const settings = readSettings(this, itemIndex);
	const json = this.getInputData()[itemIndex]?.json ?? {};
	const found = resolveDefenderIds(json, settings.paths);
	if (!found.found) return skippedCase(json, found.reason);
	if (!settings.closeAlerts && !settings.closeIncidents) {
		return skippedCase(
			json,
			'Close Alerts on Case Close and Close Incidents on Case Close are both off',
		);
	}
	const { targets, skipped } = selectTargets(found, settings);
	if (targets.length === 0) return skippedCase(json, skipped[0]?.reason ?? '', skipped);

	const resolution = text(readFieldPath(json, settings.resolutionPath));
	const caseId = text(readFieldPath(json, settings.caseIdPath));
	const disposition = dispositionFor(resolution, settings.rules, settings.fallback);
	const comment = renderComment(settings.template, {
		caseId,
		system: settings.system,
		resolution: resolution || 'none',
	});
	const summary: Summary = {
		caseId,
		resolution,
		classification: disposition.classification,
		idRule: found.rule,
	};
	if (disposition.determination) summary.determination = disposition.determination;
	if (comment) summary.comment = comment;
	return syncWork(json, targets, skipped, disposition, summary, settings.requestTimeoutMs);
};

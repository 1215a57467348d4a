/**
 * Dispatch by resource and operation. Reads run item by item through the shared item loop;
 * writes go through the bulk runner, which can group all items into JSON $batch calls; whole-run
 * operations (device actions, indicator import, delete and sync) take every item at once because
 * a limit or a desired state spans the execution. All give every output item its pairedItem and
 * honour Continue On Fail.
 */

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../lib/client/DefenderClient';
import { requestTimeoutFromSeconds } from '../../../lib/http/timeout';
import { buildDefenderClient } from '../../shared/client';
import { toNodeError } from '../../shared/errors';
import { mapItems } from '../../shared/itemLoop';
import * as alert from './alert';
import { runBulk, type PlanItem } from './bulk';
import * as caseResource from './case';
import * as device from './device';
import * as hunting from './hunting';
import * as incident from './incident';
import * as indicator from './indicator';
import * as software from './software';
import * as vulnerability from './vulnerability';
import type { DefenderType } from './node.type';

type ReadOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
) => Promise<IDataObject | IDataObject[]>;

/** Runs over all input items together and pairs each output item itself. */
export type WholeRunOperation = (
	this: IExecuteFunctions,
	client: DefenderClient,
) => Promise<INodeExecutionData[]>;

type Operation =
	| { kind: 'read'; execute: ReadOperation }
	| { kind: 'write'; plan: PlanItem }
	| { kind: 'wholeRun'; execute: WholeRunOperation };

const read = (execute: ReadOperation): Operation => ({ kind: 'read', execute });
const write = (plan: PlanItem): Operation => ({ kind: 'write', plan });
const wholeRun = (execute: WholeRunOperation): Operation => ({ kind: 'wholeRun', execute });

export const OPERATIONS: Record<string, Record<string, Operation>> = {
	alert: {
		get: read(alert.get.execute),
		getMany: read(alert.getMany.execute),
		update: write(alert.update.plan),
		addComment: write(alert.addComment.plan),
		resolve: write(alert.resolve.plan),
	},
	incident: {
		get: read(incident.get.execute),
		getMany: read(incident.getMany.execute),
		update: write(incident.update.plan),
		addComment: write(incident.addComment.plan),
		resolve: write(incident.resolve.plan),
		assign: write(incident.assign.plan),
	},
	case: {
		syncDisposition: write(caseResource.syncDisposition.plan),
	},
	device: {
		get: read(device.get.execute),
		getMany: read(device.getMany.execute),
		addTag: read(device.addTag.execute),
		removeTag: read(device.removeTag.execute),
		isolate: wholeRun(device.isolate.execute),
		unisolate: wholeRun(device.unisolate.execute),
		runAntiVirusScan: wholeRun(device.runAntiVirusScan.execute),
		restrictCodeExecution: wholeRun(device.restrictCodeExecution.execute),
		unrestrictCodeExecution: wholeRun(device.unrestrictCodeExecution.execute),
		collectInvestigationPackage: wholeRun(device.collectInvestigationPackage.execute),
		stopAndQuarantineFile: wholeRun(device.stopAndQuarantineFile.execute),
		offboard: wholeRun(device.offboard.execute),
	},
	indicator: {
		create: read(indicator.create.execute),
		getMany: read(indicator.getMany.execute),
		delete: wholeRun(indicator.deleteIndicator.execute),
		import: wholeRun(indicator.importIndicators.execute),
		sync: wholeRun(indicator.sync.execute),
	},
	hunting: {
		runQuery: read(hunting.runQuery.execute),
	},
	vulnerability: {
		getMany: read(vulnerability.getMany.execute),
	},
	software: {
		getMany: read(software.getMany.execute),
	},
} satisfies { [R in DefenderType['resource']]: Record<string, Operation> };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation '${operation}' of '${resource}' is not supported.`,
			{ description: 'Pick the resource and operation again in the node.' },
		);
	}

	let client: DefenderClient;
	try {
		const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
		client = await buildDefenderClient(this, {
			requestTimeoutMs: requestTimeoutFromSeconds(requestOptions.requestTimeout),
		});
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}

	if (handler.kind === 'write') return [await runBulk(this, client, handler.plan)];
	if (handler.kind === 'wholeRun') return [await handler.execute.call(this, client)];
	return [
		await mapItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex, client)),
	];
}

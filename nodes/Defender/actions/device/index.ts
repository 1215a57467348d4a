import type { INodeProperties } from 'n8n-workflow';

import * as addTag from './addTag.operation';
import * as collectInvestigationPackage from './collectInvestigationPackage.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as isolate from './isolate.operation';
import * as offboard from './offboard.operation';
import * as removeTag from './removeTag.operation';
import * as restrictCodeExecution from './restrictCodeExecution.operation';
import * as runAntiVirusScan from './runAntiVirusScan.operation';
import * as stopAndQuarantineFile from './stopAndQuarantineFile.operation';
import * as unisolate from './unisolate.operation';
import * as unrestrictCodeExecution from './unrestrictCodeExecution.operation';

export {
	addTag,
	collectInvestigationPackage,
	get,
	getMany,
	isolate,
	offboard,
	removeTag,
	restrictCodeExecution,
	runAntiVirusScan,
	stopAndQuarantineFile,
	unisolate,
	unrestrictCodeExecution,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		options: [
			{
				name: 'Add Tag',
				value: 'addTag',
				description: 'Add a tag to a device',
				action: 'Add a tag to a device',
			},
			{
				name: 'Collect Investigation Package',
				value: 'collectInvestigationPackage',
				description: 'Collect forensic data from devices and return the package download link',
				action: 'Collect an investigation package from devices',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a device by ID',
				action: 'Get a device',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List devices matching filters',
				action: 'Get many devices',
			},
			{
				name: 'Isolate',
				value: 'isolate',
				description: 'Isolate devices from the network, within the guardrails',
				action: 'Isolate devices',
			},
			{
				name: 'Offboard',
				value: 'offboard',
				description: 'Offboard devices from Defender for Endpoint, within the guardrails',
				action: 'Offboard devices',
			},
			{
				name: 'Release From Isolation',
				value: 'unisolate',
				description: 'Undo the isolation of devices',
				action: 'Release devices from isolation',
			},
			{
				name: 'Remove App Restriction',
				value: 'unrestrictCodeExecution',
				description: 'Let devices run any application again',
				action: 'Remove the app restriction from devices',
			},
			{
				name: 'Remove Tag',
				value: 'removeTag',
				description: 'Remove a tag from a device',
				action: 'Remove a tag from a device',
			},
			{
				name: 'Restrict App Execution',
				value: 'restrictCodeExecution',
				description: 'Let devices run only Microsoft-signed applications',
				action: 'Restrict app execution on devices',
			},
			{
				name: 'Run Antivirus Scan',
				value: 'runAntiVirusScan',
				description: 'Start a quick or full Microsoft Defender Antivirus scan',
				action: 'Run an antivirus scan on devices',
			},
			{
				name: 'Stop and Quarantine File',
				value: 'stopAndQuarantineFile',
				description: 'Stop a file’s processes on devices and quarantine the file',
				action: 'Stop and quarantine a file on devices',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...addTag.description,
	...removeTag.description,
	...isolate.description,
	...unisolate.description,
	...runAntiVirusScan.description,
	...restrictCodeExecution.description,
	...unrestrictCodeExecution.description,
	...collectInvestigationPackage.description,
	...stopAndQuarantineFile.description,
	...offboard.description,
];

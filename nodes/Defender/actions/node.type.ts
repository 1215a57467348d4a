import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	alert: 'get' | 'getMany' | 'update' | 'addComment' | 'resolve';
	incident: 'get' | 'getMany' | 'update' | 'addComment' | 'resolve' | 'assign';
	case: 'syncDisposition';
	device:
		| 'get'
		| 'getMany'
		| 'addTag'
		| 'removeTag'
		| 'isolate'
		| 'unisolate'
		| 'runAntiVirusScan'
		| 'restrictCodeExecution'
		| 'unrestrictCodeExecution'
		| 'collectInvestigationPackage'
		| 'stopAndQuarantineFile'
		| 'offboard';
	indicator: 'create' | 'getMany' | 'delete' | 'import' | 'sync';
	hunting: 'runQuery';
	vulnerability: 'getMany';
	software: 'getMany';
};

export type DefenderType = AllEntities<NodeMap>;

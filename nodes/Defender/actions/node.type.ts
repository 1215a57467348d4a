import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	alert: 'get' | 'getMany' | 'update' | 'addComment' | 'resolve';
	incident: 'get' | 'getMany' | 'update' | 'addComment' | 'resolve' | 'assign';
	case: 'syncDisposition';
};

export type DefenderType = AllEntities<NodeMap>;

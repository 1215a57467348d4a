/** MITRE ATT&CK Enterprise tactics (v15/v16): short name → id and display name. */

export type TacticShortName =
	| 'reconnaissance'
	| 'resource-development'
	| 'initial-access'
	| 'execution'
	| 'persistence'
	| 'privilege-escalation'
	| 'defense-evasion'
	| 'credential-access'
	| 'discovery'
	| 'lateral-movement'
	| 'collection'
	| 'command-and-control'
	| 'exfiltration'
	| 'impact';

export interface TacticInfo {
	/** ATT&CK tactic id, e.g. `TA0005`. */
	id: string;
	/** Display name, e.g. `Defense Evasion`. */
	name: string;
}

export const TACTICS: Readonly<Record<TacticShortName, TacticInfo>> = {
	reconnaissance: { id: 'TA0043', name: 'Reconnaissance' },
	'resource-development': { id: 'TA0042', name: 'Resource Development' },
	'initial-access': { id: 'TA0001', name: 'Initial Access' },
	execution: { id: 'TA0002', name: 'Execution' },
	persistence: { id: 'TA0003', name: 'Persistence' },
	'privilege-escalation': { id: 'TA0004', name: 'Privilege Escalation' },
	'defense-evasion': { id: 'TA0005', name: 'Defense Evasion' },
	'credential-access': { id: 'TA0006', name: 'Credential Access' },
	discovery: { id: 'TA0007', name: 'Discovery' },
	'lateral-movement': { id: 'TA0008', name: 'Lateral Movement' },
	collection: { id: 'TA0009', name: 'Collection' },
	'command-and-control': { id: 'TA0011', name: 'Command and Control' },
	exfiltration: { id: 'TA0010', name: 'Exfiltration' },
	impact: { id: 'TA0040', name: 'Impact' },
};

export function tacticInfo(shortName: string): TacticInfo | undefined {
	return Object.prototype.hasOwnProperty.call(TACTICS, shortName)
		? TACTICS[shortName as TacticShortName]
		: undefined;
}

/** Which of the found entities a sync touches, given the "close alerts / incidents" options. */

import type { EntityAction, EntityType } from './decide';
import type { IdResolution } from './ids';

export interface CloseOptions {
	closeAlerts: boolean;
	closeIncidents: boolean;
}

export interface EntityTarget {
	type: EntityType;
	id: string;
}

export interface EntityOutcome extends EntityTarget {
	actions: EntityAction[];
	reason?: string;
}

export interface TargetSelection {
	targets: EntityTarget[];
	/** Found but not touched, with the reason. */
	skipped: EntityOutcome[];
}

const OFF_REASON: Record<EntityType, string> = {
	alert: 'Close Alerts on Case Close is off',
	incident: 'Close Incidents on Case Close is off',
};

export function selectTargets(
	found: Extract<IdResolution, { found: true }>,
	options: CloseOptions,
): TargetSelection {
	const selection: TargetSelection = { targets: [], skipped: [] };
	const add = (type: EntityType, ids: string[], enabled: boolean) => {
		for (const id of ids) {
			if (enabled) selection.targets.push({ type, id });
			else selection.skipped.push({ type, id, actions: ['skipped'], reason: OFF_REASON[type] });
		}
	};
	add('alert', found.alertIds, options.closeAlerts);
	add('incident', found.incidentIds, options.closeIncidents);
	return selection;
}

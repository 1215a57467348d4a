import { DefenderError } from '../errors';
import { systemClock, type Clock } from '../ports';
import { OBSERVABLE_TYPES, type ObservableType } from './types';

export type OutputProfile = 'default' | 'ocsf' | 'ecs';

export const OUTPUT_PROFILES: readonly OutputProfile[] = ['default', 'ocsf', 'ecs'];

export interface NormalizeOptions {
	/** `default` (the record documented in README, "Defender Normalize"), `ocsf` (Detection Finding) or `ecs`. */
	profile?: OutputProfile;
	/** Attach the Defender object as received (`raw`; OCSF `raw_data`; ECS `event.original`). */
	includeRaw?: boolean;
	/** For incidents, also emit one record per alert after the incident record. */
	splitIncidentAlerts?: boolean;
	/** Traffic Light Protocol 0–4, default 2 (AMBER). */
	tlp?: number;
	/** Permissible Actions Protocol 0–3, default 2 (AMBER). */
	pap?: number;
	/** Keep only observables of these types; empty or absent keeps all. */
	observableTypes?: readonly string[];
	/** Only used when an entity carries no timestamp at all (OCSF `time`, ECS `@timestamp`). */
	clock?: Clock;
}

export interface ResolvedOptions {
	profile: OutputProfile;
	includeRaw: boolean;
	splitIncidentAlerts: boolean;
	tlp: number;
	pap: number;
	keepTypes: ReadonlySet<ObservableType> | undefined;
	clock: Clock;
}

const knownTypes: ReadonlySet<string> = new Set(OBSERVABLE_TYPES);
const cache = new WeakMap<NormalizeOptions, ResolvedOptions>();

export const DEFAULT_OPTIONS: ResolvedOptions = Object.freeze({
	profile: 'default',
	includeRaw: false,
	splitIncidentAlerts: false,
	tlp: 2,
	pap: 2,
	keepTypes: undefined,
	clock: systemClock,
});

function invalid(message: string, hint: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function level(name: 'tlp' | 'pap', value: unknown, max: number): number {
	if (value === undefined || value === null) return 2;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
		const got = typeof value === 'number' ? String(value) : `a ${typeof value}`;
		throw invalid(
			`Option '${name}' must be a whole number from 0 to ${max}; got ${got}.`,
			`Set ${name.toUpperCase()} to 0–${max} (2 = AMBER, the default).`,
		);
	}
	return value;
}

/** Validates options once; the same options object is resolved from a cache afterwards. */
export function resolveOptions(options?: NormalizeOptions): ResolvedOptions {
	if (!options) return DEFAULT_OPTIONS;
	const cached = cache.get(options);
	if (cached) return cached;

	const profile = options.profile ?? 'default';
	if (!OUTPUT_PROFILES.includes(profile)) {
		throw invalid(
			`Option 'profile' must be one of ${OUTPUT_PROFILES.join(', ')}; got '${String(profile).slice(0, 40)}'.`,
			'Choose default, ocsf or ecs.',
		);
	}
	const tlp = level('tlp', options.tlp, 4);
	const pap = level('pap', options.pap, 3);
	let keepTypes: Set<ObservableType> | undefined;
	if (options.observableTypes !== undefined && options.observableTypes !== null) {
		if (!Array.isArray(options.observableTypes)) {
			throw invalid(
				"Option 'observableTypes' must be a list of observable types.",
				`Use any of: ${OBSERVABLE_TYPES.join(', ')}.`,
			);
		}
		const unknown = options.observableTypes.filter((type) => !knownTypes.has(type));
		if (unknown.length > 0) {
			throw invalid(
				`Option 'observableTypes' has unknown type${unknown.length > 1 ? 's' : ''} ${unknown
					.map((type) => `'${String(type).slice(0, 40)}'`)
					.join(', ')}.`,
				`Use any of: ${OBSERVABLE_TYPES.join(', ')}.`,
			);
		}
		if (options.observableTypes.length > 0) {
			keepTypes = new Set(options.observableTypes as ObservableType[]);
		}
	}
	const resolved: ResolvedOptions = {
		profile,
		includeRaw: options.includeRaw === true,
		splitIncidentAlerts: options.splitIncidentAlerts === true,
		tlp,
		pap,
		keepTypes,
		clock: options.clock ?? systemClock,
	};
	cache.set(options, resolved);
	return resolved;
}

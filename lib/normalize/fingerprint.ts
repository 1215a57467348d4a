import * as nodeCrypto from 'crypto';

import type { SourceType } from './types';

/** Incident `sourceRef`s carry this prefix; alert `sourceRef`s are the bare alert id. */
export const INCIDENT_SOURCE_REF_PREFIX = 'incident:';

export function sourceRefOf(sourceType: SourceType, id: string): string {
	return sourceType === 'incident' ? `${INCIDENT_SOURCE_REF_PREFIX}${id}` : id;
}

/** Reads a `sourceRef` back: `incident:28282` → incident 28282; anything else is an alert id. */
export function parseSourceRef(sourceRef: string): { sourceType: SourceType; id: string } {
	return sourceRef.startsWith(INCIDENT_SOURCE_REF_PREFIX)
		? { sourceType: 'incident', id: sourceRef.slice(INCIDENT_SOURCE_REF_PREFIX.length) }
		: { sourceType: 'alert', id: sourceRef };
}

/**
 * sha256 hex of `sourceRef + '|' + lastUpdateDateTime` (empty when absent): stable across runs
 * and Node versions, equal for the same version of an entity, different after any update.
 */
export function fingerprintOf(sourceRef: string, lastUpdateDateTime: string | null): string {
	return sha256Hex(`${sourceRef}|${lastUpdateDateTime ?? ''}`);
}

// One-shot `crypto.hash` (Node 20.12+) is about twice as fast as createHash for short input;
// both give the same digest.
const sha256Hex: (text: string) => string =
	typeof nodeCrypto.hash === 'function'
		? (text) => nodeCrypto.hash('sha256', text, 'hex')
		: (text) => nodeCrypto.createHash('sha256').update(text).digest('hex');

/** DefenderNormalize core: Defender alerts and incidents → case-ready records. */
export { normalizeInput, type NormalizedOutput } from './normalize';
export {
	normalizeAlert,
	normalizeIncident,
	detectKind,
	isNormalizedRecord,
	type InputKind,
} from './input';
export {
	toOcsfDetectionFinding,
	ocsfFromRecord,
	OCSF_VERSION,
	type OcsfDetectionFinding,
} from './ocsf';
export { toEcs, ecsFromRecord, ECS_VERSION, type EcsDocument } from './ecs';
export { NormalizeInputError } from './errors';
export {
	resolveOptions,
	OUTPUT_PROFILES,
	type NormalizeOptions,
	type OutputProfile,
	type ResolvedOptions,
} from './options';
export { parseSourceRef, INCIDENT_SOURCE_REF_PREFIX } from './fingerprint';
export { caseSeverity } from './severity';
export { normalizedRecordSchema, observableSchema, assetSchema, ttpSchema } from './schema';
export { resolveTechnique, TACTICS, TECHNIQUES, type Ttp, type TacticShortName } from './mitre';
export {
	OBSERVABLE_TYPES,
	type Asset,
	type ExtraData,
	type HashType,
	type NormalizedComment,
	type NormalizedRecord,
	type Observable,
	type ObservableType,
	type SourceType,
	type UserIdType,
} from './types';

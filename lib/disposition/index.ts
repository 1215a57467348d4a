export { checkVerdict, requireClassification, requireDetermination, type Verdict } from './verdict';
export { parseFieldPath, readFieldPath } from './fieldPath';
export {
	DEFAULT_ID_FIELD_PATHS,
	resolveDefenderIds,
	type IdFieldPaths,
	type IdResolution,
	type IdRule,
} from './ids';
export {
	DEFAULT_FALLBACK,
	DEFAULT_RESOLUTION_RULES,
	dispositionFor,
	resolutionKey,
	validateResolutionRules,
	type Disposition,
	type ResolutionRule,
} from './mapping';
export {
	DEFAULT_COMMENT_TEMPLATE,
	renderComment,
	sameComment,
	type CommentValues,
} from './comment';
export {
	decideEntity,
	type EntityAction,
	type EntityDecision,
	type EntityState,
	type EntityType,
	type ResolvePatch,
} from './decide';
export {
	selectTargets,
	type CloseOptions,
	type EntityOutcome,
	type EntityTarget,
	type TargetSelection,
} from './targets';
export {
	MAX_SYNC_ROUNDS,
	SyncProgress,
	answerTimedOut,
	worthAnotherRound,
	writeMayHaveApplied,
	type WriteKind,
	type WriteOutcome,
} from './progress';

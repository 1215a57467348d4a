/** The trigger's polling logic: state, cursor rules and the poll runner. */

export * from './types';
export { toTimeKey, type TimeKey } from './time';
export { parseState, freshState, STATE_VERSION, type PollState, type ParsedState } from './state';
export {
	resolvePollOptions,
	resolveFilters,
	DEFAULT_MAX_ITEMS,
	DEFAULT_MAX_LOOK_BACK_MS,
	DEFAULT_OVERLAP_MS,
	MAX_PAGE_SIZE,
	type PollOptions,
	type PollOptionsInput,
} from './options';
export { DEFAULT_DEDUP_BOUND, SeenSet, dedupKey, type SeenEntry } from './seen';
export { computeWindow, classifyEvent, type PollWindow } from './cursor';
export { matchesFilters, serverFilters } from './filters';
export { toODataFilter, toODataParams } from './query';
export {
	runPoll,
	latestItems,
	type RunPollInput,
	type RunPollResult,
	type PollStats,
	type LatestItemsInput,
	type LatestItemsStats,
} from './runPoll';
export {
	OverlappingPolls,
	DEFAULT_OVERLAP_TIMINGS,
	pageSignature,
	type OverlapTimings,
	type PollOutcome,
} from './overlap';

/** Advanced hunting: one query, or a long range split into slices. */

export {
	HUNTING_PATH,
	HUNTING_ROW_LIMIT,
	classifyHuntingError,
	huntingError,
	runHuntingQuery,
	runHuntingQuerySliced,
	type HuntingColumn,
	type HuntingFailure,
	type HuntingQueryInput,
	type HuntingResult,
	type HuntingRow,
	type SliceReport,
	type SlicedHuntingInput,
	type SlicedHuntingResult,
} from './runQuery';
export {
	HUNTING_DEFAULT_SPAN_MS,
	parseIsoDuration,
	parseTimespan,
	splitRange,
	type TimeRange,
	type TimeSlice,
} from './timespan';

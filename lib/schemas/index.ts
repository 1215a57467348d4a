export { graphAlertSchema, type GraphAlert } from './alert';
export { graphIncidentSchema, type GraphIncident } from './incident';
export { alertCommentSchema, commentListSchema, type AlertComment } from './comment';
export { collectionSchema, type Collection } from './collection';
export { batchResponseSchema, batchResponseItemSchema, type BatchResponseItem } from './batch';
export {
	graphEvidenceSchema,
	evidenceEntrySchema,
	genericEvidenceSchema,
	fileDetailsSchema,
	userAccountSchema,
	type GraphEvidence,
	type EvidenceEntry,
	type FileDetails,
	type UserAccount,
} from './evidence';
export { parseResponse, summarizeIssues } from './parse';

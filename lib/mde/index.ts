/** Defender for Endpoint: devices, response actions with guardrails, indicators, inventory. */

export type { DefenderApi, MdeListOptions } from './api';
export * from './schemas';
export {
	MACHINE_TAG_PERMISSION,
	addMachineTag,
	getMachine,
	listMachines,
	machineFilter,
	removeMachineTag,
	tagMachine,
	type ListMachinesOptions,
	type MachineFilters,
	type TagAction,
} from './machines';
export {
	ACTION_SPECS,
	DEVICE_ACTION_TYPES,
	ISOLATION_TYPES,
	SCAN_TYPES,
	actionBody,
	getMachineAction,
	getPackageUri,
	isAlreadyInProgress,
	isDeviceActionType,
	listMachineActions,
	machineActionFilter,
	newestFirst,
	requestMachineAction,
	type ActionRequestResult,
	type DeviceActionRequest,
	type DeviceActionType,
	type IsolationType,
	type ListMachineActionsOptions,
	type MachineActionType,
	type ScanType,
} from './actions';
export {
	DEFAULT_WAIT_TIMEOUT_MS,
	FINAL_ACTION_STATUSES,
	isFinalActionStatus,
	waitForAction,
	type FinalActionStatus,
	type WaitOptions,
	type WaitResult,
} from './waitForAction';
export { checkActionState, historyTypesFor, type StateCheck } from './actionState';
export {
	DEFAULT_GUARDED_ACTIONS,
	DEFAULT_MAX_DEVICES,
	DEFAULT_PROTECTED_TAG,
	checkDeviceCount,
	planDeviceActions,
	resolveGuardrails,
	type DeviceFacts,
	type DeviceGuardrails,
	type DevicePlan,
	type PlanStep,
	type StepCode,
} from './guardrails';
export {
	runDeviceActions,
	type DeviceActionOutcome,
	type DeviceActionReport,
	type DeviceActionResult,
	type RunDeviceActionsOptions,
	type WaitSettings,
} from './deviceActions';
export {
	ACTIONS_BY_TYPE,
	WEAK_HASH_TYPES,
	indicatorKey,
	indicatorTypeFor,
	normalizeIndicatorValue,
	refang,
	type IndicatorType,
	type NormalizedIndicator,
} from './indicatorValues';
export {
	CURRENT_INDICATOR_ACTIONS,
	INDICATOR_BATCH_SIZE,
	INDICATOR_CAP,
	batchDeleteIndicators,
	deleteIndicator,
	importIndicators,
	indicatorBody,
	indicatorFilter,
	listIndicators,
	submitIndicator,
	type BatchDeleteOutcome,
	type ImportOutcome,
	type IndicatorAction,
	type IndicatorBody,
	type IndicatorFilters,
	type IndicatorInput,
	type ListIndicatorsOptions,
} from './indicators';
export {
	CAP_POLICIES,
	REMOVAL_MODES,
	indicatorOwner,
	planIndicatorSync,
	resolveSyncSettings,
	sourceMarker,
	type CapPolicy,
	type RemovalMode,
	type SyncFilters,
	type SyncPlan,
	type SyncSettings,
	type UpstreamIndicator,
} from './indicatorSyncPlan';
export { syncIndicators, type SyncEntry, type SyncOptions, type SyncReport } from './indicatorSync';
export {
	VULNERABILITY_SEVERITIES,
	cveId,
	listMachineSoftware,
	listMachineVulnerabilities,
	listVulnerabilities,
	listVulnerableMachines,
	vulnerabilityFilter,
	type ListVulnerabilitiesOptions,
	type VulnerabilityFilters,
} from './inventory';

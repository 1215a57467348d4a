/**
 * Advanced hunting tables derived from the emulated tenant: AlertInfo, AlertEvidence and
 * DeviceInfo, with the column names and types of the Defender XDR schema.
 */
import type { EmulatorState } from '../state';

export type HuntingRow = Record<string, unknown>;

export interface HuntingTable {
	columns: { name: string; type: string }[];
	rows: () => HuntingRow[];
}

const SEVERITY: Record<string, string> = {
	informational: 'Informational',
	low: 'Low',
	medium: 'Medium',
	high: 'High',
	unknown: 'Unknown',
};

const ENTITY_TYPES: Record<string, string> = {
	fileEvidence: 'File',
	processEvidence: 'Process',
	deviceEvidence: 'Machine',
	userEvidence: 'User',
	ipEvidence: 'Ip',
	urlEvidence: 'Url',
	mailboxEvidence: 'Mailbox',
	analyzedMessageEvidence: 'MailMessage',
	mailClusterEvidence: 'MailCluster',
	cloudApplicationEvidence: 'CloudApplication',
	oauthApplicationEvidence: 'OAuthApplication',
	registryKeyEvidence: 'RegistryKey',
	registryValueEvidence: 'RegistryValue',
	securityGroupEvidence: 'SecurityGroup',
};

const columns = (spec: string): { name: string; type: string }[] =>
	spec.split(',').map((c) => {
		const [name, type] = c.trim().split(':');
		return { name, type };
	});

function str(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

export function huntingTables(state: EmulatorState): Record<string, HuntingTable> {
	return {
		AlertInfo: {
			columns: columns(
				'Timestamp:DateTime,AlertId:String,Title:String,Category:String,Severity:String,ServiceSource:String,DetectionSource:String,AttackTechniques:String',
			),
			rows: () =>
				[...state.alerts.values()].map((a) => ({
					Timestamp: a.createdDateTime,
					AlertId: a.id,
					Title: a.title,
					Category: a.category,
					Severity: SEVERITY[a.severity] ?? a.severity,
					ServiceSource: a.productName ?? '',
					DetectionSource: a.detectionSource,
					AttackTechniques: JSON.stringify(a.mitreTechniques),
				})),
		},
		AlertEvidence: {
			columns: columns(
				'Timestamp:DateTime,AlertId:String,Title:String,Categories:String,AttackTechniques:String,ServiceSource:String,DetectionSource:String,EntityType:String,EvidenceRole:String,FileName:String,FolderPath:String,SHA1:String,SHA256:String,RemoteIP:String,RemoteUrl:String,AccountName:String,AccountDomain:String,AccountUpn:String,DeviceId:String,DeviceName:String,ProcessCommandLine:String,RegistryKey:String,RegistryValueName:String,EmailSubject:String,Application:String',
			),
			rows: () => {
				const rows: HuntingRow[] = [];
				for (const a of state.alerts.values()) {
					for (const e of a.evidence) {
						const kind = e['@odata.type'].replace('#microsoft.graph.security.', '');
						const file = (e.fileDetails ?? e.imageFile ?? {}) as Record<string, unknown>;
						const account = (e.userAccount ?? {}) as Record<string, unknown>;
						const roles = Array.isArray(e.roles) ? (e.roles as string[]) : [];
						rows.push({
							Timestamp: a.createdDateTime,
							AlertId: a.id,
							Title: a.title,
							Categories: JSON.stringify([a.category]),
							AttackTechniques: JSON.stringify(a.mitreTechniques),
							ServiceSource: a.productName ?? '',
							DetectionSource: a.detectionSource,
							EntityType: ENTITY_TYPES[kind] ?? kind.replace(/Evidence$/, ''),
							EvidenceRole:
								roles.includes('compromised') || roles.includes('attacked')
									? 'Impacted'
									: 'Related',
							FileName: str(file.fileName),
							FolderPath: str(file.filePath),
							SHA1: str(file.sha1),
							SHA256: str(file.sha256),
							RemoteIP: str(e.ipAddress),
							RemoteUrl: str(e.url),
							AccountName: str(account.accountName),
							AccountDomain: str(account.domainName),
							AccountUpn: str(account.userPrincipalName),
							DeviceId: str(e.mdeDeviceId),
							DeviceName: str(e.deviceDnsName),
							ProcessCommandLine: str(e.processCommandLine),
							RegistryKey: str(e.registryKey),
							RegistryValueName: str(e.registryValueName),
							EmailSubject: str(e.subject),
							Application: str(e.displayName),
						});
					}
				}
				return rows;
			},
		},
		DeviceInfo: {
			columns: columns(
				'Timestamp:DateTime,DeviceId:String,DeviceName:String,OSPlatform:String,OSBuild:Int64,OSVersion:String,PublicIP:String,MachineGroup:String,OnboardingStatus:String,DeviceType:String,ExposureLevel:String,IsAzureADJoined:Boolean',
			),
			rows: () =>
				[...state.machines.values()].map((m) => ({
					Timestamp: m.lastSeen,
					DeviceId: m.id,
					DeviceName: m.computerDnsName,
					OSPlatform: m.osPlatform,
					OSBuild: m.osBuild,
					OSVersion: m.version,
					PublicIP: m.lastExternalIpAddress,
					MachineGroup: m.rbacGroupName,
					OnboardingStatus: m.onboardingStatus,
					DeviceType: m.osPlatform.startsWith('WindowsServer') ? 'Server' : 'Workstation',
					ExposureLevel: m.exposureLevel,
					IsAzureADJoined: m.isAadJoined,
				})),
		},
	};
}

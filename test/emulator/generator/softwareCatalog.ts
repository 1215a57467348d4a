/**
 * Software the generated devices run, in the MDE naming (`{vendor}-_-{name}` ids, graph-api.md
 * §8.4), with versions from oldest to newest, and CVSS 3.1 vectors with their real base scores.
 */

/** Which devices a product is installed on. */
export type PlatformScope =
	| 'windowsClient'
	| 'windowsServer'
	| 'windows'
	| 'linux'
	| 'macOS'
	| 'any';

export interface SoftwareProduct {
	vendor: string;
	name: string;
	/** Shown in vulnerability descriptions. */
	displayName: string;
	scope: PlatformScope;
	/** Share of the devices in scope that have it installed. */
	prevalence: number;
	/** Oldest first. */
	versions: readonly string[];
	/** Only on devices with this osPlatform (operating systems). */
	osPlatform?: string;
}

const os = (name: string, displayName: string, osPlatform: string, versions: string[]) => ({
	vendor: name === 'macos' ? 'apple' : name === 'ubuntu_linux' ? 'canonical' : 'microsoft',
	name,
	displayName,
	scope: 'any' as const,
	prevalence: 1,
	versions,
	osPlatform,
});

export const SOFTWARE_PRODUCTS: readonly SoftwareProduct[] = [
	os('windows_11', 'Windows 11', 'Windows11', [
		'10.0.22631.3007',
		'10.0.22631.3447',
		'10.0.22631.3880',
		'10.0.26100.2033',
		'10.0.26100.2605',
	]),
	os('windows_10', 'Windows 10', 'Windows10', [
		'10.0.19045.3803',
		'10.0.19045.4046',
		'10.0.19045.4529',
		'10.0.19045.5011',
	]),
	os('windows_server_2022', 'Windows Server 2022', 'WindowsServer2022', [
		'10.0.20348.2113',
		'10.0.20348.2340',
		'10.0.20348.2582',
		'10.0.20348.2849',
	]),
	os('windows_server_2019', 'Windows Server 2019', 'WindowsServer2019', [
		'10.0.17763.5206',
		'10.0.17763.5576',
		'10.0.17763.6054',
		'10.0.17763.6414',
	]),
	os('windows_server_2016', 'Windows Server 2016', 'WindowsServer2016', [
		'10.0.14393.6529',
		'10.0.14393.6897',
		'10.0.14393.7159',
		'10.0.14393.7428',
	]),
	os('ubuntu_linux', 'Ubuntu Linux', 'Linux', ['22.04.3', '22.04.4', '22.04.5']),
	os('macos', 'macOS', 'macOS', ['14.2.1', '14.4.1', '14.5', '14.6.1']),
	{
		vendor: 'microsoft',
		name: 'edge_chromium-based',
		displayName: 'Microsoft Edge (Chromium-based)',
		scope: 'windows',
		prevalence: 0.95,
		versions: [
			'120.0.2210.91',
			'122.0.2365.80',
			'124.0.2478.97',
			'126.0.2592.113',
			'128.0.2739.79',
		],
	},
	{
		vendor: 'google',
		name: 'chrome',
		displayName: 'Google Chrome',
		scope: 'any',
		prevalence: 0.55,
		versions: [
			'119.0.6045.199',
			'121.0.6167.185',
			'123.0.6312.122',
			'125.0.6422.141',
			'127.0.6533.119',
		],
	},
	{
		vendor: 'mozilla',
		name: 'firefox',
		displayName: 'Mozilla Firefox',
		scope: 'any',
		prevalence: 0.25,
		versions: ['115.6.0', '121.0.1', '124.0.2', '127.0.2'],
	},
	{
		vendor: 'microsoft',
		name: 'office',
		displayName: 'Microsoft Office',
		scope: 'windowsClient',
		prevalence: 0.85,
		versions: ['16.0.16731.20504', '16.0.17126.20132', '16.0.17328.20282', '16.0.17628.20144'],
	},
	{
		vendor: 'microsoft',
		name: 'teams',
		displayName: 'Microsoft Teams',
		scope: 'windowsClient',
		prevalence: 0.75,
		versions: ['1.6.00.33567', '23320.3027.2591.1505', '24124.2315.2911.3357'],
	},
	{
		vendor: 'microsoft',
		name: '.net_framework',
		displayName: '.NET Framework',
		scope: 'windows',
		prevalence: 0.9,
		versions: ['4.8.4515.0', '4.8.4645.0', '4.8.9232.0'],
	},
	{
		vendor: 'microsoft',
		name: 'visual_studio_code',
		displayName: 'Visual Studio Code',
		scope: 'any',
		prevalence: 0.2,
		versions: ['1.84.2', '1.87.2', '1.90.2', '1.93.1'],
	},
	{
		vendor: 'microsoft',
		name: 'sql_server_2019',
		displayName: 'SQL Server 2019',
		scope: 'windowsServer',
		prevalence: 0.3,
		versions: ['15.0.4335.1', '15.0.4355.3', '15.0.4382.1'],
	},
	{
		vendor: 'adobe',
		name: 'acrobat_reader_dc',
		displayName: 'Adobe Acrobat Reader DC',
		scope: 'windowsClient',
		prevalence: 0.5,
		versions: ['23.006.20380', '23.008.20470', '24.002.20759', '24.003.20054'],
	},
	{
		vendor: '7-zip',
		name: '7-zip',
		displayName: '7-Zip',
		scope: 'windows',
		prevalence: 0.3,
		versions: ['19.00', '22.01', '23.01', '24.07'],
	},
	{
		vendor: 'notepad-plus-plus',
		name: 'notepad++',
		displayName: 'Notepad++',
		scope: 'windows',
		prevalence: 0.2,
		versions: ['8.5.8', '8.6.2', '8.6.9'],
	},
	{
		vendor: 'rarlab',
		name: 'winrar',
		displayName: 'WinRAR',
		scope: 'windowsClient',
		prevalence: 0.15,
		versions: ['6.11', '6.23', '7.01'],
	},
	{
		vendor: 'simon_tatham',
		name: 'putty',
		displayName: 'PuTTY',
		scope: 'windows',
		prevalence: 0.15,
		versions: ['0.76', '0.79', '0.81'],
	},
	{
		vendor: 'oracle',
		name: 'jre',
		displayName: 'Java SE Runtime Environment',
		scope: 'any',
		prevalence: 0.2,
		versions: ['8.0.361', '8.0.391', '8.0.411', '8.0.421'],
	},
	{
		vendor: 'zoom',
		name: 'zoom',
		displayName: 'Zoom Workplace',
		scope: 'windowsClient',
		prevalence: 0.3,
		versions: ['5.15.12', '5.17.11', '6.0.12', '6.1.10'],
	},
	{
		vendor: 'videolan',
		name: 'vlc_media_player',
		displayName: 'VLC media player',
		scope: 'windowsClient',
		prevalence: 0.2,
		versions: ['3.0.18', '3.0.20', '3.0.21'],
	},
	{
		vendor: 'python',
		name: 'python',
		displayName: 'Python',
		scope: 'any',
		prevalence: 0.2,
		versions: ['3.10.11', '3.11.7', '3.12.4'],
	},
	{
		vendor: 'git-scm',
		name: 'git',
		displayName: 'Git',
		scope: 'any',
		prevalence: 0.15,
		versions: ['2.42.0', '2.44.0', '2.45.2'],
	},
	{
		vendor: 'openssl',
		name: 'openssl',
		displayName: 'OpenSSL',
		scope: 'linux',
		prevalence: 1,
		versions: ['3.0.2', '3.0.10', '3.0.13'],
	},
	{
		vendor: 'apache',
		name: 'log4j',
		displayName: 'Apache Log4j',
		scope: 'windowsServer',
		prevalence: 0.15,
		versions: ['2.14.1', '2.17.1', '2.23.1'],
	},
	{
		vendor: 'openbsd',
		name: 'openssh',
		displayName: 'OpenSSH',
		scope: 'linux',
		prevalence: 1,
		versions: ['8.9p1', '9.3p1', '9.6p1'],
	},
];

export interface CvssVector {
	vector: string;
	score: number;
	/** What a flaw with this vector lets an attacker do, for the description. */
	impact: string;
	exploitType: string;
}

/** CVSS 3.1 base vectors with their computed base scores, grouped by severity band. */
export const CVSS_VECTORS: Record<'Critical' | 'High' | 'Medium' | 'Low', readonly CvssVector[]> = {
	Critical: [
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
			score: 9.8,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
			score: 10.0,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
	],
	High: [
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
			score: 8.8,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
			score: 8.8,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
			score: 8.1,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
		{
			vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
			score: 7.8,
			impact: 'Elevation of Privilege',
			exploitType: 'PrivilegeEscalation',
		},
		{
			vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
			score: 7.8,
			impact: 'Remote Code Execution',
			exploitType: 'RemoteCodeExecution',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
			score: 7.5,
			impact: 'Denial of Service',
			exploitType: 'DenialOfService',
		},
	],
	Medium: [
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H',
			score: 6.5,
			impact: 'Denial of Service',
			exploitType: 'DenialOfService',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
			score: 6.1,
			impact: 'Spoofing',
			exploitType: 'Spoofing',
		},
		{
			vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
			score: 5.5,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
		{
			vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H',
			score: 5.5,
			impact: 'Denial of Service',
			exploitType: 'DenialOfService',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
			score: 5.3,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N',
			score: 5.3,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
	],
	Low: [
		{
			vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N',
			score: 3.3,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
		{
			vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N',
			score: 3.1,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
		{
			vector: 'CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N',
			score: 2.5,
			impact: 'Information Disclosure',
			exploitType: 'InformationDisclosure',
		},
		{
			vector: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
			score: 2.4,
			impact: 'Security Feature Bypass',
			exploitType: 'SecurityFeatureBypass',
		},
	],
};

/** Share of generated CVEs per severity band. */
export const SEVERITY_WEIGHTS: readonly ['Critical' | 'High' | 'Medium' | 'Low', number][] = [
	['Critical', 0.12],
	['High', 0.43],
	['Medium', 0.35],
	['Low', 0.1],
];

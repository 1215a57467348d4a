/** MDE machines (graph-api.md §8.1); device evidence and hunting rows reference them. */
import { DEVICE_PREFIXES, OS_PLATFORMS, RBAC_GROUPS } from './catalog';
import { docIp, macAddress, privateIp } from './people';
import type { Prng } from './prng';
import type { MdeMachine } from './types';
import { formatTicks } from '../time';

export function makeMachine(rng: Prng, index: number, startMs: number, endMs: number): MdeMachine {
	const os = rng.pick(OS_PLATFORMS);
	const prefix = os.osPlatform.startsWith('WindowsServer')
		? rng.pick(['srv', 'sql', 'web', 'dc'])
		: rng.pick(DEVICE_PREFIXES.slice(0, 3));
	const group = os.osPlatform.startsWith('WindowsServer')
		? RBAC_GROUPS[prefix === 'dc' ? 3 : 2]
		: rng.pick(RBAC_GROUPS.slice(0, 2));
	const lastIp = privateIp(rng);
	const firstSeenMs = startMs - rng.int(30, 700) * 86400000;
	const lastSeenMs = endMs - rng.int(0, 72) * 3600000;
	const healthStatus = rng.chance(0.85)
		? 'Active'
		: rng.pick(['Inactive', 'ImpairedCommunication', 'NoSensorData']);
	return {
		id: rng.hex(40),
		computerDnsName: `${prefix}-${String(index + 1).padStart(4, '0')}.contoso.com`,
		firstSeen: formatTicks(firstSeenMs, rng.int(0, 9999)),
		lastSeen: formatTicks(lastSeenMs, rng.int(0, 9999)),
		osPlatform: os.osPlatform,
		osVersion: null,
		osProcessor: 'x64',
		osArchitecture: '64-bit',
		version: os.version,
		osBuild: os.osBuild,
		lastIpAddress: lastIp,
		lastExternalIpAddress: docIp(rng),
		healthStatus,
		onboardingStatus: 'Onboarded',
		defenderAvStatus: rng.pick(['Updated', 'Updated', 'NotUpdated']),
		rbacGroupId: group.id,
		rbacGroupName: group.name,
		riskScore: rng.pick(['None', 'Informational', 'Low', 'Medium', 'High']),
		exposureLevel: rng.pick(['None', 'Low', 'Medium', 'High']),
		deviceValue: rng.chance(0.1) ? 'High' : 'Normal',
		isAadJoined: !os.osPlatform.startsWith('WindowsServer'),
		aadDeviceId: os.osPlatform.startsWith('WindowsServer') ? null : rng.guid(),
		machineTags: rng.chance(0.3) ? [rng.pick(['Finance', 'VIP', 'Test Machine', 'PCI'])] : [],
		ipAddresses: [
			{ ipAddress: lastIp, macAddress: macAddress(rng), operationalStatus: 'Up', type: 'Ethernet' },
		],
	};
}

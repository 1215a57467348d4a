import { normalizeAlert } from '../../../lib/normalize';
import { alertWith, fixtures, NS, type Json } from './fixtures';

function device(fields: Json): Json {
	return { '@odata.type': `${NS}deviceEvidence`, ...fields };
}

describe('assets from device evidence', () => {
	it('maps every field of the documented device (graph-api.md §2.4)', () => {
		const [asset] = normalizeAlert(fixtures.alertDocumented()).assets;
		expect(asset).toEqual({
			hostname: 'tempdns',
			ipAddresses: ['127.0.0.1'],
			osPlatform: 'Windows10',
			osVersion: 'Other',
			osBuild: 22424,
			mdeDeviceId: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
			azureAdDeviceId: null,
			riskScore: 'medium',
			healthStatus: 'active',
			onboardingStatus: 'onboarded',
			defenderAvStatus: 'unknown',
			rbacGroupName: 'UnassignedGroup',
			firstSeenDateTime: '2020-09-12T07:28:32.4321753Z',
			loggedOnUsers: [],
			roles: ['compromised'],
			detailedRoles: ['Main device'],
			verdict: 'unknown',
			tags: ['Test Machine'],
		});
	});

	it('collects IP interfaces, last IP and last external IP once each', () => {
		const [asset] = normalizeAlert(
			alertWith([
				device({
					mdeDeviceId: 'dev-1',
					ipInterfaces: ['127.0.1.5', '::FFFF:7F00:1', '127.0.1.5', 7],
					lastIpAddress: '127.0.1.5',
					lastExternalIpAddress: '127.0.1.6',
				}),
			]),
		).assets;
		expect(asset.ipAddresses).toEqual(['127.0.1.5', '::ffff:7f00:1', '127.0.1.6']);
	});

	it('takes Entra device id and logged-on users', () => {
		const [asset] = normalizeAlert(
			alertWith([
				device({
					mdeDeviceId: 'dev-1',
					azureAdDeviceId: 'aad-1',
					loggedOnUsers: [{ accountName: 'bob', domainName: 'CONTOSO' }, { accountName: 'eve' }],
				}),
			]),
		).assets;
		expect(asset.azureAdDeviceId).toBe('aad-1');
		expect(asset.loggedOnUsers).toEqual(['CONTOSO\\bob', 'eve']);
	});

	it('reads osBuild sent as a string', () => {
		const [asset] = normalizeAlert(
			alertWith([device({ mdeDeviceId: 'd', osBuild: '22631' })]),
		).assets;
		expect(asset.osBuild).toBe(22631);
	});

	it('merges the same device seen twice by Defender id, filling missing fields', () => {
		const firstRoles = ['compromised'];
		const { assets } = normalizeAlert(
			alertWith([
				device({
					mdeDeviceId: 'DEV-1',
					deviceDnsName: 'ws-1',
					roles: firstRoles,
					verdict: 'unknown',
				}),
				device({
					mdeDeviceId: 'dev-1',
					osPlatform: 'Windows11',
					ipInterfaces: ['127.0.1.7'],
					roles: ['attacked'],
					verdict: 'suspicious',
				}),
			]),
		);
		expect(assets).toHaveLength(1);
		expect(assets[0]).toMatchObject({
			mdeDeviceId: 'DEV-1',
			hostname: 'ws-1',
			osPlatform: 'Windows11',
			ipAddresses: ['127.0.1.7'],
			roles: ['compromised', 'attacked'],
			verdict: 'suspicious',
		});
		// The merge made a new array rather than growing the input's.
		expect(firstRoles).toEqual(['compromised']);
	});

	it('merges by hostname when one sighting has no Defender id', () => {
		const { assets } = normalizeAlert(
			alertWith([
				device({ mdeDeviceId: 'dev-2', deviceDnsName: 'SRV.contoso.example' }),
				{
					'@odata.type': `${NS}hostLogonSessionEvidence`,
					host: device({ deviceDnsName: 'srv.contoso.example', osPlatform: 'WindowsServer2022' }),
				},
			]),
		);
		expect(assets).toHaveLength(1);
		expect(assets[0]).toMatchObject({ mdeDeviceId: 'dev-2', osPlatform: 'WindowsServer2022' });
	});

	it('keeps different devices apart, in first-seen order', () => {
		const { assets } = normalizeAlert(fixtures.alertEveryEvidence());
		expect(assets.map((asset) => asset.mdeDeviceId)).toEqual(['dev-1', 'dev-2']);
	});

	it('does not turn device addresses into ip observables', () => {
		const record = normalizeAlert(
			alertWith([
				device({
					mdeDeviceId: 'd',
					ipInterfaces: ['127.0.9.9'],
					lastExternalIpAddress: '127.0.9.8',
				}),
			]),
		);
		expect(record.observables.filter((observable) => observable.type === 'ip')).toEqual([]);
		expect(record.assets[0].ipAddresses).toEqual(['127.0.9.9', '127.0.9.8']);
	});

	it('keeps a device with no identity at all rather than dropping it', () => {
		const { assets } = normalizeAlert(alertWith([device({ osPlatform: 'Linux' })]));
		expect(assets).toHaveLength(1);
		expect(assets[0]).toMatchObject({ hostname: null, mdeDeviceId: null, osPlatform: 'Linux' });
	});
});

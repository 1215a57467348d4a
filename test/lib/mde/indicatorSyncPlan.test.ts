import { DefenderError } from '../../../lib/errors';
import { indicatorKey } from '../../../lib/mde/indicatorValues';
import {
	indicatorOwner,
	planIndicatorSync,
	resolveSyncSettings,
	type SyncPlan,
	type SyncSettings,
	type UpstreamIndicator,
} from '../../../lib/mde/indicatorSyncPlan';
import type { Indicator } from '../../../lib/mde/schemas';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const DAY = 86_400_000;
const SHA256 = (n: number) => n.toString(16).padStart(64, 'a');
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const base: SyncSettings = { sourceTag: 'feed-a', action: 'Block' };

let nextId = 100;
function existing(value: string, type: string, extra: Partial<Indicator> = {}): Indicator {
	nextId += 1;
	return {
		id: String(nextId),
		indicatorValue: value,
		indicatorType: type,
		action: 'Block',
		title: `feed-a: ${type} ${value}`,
		description: '[n8n:feed-a] Synced from feed-a.',
		severity: 'Informational',
		generateAlert: false,
		creationTimeDateTimeUtc: '2025-02-01T00:00:00Z',
		...extra,
	} as Indicator;
}

/** Defender after the plan ran: deletes, upserts, and expired ones leave the active list. */
function apply(before: readonly Indicator[], plan: SyncPlan, now: number): Indicator[] {
	const byKey = new Map(before.map((i) => [indicatorKey(i.indicatorType, i.indicatorValue), i]));
	const deleted = new Set(plan.delete.map((d) => d.id));
	for (const [key, i] of byKey) if (deleted.has(i.id)) byKey.delete(key);
	for (const w of [...plan.create, ...plan.update, ...plan.expire]) {
		const old = byKey.get(w.key);
		nextId += 1;
		byKey.set(w.key, {
			...(old ?? { id: String(nextId), creationTimeDateTimeUtc: new Date(now).toISOString() }),
			...w.body,
		} as Indicator);
	}
	return [...byKey.values()].filter((i) => !i.expirationTime || Date.parse(i.expirationTime) > now);
}

function changeCount(plan: SyncPlan): number {
	return plan.create.length + plan.update.length + plan.delete.length + plan.expire.length;
}

describe('planIndicatorSync', () => {
	it('creates missing, updates changed, keeps equal, deletes no longer listed: only its own', () => {
		const same = existing('203.0.113.1', 'IpAddress');
		const changed = existing('203.0.113.2', 'IpAddress', { action: 'Warn' });
		const stale = existing('203.0.113.3', 'IpAddress');
		const foreign = existing('203.0.113.4', 'IpAddress', { description: 'Added by hand' });
		const otherFeed = existing('203.0.113.5', 'IpAddress', { description: '[n8n:feed-b] x' });
		const plan = planIndicatorSync({
			upstream: [
				{ value: '203.0.113.1', type: 'ipv4' },
				{ value: '203.0.113.2', type: 'ipv4' },
				{ value: 'evil.example', type: 'domain' },
			],
			existing: [same, changed, stale, foreign, otherFeed],
			settings: base,
			now: NOW,
		});

		expect(plan.create).toEqual([
			expect.objectContaining({
				item: 3,
				body: {
					indicatorValue: 'evil.example',
					indicatorType: 'DomainName',
					action: 'Block',
					title: 'feed-a: DomainName evil.example',
					description: '[n8n:feed-a] Synced from feed-a.',
					severity: 'Informational',
					generateAlert: false,
				},
			}),
		]);
		expect(plan.update).toEqual([
			expect.objectContaining({
				item: 2,
				id: changed.id,
				changes: ['action'],
				reason: 'Changed upstream: action.',
			}),
		]);
		expect(plan.unchanged).toEqual([
			{ item: 1, id: same.id, type: 'IpAddress', value: '203.0.113.1' },
		]);
		expect(plan.delete).toEqual([
			expect.objectContaining({
				id: stale.id,
				evicted: false,
				reason: expect.stringMatching(/No longer listed/),
			}),
		]);
		expect(plan.skipped).toEqual([]);
		expect(plan.capacity).toMatchObject({
			otherSources: 2,
			ownBefore: 3,
			ownAfter: 3,
			activeAfter: 5,
			overBy: 0,
		});
	});

	it('re-running on the result changes nothing (idempotent)', () => {
		const upstream: UpstreamIndicator[] = [
			{ value: '203.0.113.1', type: 'ipv4', confidence: 90, severity: 'high', title: 'C2' },
			{ value: SHA256(1), type: 'sha256', action: 'Audit', description: 'dropper' },
			{ value: 'https://evil.example/x', type: 'url', expirationTime: '2025-06-01T00:00:00Z' },
		];
		const settings: SyncSettings = { ...base, expiresInDays: 30, filters: { minConfidence: 0 } };
		const first = planIndicatorSync({
			upstream: upstream.map((u) => ({ ...u, confidence: 95 })),
			existing: [],
			settings,
			now: NOW,
		});
		expect(first.create).toHaveLength(3);
		const after = apply([], first, NOW);
		const second = planIndicatorSync({
			upstream: upstream.map((u) => ({ ...u, confidence: 95 })),
			existing: after,
			settings,
			now: NOW + 60_000,
		});
		expect(changeCount(second)).toBe(0);
		expect(second.unchanged).toHaveLength(3);
	});

	describe('filters', () => {
		const upstream: UpstreamIndicator[] = [
			{ value: '203.0.113.1', type: 'ipv4', confidence: 100 },
			{ value: '203.0.113.2', type: 'ipv4', confidence: 80 },
			{ value: '203.0.113.3', type: 'ipv4' },
			{ value: SHA1, type: 'sha1', confidence: 100 },
			{ value: MD5, type: 'md5', confidence: 100 },
			{ value: SHA256(2), type: 'sha256', confidence: '100' },
			{ value: 'evil.example', type: 'domain', confidence: 100 },
			{ value: '203.0.113.1', type: 'IpAddress', confidence: 100 },
			{ value: '10.0.0.0/8', type: 'ipv4', confidence: 100 },
			{ value: '203.0.113.9', type: 'ipv4', confidence: 'high' },
			{ value: '203.0.113.10', type: 'ipv4', confidence: 100, action: 'BlockAndRemediate' },
			{
				value: '203.0.113.11',
				type: 'ipv4',
				confidence: 100,
				expirationTime: '2025-01-01T00:00:00Z',
			},
		];

		it('applies minimum confidence, types, weak hashes; every skip has a code and reason', () => {
			const plan = planIndicatorSync({
				upstream,
				existing: [],
				settings: {
					...base,
					filters: {
						minConfidence: 100,
						types: ['ipv4', 'sha256', 'sha1', 'md5'],
						excludeWeakHashes: true,
					},
				},
				now: NOW,
			});
			expect(plan.create.map((c) => c.item)).toEqual([1, 6]);
			expect(plan.skipped.map((s) => [s.item, s.code])).toEqual([
				[2, 'belowConfidence'],
				[3, 'noConfidence'],
				[4, 'weakHash'],
				[5, 'weakHash'],
				[7, 'typeExcluded'],
				[8, 'duplicate'],
				[9, 'invalid'],
				[10, 'invalid'],
				[11, 'actionMismatch'],
				[12, 'expired'],
			]);
			const reasons = Object.fromEntries(plan.skipped.map((s) => [s.item, s.reason]));
			expect(reasons[2]).toBe('Confidence 80 is below the minimum of 100.');
			expect(reasons[3]).toBe('No confidence given; the minimum is 100.');
			expect(reasons[4]).toBe('FileSha1 is a weak hash and weak hashes are excluded.');
			expect(reasons[7]).toMatch(/DomainName is not among the synced types/);
			expect(reasons[8]).toBe('Same IpAddress as item #1.');
			expect(reasons[9]).toMatch(/no CIDR/);
			expect(reasons[10]).toMatch(/Confidence 'high' is not a number/);
			expect(reasons[11]).toMatch(/IpAddress indicators take Allowed, Audit, Warn, Block/);
			expect(reasons[12]).toBe('The indicator expired at 2025-01-01T00:00:00Z.');
			expect(plan.create.length + plan.skipped.length).toBe(upstream.length);
		});

		it('without filters keeps weak hashes and items without confidence', () => {
			const plan = planIndicatorSync({ upstream, existing: [], settings: base, now: NOW });
			expect(plan.create.map((c) => c.item)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		});

		it('leaves values another source holds alone, or takes them over when asked', () => {
			const foreign = existing('evil.example', 'DomainName', {
				description: 'Manual block',
				createdByDisplayName: 'SOC analyst',
			});
			const skip = planIndicatorSync({
				upstream: [{ value: 'EVIL.example', type: 'domain' }],
				existing: [foreign],
				settings: base,
				now: NOW,
			});
			expect(skip.skipped).toEqual([
				expect.objectContaining({
					code: 'otherSource',
					id: foreign.id,
					reason: `Already in Defender from 'SOC analyst' (indicator ${foreign.id}); left as it is.`,
				}),
			]);
			expect(changeCount(skip)).toBe(0);

			const take = planIndicatorSync({
				upstream: [{ value: 'evil.example', type: 'domain' }],
				existing: [foreign],
				settings: { ...base, filters: { skipPresentFromOtherSources: false } },
				now: NOW,
			});
			expect(take.update).toEqual([
				expect.objectContaining({
					id: foreign.id,
					changes: expect.arrayContaining(['description']),
					reason: "Taken over from 'SOC analyst'.",
				}),
			]);
			expect(indicatorOwner({ description: take.update[0]?.body.description })).toBe('feed-a');
		});
	});

	it('Audit always generates alerts; item action and severity override the settings', () => {
		const plan = planIndicatorSync({
			upstream: [
				{ value: '203.0.113.1', type: 'ipv4', action: 'audit', severity: 'medium' },
				{ value: '203.0.113.2', type: 'ipv4' },
			],
			existing: [],
			settings: { ...base, action: 'Warn', severity: 'Low', generateAlert: false },
			now: NOW,
		});
		expect(plan.create[0]?.body).toMatchObject({
			action: 'Audit',
			generateAlert: true,
			severity: 'Medium',
		});
		expect(plan.create[1]?.body).toMatchObject({
			action: 'Warn',
			generateAlert: false,
			severity: 'Low',
		});
	});

	describe('removal of indicators no longer listed', () => {
		const stale = existing('203.0.113.50', 'IpAddress', { action: 'Audit', generateAlert: true });

		it('expire: upserts them with expirationTime now, keeping their fields', () => {
			const plan = planIndicatorSync({
				upstream: [],
				existing: [stale],
				settings: { ...base, removal: 'expire' },
				now: NOW,
			});
			expect(plan.delete).toEqual([]);
			expect(plan.expire).toEqual([
				expect.objectContaining({
					id: stale.id,
					body: expect.objectContaining({
						indicatorValue: '203.0.113.50',
						action: 'Audit',
						generateAlert: true,
						description: stale.description,
						expirationTime: '2025-03-01T12:00:00.000Z',
					}),
				}),
			]);
			expect(
				changeCount(
					planIndicatorSync({
						upstream: [],
						existing: apply([stale], plan, NOW),
						settings: { ...base, removal: 'expire' },
						now: NOW,
					}),
				),
			).toBe(0);
		});

		it('keep: reports them as skipped and counts them against the cap', () => {
			const plan = planIndicatorSync({
				upstream: [],
				existing: [stale],
				settings: { ...base, removal: 'keep' },
				now: NOW,
			});
			expect(plan.skipped).toEqual([
				expect.objectContaining({
					id: stale.id,
					code: 'keptStale',
					reason: expect.stringMatching(/Kept because removal is set to keep/),
				}),
			]);
			expect(plan.capacity).toMatchObject({ ownAfter: 1, activeAfter: 1 });
			expect(() =>
				planIndicatorSync({
					upstream: [{ value: '203.0.113.51' }],
					existing: [stale],
					settings: { ...base, removal: 'keep', cap: { limit: 1 } },
					now: NOW,
				}),
			).toThrow(
				/do not fit under the cap of 1 active indicators \(1 are held by other sources or kept stale ones; room for 0\)/,
			);
		});
	});

	describe('the 15,000 cap', () => {
		const others = [
			existing('198.51.100.1', 'IpAddress', { description: 'other' }),
			existing('198.51.100.2', 'IpAddress', { description: 'other' }),
		];

		it('refuse: throws before planning any write, with the numbers and what to do', () => {
			const call = () =>
				planIndicatorSync({
					upstream: [{ value: '203.0.113.1' }, { value: '203.0.113.2' }, { value: '203.0.113.3' }],
					existing: others,
					settings: { ...base, cap: { limit: 4 } },
					now: NOW,
				});
			expect(call).toThrow(DefenderError);
			expect(call).toThrow(
				"Refusing to sync: 3 indicators from 'feed-a' do not fit under the cap of 4 active indicators (2 are held by other sources; room for 2). Nothing was changed.",
			);
			try {
				call();
			} catch (error) {
				expect((error as DefenderError).hint).toMatch(/eviction policy/);
			}
		});

		it('refuse: an exact fit is fine, and deleting stale ones makes room', () => {
			const stale = existing('203.0.113.99', 'IpAddress');
			const plan = planIndicatorSync({
				upstream: [{ value: '203.0.113.1' }, { value: '203.0.113.2' }],
				existing: [...others, stale],
				settings: { ...base, cap: { limit: 4 } },
				now: NOW,
			});
			expect(plan.create).toHaveLength(2);
			expect(plan.delete.map((d) => d.id)).toEqual([stale.id]);
			expect(plan.capacity).toMatchObject({ activeAfter: 4, overBy: 0 });
		});

		it('evictOldest: keeps the newest, evicts older own ones, skips new ones that do not fit, and is stable', () => {
			const older = existing('203.0.113.1', 'IpAddress', {
				creationTimeDateTimeUtc: '2025-01-01T00:00:00Z',
			});
			const newer = existing('203.0.113.2', 'IpAddress', {
				creationTimeDateTimeUtc: '2025-02-20T00:00:00Z',
			});
			const upstream: UpstreamIndicator[] = [
				{ value: '203.0.113.1' },
				{ value: '203.0.113.2' },
				{ value: '203.0.113.3', observedAt: '2025-02-28T00:00:00Z' },
				{ value: '203.0.113.4' },
			];
			const settings: SyncSettings = { ...base, cap: { limit: 4, policy: 'evictOldest' } };
			const plan = planIndicatorSync({
				upstream,
				existing: [...others, older, newer],
				settings,
				now: NOW,
			});

			expect(plan.create.map((c) => c.body.indicatorValue)).toEqual(['203.0.113.3']);
			expect(plan.unchanged.map((u) => u.value)).toEqual(['203.0.113.2']);
			expect(plan.delete).toEqual([
				expect.objectContaining({
					id: older.id,
					evicted: true,
					reason: expect.stringMatching(
						/^Evicted: Over the cap of 4 active indicators; ranked out \(oldest first\)/,
					),
				}),
			]);
			expect(plan.skipped).toEqual([
				expect.objectContaining({
					item: 4,
					code: 'overCap',
					reason: expect.stringMatching(/^Not created: Over the cap/),
				}),
			]);
			expect(plan.capacity).toMatchObject({ overBy: 2, ownAfter: 2, activeAfter: 4 });

			const again = planIndicatorSync({
				upstream,
				existing: apply([...others, older, newer], plan, NOW),
				settings,
				now: NOW + 1000,
			});
			expect(changeCount(again)).toBe(0);
			expect(again.skipped.map((s) => s.code)).toEqual(['overCap', 'overCap']);
		});

		it('evictLowestConfidence: keeps the most confident, and is stable', () => {
			const low = existing('203.0.113.1', 'IpAddress');
			const upstream: UpstreamIndicator[] = [
				{ value: '203.0.113.1', confidence: 60 },
				{ value: '203.0.113.2', confidence: 90 },
				{ value: '203.0.113.3', confidence: 75 },
			];
			const settings: SyncSettings = {
				...base,
				cap: { limit: 4, policy: 'evictLowestConfidence' },
			};
			const plan = planIndicatorSync({ upstream, existing: [...others, low], settings, now: NOW });

			expect(plan.create.map((c) => c.item)).toEqual([2, 3]);
			expect(plan.delete).toEqual([
				expect.objectContaining({
					id: low.id,
					evicted: true,
					reason: expect.stringContaining('lowest confidence first'),
				}),
			]);
			const again = planIndicatorSync({
				upstream,
				existing: apply([...others, low], plan, NOW),
				settings,
				now: NOW,
			});
			expect(changeCount(again)).toBe(0);
			expect(again.skipped).toEqual([expect.objectContaining({ item: 1, code: 'overCap' })]);
		});
	});

	describe('expiry', () => {
		it('renews a sliding expiry only after half of it has passed', () => {
			const settings: SyncSettings = { ...base, expiresInDays: 10 };
			const upstream = [{ value: '203.0.113.1' }];
			const first = planIndicatorSync({ upstream, existing: [], settings, now: NOW });
			expect(first.create[0]?.body.expirationTime).toBe('2025-03-11T12:00:00.000Z');
			let state = apply([], first, NOW);
			expect(
				changeCount(planIndicatorSync({ upstream, existing: state, settings, now: NOW + 4 * DAY })),
			).toBe(0);
			const later = planIndicatorSync({ upstream, existing: state, settings, now: NOW + 6 * DAY });
			expect(later.update).toEqual([expect.objectContaining({ changes: ['expirationTime'] })]);
			expect(later.update[0]?.body.expirationTime).toBe('2025-03-17T12:00:00.000Z');
			state = apply(state, later, NOW + 6 * DAY);
			expect(
				changeCount(planIndicatorSync({ upstream, existing: state, settings, now: NOW + 6 * DAY })),
			).toBe(0);
		});

		it('updates a fixed expiry when the feed changes it', () => {
			const current = existing('203.0.113.1', 'IpAddress', {
				expirationTime: '2025-04-01T00:00:00.0000000Z',
			});
			const same = planIndicatorSync({
				upstream: [{ value: '203.0.113.1', expirationTime: '2025-04-01T00:00:00Z' }],
				existing: [current],
				settings: base,
				now: NOW,
			});
			expect(changeCount(same)).toBe(0);
			const moved = planIndicatorSync({
				upstream: [{ value: '203.0.113.1', expirationTime: '2025-05-01T00:00:00Z' }],
				existing: [current],
				settings: base,
				now: NOW,
			});
			expect(moved.update[0]?.changes).toEqual(['expirationTime']);
		});
	});

	it('rejects invalid settings, naming the setting', () => {
		expect(() => resolveSyncSettings({ ...base, sourceTag: 'has space' })).toThrow(
			/source tag 'has space' is not valid/,
		);
		expect(() => resolveSyncSettings({ ...base, action: 'Alert' })).toThrow(/retired/);
		expect(() => resolveSyncSettings({ ...base, filters: { minConfidence: 101 } })).toThrow(
			/0 to 100/,
		);
		expect(() => resolveSyncSettings({ ...base, filters: { types: ['email'] } })).toThrow(
			/Unknown indicator type 'email'/,
		);
		expect(() => resolveSyncSettings({ ...base, expiresInDays: 0 })).toThrow(/above 0/);
		expect(() => resolveSyncSettings({ ...base, removal: 'purge' as never })).toThrow(
			/delete, expire, keep/,
		);
		expect(() => resolveSyncSettings({ ...base, cap: { policy: 'random' as never } })).toThrow(
			/refuse, evictOldest, evictLowestConfidence/,
		);
		expect(() => resolveSyncSettings({ ...base, cap: { limit: 20000 } })).toThrow(/1 to 15000/);
		expect(() => resolveSyncSettings({ ...base, severity: 'Severe' })).toThrow(
			/Informational, Low, Medium, High/,
		);
	});

	it('reads the owner marker back', () => {
		expect(indicatorOwner({ description: '[n8n:feed-a] x' })).toBe('feed-a');
		expect(indicatorOwner({ description: 'x [n8n:feed-a]' })).toBeUndefined();
		expect(indicatorOwner({ description: null })).toBeUndefined();
	});
});

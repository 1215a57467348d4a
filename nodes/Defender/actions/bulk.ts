/**
 * The one place where work over many items is grouped. Each item describes its work: reads
 * first when the writes depend on the current state (incident tags, disposition sync), then
 * chains of writes (PATCH, then comment). The runner sends it either item by item through the
 * client, or for all items together through JSON $batch, 20 requests per call (graph-api.md §7.3).
 *
 * Batched, a chain runs in rounds: every chain's first step, then the second step of the chains
 * whose first step succeeded, and so on. So a comment is only sent after its resolve succeeded,
 * without `dependsOn`, and the client's inner-429 retries stay per request. Resolving N alerts with
 * a comment takes ceil(N / 20) $batch calls per round: ceil(2N / 20) in all when N is a multiple
 * of 20.
 *
 * Failures stay with their item. With Continue On Fail the item becomes an error item and the
 * others carry on. Without it the node throws the first failed item's error (n8n convention) as
 * soon as it is known: after planning (nothing sent), after the reads (nothing written), or after
 * the $batch call that contained it, and sends nothing more. Graph runs the requests of one $batch
 * call independently, so the other items of that call were applied.
 *
 * Work that reads before it writes may ask for another round after a failure (onFailure): it is
 * read and decided again, so what went through (even when its answer was lost) is not sent twice.
 * Such an item fails only when its work gives up, at the end of a round. The work may ask for a
 * pause first, e.g. when an answer timed out and the request may still be running.
 */

import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { BATCH_LIMIT } from '../../../lib/client/batch';
import type { DefenderClient } from '../../../lib/client/DefenderClient';
import { DefenderError } from '../../../lib/errors';
import { toNodeError } from '../../shared/errors';
import { mapItems, type ItemResult } from '../../shared/itemLoop';
import { runBatch, runCall, type CallResult, type CallValue, type EntityCall } from './calls';

export interface ItemWrites {
	/** Each chain runs in order and stops at its first failure; chains are independent. */
	chains: EntityCall[][];
	/** Builds the item's output from each chain's results (only when every call succeeded). */
	finish(results: CallValue[][]): ItemResult;
}

export interface ItemWork {
	/** GETs whose answers decide the writes, sent before any write. */
	reads: EntityCall[];
	decide(reads: CallValue[]): ItemWrites;
	/** Set when the writes are known without reading (work built by writeOnly). */
	writes?: ItemWrites;
	/**
	 * Set by work that can be run again from its reads: a write whose answer was lost shows in the
	 * new reads and is not sent again. Gets each failed round (`writes` holds that round's write
	 * results, empty when the reads failed; `round` counts from 1) and says whether to run another
	 * round, or which error the item reports.
	 */
	onFailure?(failure: RoundFailure): { again: true; pauseMs?: number } | { error: unknown };
}

export interface RoundFailure {
	error: unknown;
	writes: CallResult[][];
	round: number;
}

/** Reads one item's parameters and describes its work; throwing fails that item only. */
export type PlanItem = (this: IExecuteFunctions, itemIndex: number) => Promise<ItemWork> | ItemWork;

/** Work without reads. */
export function writeOnly(chains: EntityCall[][], finish: ItemWrites['finish']): ItemWork {
	const writes = { chains, finish };
	return { reads: [], decide: () => writes, writes };
}

type Outcome =
	| { state: 'planned'; work: ItemWork; round: number; pauseMs?: number }
	| { state: 'decided'; work: ItemWork; writes: ItemWrites; round: number }
	| { state: 'done'; result: ItemResult }
	| { state: 'failed'; error: unknown };

function valuesOf(results: CallResult[]): CallValue[] {
	return results.map((result) => (result as { value: CallValue }).value);
}

/** The error that stopped a list of calls (later steps of a chain were not sent). */
function firstError(results: CallResult[]): { error: unknown } | undefined {
	for (const result of results) if (!result.ok) return { error: result.error };
	return undefined;
}

class BulkRun {
	readonly outcomes: Outcome[] = [];

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly client: DefenderClient,
	) {}

	private attempt(itemIndex: number, step: () => Outcome): void {
		try {
			this.outcomes[itemIndex] = step();
		} catch (error) {
			this.outcomes[itemIndex] = { state: 'failed', error };
		}
	}

	async plan(plan: PlanItem): Promise<void> {
		const count = this.context.getInputData().length;
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			try {
				const work = await plan.call(this.context, itemIndex);
				this.outcomes[itemIndex] = { state: 'planned', work, round: 1 };
			} catch (error) {
				this.outcomes[itemIndex] = { state: 'failed', error };
			}
		}
		this.stopOnFailure();
	}

	/** Without Continue On Fail: throw the first failed item's error. */
	private stopOnFailure(): void {
		if (this.context.continueOnFail()) return;
		const index = this.outcomes.findIndex((outcome) => outcome.state === 'failed');
		if (index < 0) return;
		throw toNodeError(
			this.context.getNode(),
			(this.outcomes[index] as { error: unknown }).error,
			index,
		);
	}

	private indicesIn(state: Outcome['state']): number[] {
		const indices: number[] = [];
		this.outcomes.forEach((outcome, index) => {
			if (outcome.state === state) indices.push(index);
		});
		return indices;
	}

	/**
	 * Batch when the option is on (first item's value) and more than one item makes calls, or one
	 * item reads several entities.
	 */
	shouldBatch(): boolean {
		if (this.context.getNodeParameter('options.batchRequests', 0, true) === false) return false;
		const works = this.indicesIn('planned').map((index) => this.work(index));
		const calling = works.filter(
			(work) => work.reads.length > 0 || (work.writes?.chains.some((c) => c.length > 0) ?? true),
		);
		return calling.length > 1 || works.some((work) => work.reads.length > 1);
	}

	private work(index: number): ItemWork {
		return (this.outcomes[index] as { work: ItemWork }).work;
	}

	private writes(index: number): ItemWrites {
		return (this.outcomes[index] as { writes: ItemWrites }).writes;
	}

	/** The longest pause the items' work asked for before their next round. */
	private async pause(indices: number[]): Promise<void> {
		const ms = Math.max(
			0,
			...indices.map((index) => (this.outcomes[index] as { pauseMs?: number }).pauseMs ?? 0),
		);
		if (ms > 0) await sleep(ms);
	}

	/** Read through a method: the state changes between awaits. */
	private stateOf(index: number): Outcome['state'] | undefined {
		return this.outcomes[index]?.state;
	}

	private round(index: number): number {
		return (this.outcomes[index] as { round: number }).round;
	}

	/** A failed round: the item fails, or is planned again when its work says so. */
	private fail(index: number, error: unknown, writes: CallResult[][] = []): void {
		const work = this.work(index);
		const round = this.round(index);
		if (!work.onFailure) {
			this.outcomes[index] = { state: 'failed', error };
			return;
		}
		this.attempt(index, () => {
			const next = (work.onFailure as NonNullable<ItemWork['onFailure']>)({ error, writes, round });
			return 'again' in next
				? { state: 'planned', work, round: round + 1, pauseMs: next.pauseMs }
				: { state: 'failed', error: next.error };
		});
	}

	private decide(index: number, reads: CallResult[]): void {
		const failure = firstError(reads);
		if (failure) {
			this.fail(index, failure.error);
			return;
		}
		const work = this.work(index);
		const round = this.round(index);
		this.attempt(index, () => ({
			state: 'decided',
			work,
			writes: work.decide(valuesOf(reads)),
			round,
		}));
	}

	private finish(index: number, chains: CallResult[][]): void {
		const failure = chains.map(firstError).find(Boolean);
		if (failure) {
			this.fail(index, failure.error, chains);
			return;
		}
		const writes = this.writes(index);
		this.attempt(index, () => ({ state: 'done', result: writes.finish(chains.map(valuesOf)) }));
	}

	private async runChain(chain: EntityCall[]): Promise<CallResult[]> {
		const results: CallResult[] = [];
		for (const call of chain) {
			const result = await runCall(this.client, call);
			results.push(result);
			if (!result.ok) break;
		}
		return results;
	}

	async itemByItem(): Promise<void> {
		for (const index of this.indicesIn('planned')) {
			// Another round while the work asks for one after a failure (bounded by the work).
			while (this.stateOf(index) === 'planned') {
				await this.pause([index]);
				this.decide(index, await this.runChain(this.work(index).reads));
				if (this.stateOf(index) === 'decided') {
					const chains: CallResult[][] = [];
					// Chains are independent, as in batched mode: one failing does not hold back the others.
					for (const chain of this.writes(index).chains) chains.push(await this.runChain(chain));
					this.finish(index, chains);
				}
			}
			this.stopOnFailure();
		}
	}

	/** Sends `calls` in $batch calls of at most 20, stopping after a call with a failure if asked. */
	private async sendAll(
		calls: Array<{ index: number; call: EntityCall }>,
		received: (index: number, result: CallResult, position: number) => void,
	): Promise<void> {
		for (let start = 0; start < calls.length; start += BATCH_LIMIT) {
			const slice = calls.slice(start, start + BATCH_LIMIT);
			const results = await runBatch(
				this.client,
				slice.map((entry) => entry.call),
			);
			slice.forEach((entry, k) => received(entry.index, results[k] as CallResult, start + k));
			// Work with onFailure decides at the end of its round; the others fail now.
			const final = slice.filter(
				(entry, k) => !(results[k] as CallResult).ok && !this.work(entry.index).onFailure,
			);
			if (!this.context.continueOnFail() && final.length > 0) {
				// Mark the failed items so stopOnFailure reports the first of them.
				slice.forEach((entry, k) => {
					const result = results[k] as CallResult;
					if (!result.ok && !this.work(entry.index).onFailure) {
						this.outcomes[entry.index] = { state: 'failed', error: result.error };
					}
				});
				this.stopOnFailure();
			}
		}
	}

	/** Rounds until no item is planned: items whose work asked for another round run again. */
	async batched(): Promise<void> {
		while (this.indicesIn('planned').length > 0) {
			await this.pause(this.indicesIn('planned'));
			await this.batchedRound();
			this.stopOnFailure();
		}
	}

	private async batchedRound(): Promise<void> {
		const planned = this.indicesIn('planned');
		const reads = new Map<number, CallResult[]>(planned.map((index) => [index, []]));
		await this.sendAll(
			planned.flatMap((index) => this.work(index).reads.map((call) => ({ index, call }))),
			(index, result) => reads.get(index)?.push(result),
		);
		for (const index of planned) this.decide(index, reads.get(index) ?? []);
		this.stopOnFailure();

		// Rounds: step k of every chain whose steps before k succeeded.
		const decided = this.indicesIn('decided');
		const chains = new Map<number, CallResult[][]>(
			decided.map((index) => [index, this.writes(index).chains.map(() => [])]),
		);
		for (let step = 0; ; step++) {
			const round: Array<{ index: number; chain: number; call: EntityCall }> = [];
			for (const index of decided) {
				const done = chains.get(index) as CallResult[][];
				this.writes(index).chains.forEach((chain, c) => {
					const call = chain[step];
					const sofar = done[c] as CallResult[];
					if (call && sofar.length === step && !firstError(sofar)) {
						round.push({ index, chain: c, call });
					}
				});
			}
			if (round.length === 0) break;
			await this.sendAll(round, (index, result, position) => {
				const entry = round[position] as { chain: number };
				(chains.get(index) as CallResult[][])[entry.chain]?.push(result);
			});
		}
		for (const index of decided) this.finish(index, chains.get(index) as CallResult[][]);
	}

	/** Output through the one item loop: pairedItem everywhere, error items with Continue On Fail. */
	async output(): Promise<INodeExecutionData[]> {
		return await mapItems(this.context, async (index) => {
			const outcome = this.outcomes[index] as Outcome;
			if (outcome.state === 'failed') throw outcome.error;
			if (outcome.state === 'done') return outcome.result;
			throw new DefenderError('server', 'This item was not processed.');
		});
	}
}

/**
 * Plans every item, runs the work (batched or item by item) and returns the output items, each
 * paired with its input; failed items become error items when Continue On Fail is on.
 */
export async function runBulk(
	context: IExecuteFunctions,
	client: DefenderClient,
	plan: PlanItem,
): Promise<INodeExecutionData[]> {
	const run = new BulkRun(context, client);
	await run.plan(plan);
	if (run.shouldBatch()) await run.batched();
	else await run.itemByItem();
	return await run.output();
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * The executions of one workflow, fetched incrementally through n8n's public API: finished
 * executions never change, so each refresh reads only the pages newer than what is known.
 */
import type { N8nInstance } from '../../e2e/harness/n8n';
import { versionKey } from '../../e2e/harness/workflows';

export { versionKey };

export interface CollectedExecution {
	id: number;
	status: string;
	mode: string;
	/** Output items of the trigger node (first run, main output 0). */
	items: Array<Record<string, unknown>>;
	error?: string;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

type Items = Array<Array<{ json: Record<string, unknown> }>>;

/**
 * The trigger's items: its run data, or, for an execution that crashed before the trigger node
 * ran, the input still waiting on the execution stack (n8n keeps it; the run can be retried).
 */
function summarize(execution: Record<string, unknown>, node: string): CollectedExecution {
	const data = execution.data as
		| {
				resultData?: {
					runData?: Record<string, Array<{ data?: { main?: Items } }>>;
					error?: { message?: string };
				};
				executionData?: {
					nodeExecutionStack?: Array<{ node?: { name?: string }; data?: { main?: Items } }>;
				};
		  }
		| undefined;
	const ran = data?.resultData?.runData?.[node]?.[0]?.data?.main;
	const waiting = data?.executionData?.nodeExecutionStack?.find(
		(entry) => entry.node?.name === node,
	)?.data?.main;
	return {
		id: Number(execution.id),
		status: String(execution.status),
		mode: String(execution.mode),
		items: ((ran ?? waiting)?.[0] ?? []).map((item) => item.json),
		error: data?.resultData?.error?.message,
	};
}

export class ExecutionCollector {
	private readonly finished = new Map<number, CollectedExecution>();

	constructor(
		private readonly n8n: () => N8nInstance,
		private readonly workflowId: string,
		private readonly node = 'Defender Trigger',
	) {}

	/**
	 * Reads finished executions (n8n's list leaves out running ones). Incremental reads stop at the
	 * newest one already known; `full` reads everything again, for the final count.
	 */
	async refresh(full = false): Promise<void> {
		const known = !full && this.finished.size ? Math.max(...this.finished.keys()) : 0;
		let cursor: string | undefined;
		pages: do {
			const response = await this.n8n()
				.api()
				.get('/executions', {
					params: {
						workflowId: this.workflowId,
						includeData: true,
						ignoreDataSizeLimit: true,
						limit: 10,
						cursor,
					},
					headers: { 'accept-encoding': 'identity' },
				});
			if (response.status !== 200) throw new Error(`listing executions failed: ${response.status}`);
			for (const raw of response.data.data as Array<Record<string, unknown>>) {
				const execution = summarize(raw, this.node);
				if (execution.id <= known) break pages;
				if (FINISHED.has(execution.status)) this.finished.set(execution.id, execution);
			}
			cursor = response.data.nextCursor ?? undefined;
		} while (cursor);
	}

	/** Executions of the workflow that are still running. */
	async running(): Promise<number> {
		const response = await this.n8n()
			.api()
			.get('/executions', {
				params: { workflowId: this.workflowId, status: 'running', limit: 50 },
			});
		if (response.status !== 200) throw new Error(`listing executions failed: ${response.status}`);
		return (response.data.data as unknown[]).length;
	}

	list(): CollectedExecution[] {
		return [...this.finished.values()].sort((a, b) => a.id - b.id);
	}

	/** Every emitted version key, in execution order (repeats kept, so duplicates can be counted). */
	emittedKeys(): string[] {
		return this.list().flatMap((execution) => execution.items.map(versionKey));
	}

	/** Waits until nothing runs, then reads every execution again. */
	async settle(timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while ((await this.running()) > 0) {
			if (Date.now() > deadline) throw new Error('executions still running after the wait');
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		await this.refresh(true);
	}
}

/** Lost and duplicated versions: what was made but never emitted, and what was emitted twice. */
export function compareVersions(expected: Iterable<string>, emitted: string[]) {
	const made = new Set(expected);
	const counts = new Map<string, number>();
	for (const key of emitted) counts.set(key, (counts.get(key) ?? 0) + 1);
	const lost = [...made].filter((key) => !counts.has(key));
	const duplicated = [...counts].filter(([, n]) => n > 1).map(([key]) => key);
	const unexpected = [...counts.keys()].filter((key) => !made.has(key));
	return { lost, duplicated, unexpected };
}

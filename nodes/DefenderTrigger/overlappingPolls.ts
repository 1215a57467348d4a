import { sleep } from 'n8n-workflow';

import { OverlappingPolls, type PollState } from '../../lib/poll';

/**
 * One registry per n8n process: polls of a trigger that overlap there (see lib/poll/overlap.ts).
 * In queue mode executions run on workers, so a page is never seen starting here and an
 * overlapping poll simply starts from its own state.
 */
export const overlappingPolls = new OverlappingPolls<PollState>(sleep);

export function triggerKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}\n${nodeId}`;
}

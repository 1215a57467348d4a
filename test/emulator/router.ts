/** A tiny path-template router: `/v1.0/security/alerts_v2/:id`, literals case-insensitive. */
import type { EmuContext } from './context';
import type { Caller } from './entra/bearer';
import type { EmuRequest, EmuResponse } from './http';
import type { BucketName } from './rateLimit';

export type Params = Record<string, string>;

export type Api = 'graph' | 'mde' | 'entra';

export interface Route {
	method: string;
	pattern: string;
	api: Api;
	/** Caller needs any one of these roles; a function when it depends on the path. */
	roles?: readonly string[] | ((params: Params) => readonly string[] | undefined);
	/** Rate-limit bucket and what it is counted per. */
	bucket?: BucketName;
	bucketPer?: 'app' | 'tenant' | 'appRoute';
	handle: (
		ctx: EmuContext,
		req: EmuRequest,
		params: Params,
		caller: Caller,
	) => EmuResponse | Promise<EmuResponse>;
}

interface CompiledRoute extends Route {
	segments: string[];
}

export type MatchResult =
	| { kind: 'match'; route: Route; params: Params }
	| { kind: 'methodNotAllowed'; allowed: string[] }
	| { kind: 'none' };

export class Router {
	private readonly routes: CompiledRoute[];

	constructor(routes: Route[]) {
		this.routes = routes.map((r) => ({ ...r, segments: r.pattern.split('/').filter(Boolean) }));
	}

	match(method: string, path: string): MatchResult {
		const parts = path.split('/').filter(Boolean);
		const allowed: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, parts);
			if (!params) continue;
			if (route.method === method.toUpperCase()) return { kind: 'match', route, params };
			allowed.push(route.method);
		}
		return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'none' };
	}
}

function matchSegments(template: string[], parts: string[]): Params | undefined {
	if (template.length !== parts.length) return undefined;
	const params: Params = {};
	for (let i = 0; i < template.length; i += 1) {
		const t = template[i];
		if (t.startsWith(':')) {
			try {
				params[t.slice(1)] = decodeURIComponent(parts[i]);
			} catch {
				return undefined;
			}
		} else if (t.toLowerCase() !== parts[i].toLowerCase()) {
			return undefined;
		}
	}
	return params;
}

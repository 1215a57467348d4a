/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * In-process API of the Defender XDR emulator: Entra token endpoint, Graph security and the MDE
 * API on 127.0.0.1 (HTTP, plus HTTPS with a generated self-signed certificate).
 *
 *   const emu = await startEmulator({ alerts: 200, seed: 7 });
 *   // login host emu.url, Graph base emu.graphBaseUrl, MDE base emu.mdeBaseUrl
 *   await emu.stop();
 */
import {
	addHuntingFault,
	createAlert,
	createIncident,
	seedTenant,
	setMachineActionStatus,
	updateAlert,
	updateIncident,
	type AdminHooks,
} from './admin';
import { EmulatorClock } from './clock';
import type { EmuContext, ResolvedOptions } from './context';
import { AppRegistry, type AppInput, type RegisteredApp } from './entra/apps';
import { IssuedTokens, type IssuedToken } from './entra/issuedTokens';
import { FaultInjector, type FaultSpec } from './faults';
import type { HuntingFaultKind, HuntingFaultOptions } from './graph/huntingFaults';
import { generateTenant, type GraphAlert, type GraphIncident } from './generator';
import { RateLimiter, type RateLimitOptions } from './rateLimit';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { Router } from './router';
import { ROUTES } from './routes';
import { runPipeline } from './pipeline';
import { close, createHandler, http, https, listen, LOOPBACK } from './server';
import { EmulatorState } from './state';
import { createClientCertificate, createTlsMaterial, type ClientCertificate } from './tls';

export type { HuntingFaultKind, HuntingFaultOptions } from './graph/huntingFaults';
export type {
	IssuedToken,
	FaultSpec,
	RequestLogEntry,
	RateLimitOptions,
	AppInput,
	RegisteredApp,
	ClientCertificate,
};
export { generateTenant } from './generator';

export interface EmulatorOptions {
	/** HTTP port; 0 (default) picks a free one. */
	port?: number;
	/** HTTPS port; 0 (default) picks a free one; false disables HTTPS. */
	httpsPort?: number | false;
	seed?: number;
	/** Number of generated alerts, 0 to 100,000 (default 100). */
	alerts?: number;
	/** Days the generated alerts span, ending now (default 30). */
	spanDays?: number;
	tenantId?: string;
	/** Access-token lifetime (default 3599, as Entra's expires_in). */
	tokenLifetimeSeconds?: number;
	/** Per-bucket overrides of the documented limits, or false to disable throttling. */
	rateLimits?: RateLimitOptions | false;
	/** true (default): alerts_v2 returns @odata.nextLink; false: no nextLink, as observed (graph-api.md §3.1). */
	alertsNextLink?: boolean;
	/** Milliseconds per machine-action step: Pending → InProgress → Succeeded (default 1000). */
	actionClock?: number;
	/** Check classification/determination pairs on PATCH (default true). */
	validatePairs?: boolean;
	/** Source of wall-clock time (tests); default Date.now. */
	now?: () => number;
	/**
	 * Request log entries also carry request headers and bodies and response bodies, without the
	 * Authorization header, the token form and issued tokens (default false).
	 */
	recordBodies?: boolean;
}

export interface RunningEmulator {
	/** `http://127.0.0.1:<port>`: the login host of a Custom cloud. */
	url: string;
	/** `https://127.0.0.1:<httpsPort>`, or undefined when HTTPS is off. */
	httpsUrl?: string;
	graphBaseUrl: string;
	mdeBaseUrl: string;
	/** Token endpoint of the tenant. */
	loginUrl: string;
	tenantId: string;
	/** PEM of the self-signed certificate served on HTTPS; trust it as a CA. */
	certificatePem: string;
	defaultClient: { clientId: string; clientSecret: string };
	registerApp(input: AppInput): RegisteredApp;
	/** Generates a client certificate and registers an app that signs assertions with it. */
	registerCertificateApp(options?: {
		roles?: string[];
		displayName?: string;
	}): Promise<RegisteredApp & ClientCertificate>;
	state: EmulatorState;
	requests: RequestLog;
	/** Every access token issued in this run, oldest first (read-only copies). */
	issuedTokens(): IssuedToken[];
	/** Every client assertion sent to the token endpoint in this run, oldest first. */
	receivedAssertions(): string[];
	faults: FaultInjector;
	clock: EmulatorClock;
	admin: {
		reset(): void;
		seed(seed: number, alerts: number): void;
		createAlert(input: Record<string, unknown>): GraphAlert;
		updateAlert(id: string, input: Record<string, unknown>): GraphAlert;
		createIncident(input: Record<string, unknown>): GraphIncident;
		updateIncident(id: string, input: Record<string, unknown>): GraphIncident;
		setMachineActionStatus(id: string, status: string): void;
		/** The next runHuntingQuery call(s) answer the CPU-quota 429, a preemption 400 or the timeout 504. */
		huntingFault(kind: HuntingFaultKind, options?: HuntingFaultOptions): FaultSpec;
	};
	stop(): Promise<void>;
}

export const DEFAULT_TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const DEFAULT_CLIENT = {
	clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
	clientSecret: 'emulator-test-secret-not-real',
	displayName: 'Defender XDR emulator client',
};

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
	const int = (
		value: number | undefined,
		fallback: number,
		name: string,
		min: number,
		max: number,
	): number => {
		const v = value ?? fallback;
		if (!Number.isInteger(v) || v < min || v > max)
			throw new RangeError(
				`${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
			);
		return v;
	};
	return {
		seed: int(options.seed, 1, 'seed', -0x80000000, 0xffffffff),
		alerts: int(options.alerts, 100, 'alerts', 0, 100000),
		spanDays: int(options.spanDays, 30, 'spanDays', 1, 3650),
		tokenLifetimeSeconds: int(options.tokenLifetimeSeconds, 3599, 'tokenLifetimeSeconds', 1, 86400),
		rateLimits: options.rateLimits ?? {},
		alertsNextLink: options.alertsNextLink ?? true,
		actionClockMs: int(options.actionClock, 1000, 'actionClock', 0, 3600000),
		validatePairs: options.validatePairs ?? true,
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const resolved = resolveOptions(options);
	const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
	const clock = new EmulatorClock(options.now);
	const tls = await createTlsMaterial();
	const spanMs = resolved.spanDays * 86400000;
	const tenant = generateTenant({
		seed: resolved.seed,
		alerts: resolved.alerts,
		startTime: clock.now() - spanMs,
		spanDays: resolved.spanDays,
		tenantId,
	});
	const apps = new AppRegistry();
	const registerDefault = () => apps.register(DEFAULT_CLIENT);
	registerDefault();
	const router = new Router(ROUTES);
	const ctx: EmuContext = {
		options: resolved,
		state: new EmulatorState(tenant, () => clock.now(), resolved.seed),
		apps,
		clock,
		keys: tls.signing,
		log: new RequestLog({ recordBodies: options.recordBodies ?? false }),
		issuedTokens: new IssuedTokens(),
		faults: new FaultInjector(),
		limiter: new RateLimiter(resolved.rateLimits, () => clock.now()),
		dispatch: async (req) => {
			const result = await runPipeline(ctx, router, req);
			return result.kind === 'response'
				? result.response
				: { status: 502, body: { error: { code: 'BadGateway', message: 'Injected fault.' } } };
		},
	};

	let httpPort = 0;
	let httpsPort = 0;
	const reset = () => {
		clock.reset();
		seedTenant(ctx, resolved.seed, resolved.alerts);
		apps.clear();
		registerDefault();
		ctx.log.clear();
		ctx.faults.clear();
		ctx.limiter.reset();
	};
	const hooks: AdminHooks = {
		reset,
		info: () => ({
			url: `http://${LOOPBACK}:${httpPort}`,
			httpsUrl: httpsPort ? `https://${LOOPBACK}:${httpsPort}` : undefined,
			tenantId,
			clientId: DEFAULT_CLIENT.clientId,
			alerts: ctx.state.alerts.size,
			incidents: ctx.state.incidents.size,
			machines: ctx.state.machines.size,
			indicators: ctx.state.indicators.size,
			now: new Date(clock.now()).toISOString(),
		}),
	};
	const httpServer = http.createServer(
		{ keepAliveTimeout: 5000 },
		createHandler(ctx, router, hooks, 'http', () => httpPort),
	);
	httpPort = await listen(httpServer, options.port ?? 0);
	let httpsServer: https.Server | undefined;
	if (options.httpsPort !== false) {
		httpsServer = https.createServer(
			{ key: tls.keyPem, cert: tls.certPem },
			createHandler(ctx, router, hooks, 'https', () => httpsPort),
		);
		try {
			httpsPort = await listen(httpsServer, options.httpsPort ?? 0);
		} catch (e) {
			await close(httpServer);
			throw e;
		}
	}

	const url = `http://${LOOPBACK}:${httpPort}`;
	return {
		url,
		httpsUrl: httpsServer ? `https://${LOOPBACK}:${httpsPort}` : undefined,
		graphBaseUrl: `${url}/v1.0`,
		mdeBaseUrl: `${url}/api`,
		loginUrl: `${url}/${tenantId}/oauth2/v2.0/token`,
		tenantId,
		certificatePem: tls.certPem,
		defaultClient: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret },
		registerApp: (input) => apps.register(input),
		registerCertificateApp: async (opts = {}) => {
			const cert = await createClientCertificate(opts.displayName ?? 'Emulator certificate app');
			const app = apps.register({
				certificatePem: cert.certificatePem,
				roles: opts.roles,
				displayName: opts.displayName,
			});
			return { ...app, ...cert };
		},
		state: ctx.state,
		requests: ctx.log,
		issuedTokens: () => ctx.issuedTokens.list(),
		receivedAssertions: () => ctx.issuedTokens.receivedAssertions(),
		faults: ctx.faults,
		clock,
		admin: {
			reset,
			seed: (seed, alerts) => seedTenant(ctx, seed, alerts),
			createAlert: (input) => createAlert(ctx, input),
			updateAlert: (id, input) => updateAlert(ctx, id, input),
			createIncident: (input) => createIncident(ctx, input),
			updateIncident: (id, input) => updateIncident(ctx, id, input),
			setMachineActionStatus: (id, status) => setMachineActionStatus(ctx, id, status),
			huntingFault: (kind, opts) => addHuntingFault(ctx, kind, opts),
		},
		stop: async () => {
			await Promise.all([close(httpServer), httpsServer ? close(httpsServer) : Promise.resolve()]);
		},
	};
}

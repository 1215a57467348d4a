/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test harness, not shipped */
/**
 * `npm run emulator -- --port 4010 --https-port 4011 --seed 42 --alerts 1000`
 * Prints the base URLs, tenant id and client id (the secret only with --print-secret), then
 * `emulator ready in <ms> ms`, and runs until SIGINT/SIGTERM.
 */
import { startEmulator, DEFAULT_CLIENT, type EmulatorOptions } from './index';

const USAGE = `Usage: npm run emulator -- [--port N] [--https-port N|--no-https] [--seed N] [--alerts N]
                       [--token-lifetime SECONDS] [--action-clock MS] [--no-next-link]
                       [--no-rate-limits] [--no-pair-validation] [--print-secret]`;

function parseArgs(argv: string[]): { options: EmulatorOptions; printSecret: boolean } {
	const options: EmulatorOptions = {};
	let printSecret = false;
	const number = (flag: string, value: string | undefined): number => {
		const n = Number(value);
		if (value === undefined || !Number.isInteger(n))
			throw new Error(`${flag} needs an integer value\n${USAGE}`);
		return n;
	};
	for (let i = 0; i < argv.length; i += 1) {
		const flag = argv[i];
		const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
		const value = () => inline ?? argv[++i];
		switch (name) {
			case '--port':
				options.port = number(name, value());
				break;
			case '--https-port':
				options.httpsPort = number(name, value());
				break;
			case '--no-https':
				options.httpsPort = false;
				break;
			case '--seed':
				options.seed = number(name, value());
				break;
			case '--alerts':
				options.alerts = number(name, value());
				break;
			case '--token-lifetime':
				options.tokenLifetimeSeconds = number(name, value());
				break;
			case '--action-clock':
				options.actionClock = number(name, value());
				break;
			case '--no-next-link':
				options.alertsNextLink = false;
				break;
			case '--no-rate-limits':
				options.rateLimits = false;
				break;
			case '--no-pair-validation':
				options.validatePairs = false;
				break;
			case '--print-secret':
				printSecret = true;
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${flag}\n${USAGE}`);
		}
	}
	return { options, printSecret };
}

async function main(): Promise<void> {
	const { options, printSecret } = parseArgs(process.argv.slice(2));
	const emulator = await startEmulator(options);
	console.log(`http:       ${emulator.url}`);
	if (emulator.httpsUrl) {
		console.log(`https:      ${emulator.httpsUrl} (self-signed certificate, generated at start)`);
	}
	console.log(`login:      ${emulator.url} (token endpoint ${emulator.loginUrl})`);
	console.log(`graph:      ${emulator.graphBaseUrl}`);
	console.log(`mde:        ${emulator.mdeBaseUrl}`);
	console.log(`admin:      ${emulator.url}/_emulator`);
	console.log(`tenant id:  ${emulator.tenantId}`);
	console.log(`client id:  ${emulator.defaultClient.clientId}`);
	console.log(
		printSecret
			? `secret:     ${DEFAULT_CLIENT.clientSecret}`
			: 'secret:     (hidden; pass --print-secret to show it)',
	);
	console.log(
		`alerts:     ${emulator.state.alerts.size} in ${emulator.state.incidents.size} incidents`,
	);
	// Measured from process start, so module loading and TypeScript compilation count too.
	console.log(`emulator ready in ${Math.round(performance.now())} ms`);
	const shutdown = () => {
		void emulator.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	console.error((error as Error).message ?? error);
	process.exit(1);
});

/**
 * Vulnerability and software inventory (graph-api.md §8.4): which software each device runs,
 * the CVEs of each product with the version that fixes them, and the organisation-wide
 * figures (exposed devices, weaknesses, impact score) derived from both. Deterministic for a seed.
 */
import type { Prng } from './prng';
import {
	CVSS_VECTORS,
	SEVERITY_WEIGHTS,
	SOFTWARE_PRODUCTS,
	type SoftwareProduct,
} from './softwareCatalog';
import type {
	MachineInventory,
	MdeMachine,
	MdeSoftware,
	MdeVulnerability,
	TenantInventory,
} from './types';

const DAY = 86400000;

interface GeneratedCve {
	vulnerability: MdeVulnerability;
	product: SoftwareProduct;
	/** Index of the first version without the flaw; `versions.length` when no fix exists yet. */
	fixedIndex: number;
}

export function softwareId(product: SoftwareProduct): string {
	return `${product.vendor}-_-${product.name}`;
}

function inScope(product: SoftwareProduct, machine: MdeMachine): boolean {
	if (product.osPlatform) return product.osPlatform === machine.osPlatform;
	const platform = machine.osPlatform;
	const server = platform.startsWith('WindowsServer');
	const windows = platform.startsWith('Windows');
	switch (product.scope) {
		case 'windowsClient':
			return windows && !server;
		case 'windowsServer':
			return server;
		case 'windows':
			return windows;
		case 'linux':
			return platform === 'Linux';
		case 'macOS':
			return platform === 'macOS';
		default:
			return true;
	}
}

function severityBand(rng: Prng): keyof typeof CVSS_VECTORS {
	let roll = rng.next();
	for (const [band, weight] of SEVERITY_WEIGHTS) {
		roll -= weight;
		if (roll < 0) return band;
	}
	return 'Medium';
}

function isoDay(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

function makeCves(
	rng: Prng,
	product: SoftwareProduct,
	endMs: number,
	used: Set<string>,
): GeneratedCve[] {
	const count = product.osPlatform ? rng.int(3, 8) : rng.int(1, 5);
	const out: GeneratedCve[] = [];
	for (let i = 0; i < count; i += 1) {
		const publishedMs = endMs - rng.int(20, 900) * DAY;
		const year = new Date(publishedMs).getUTCFullYear();
		let id: string;
		do {
			id = `CVE-${year}-${rng.chance(0.3) ? rng.int(1000, 9999) : rng.int(20000, 49999)}`;
		} while (used.has(id));
		used.add(id);
		const band = severityBand(rng);
		const cvss = rng.pick(CVSS_VECTORS[band]);
		const n = product.versions.length;
		// Mostly fixed in a later version; now and then not fixed at all yet.
		const fixedIndex = rng.chance(0.08) ? n : rng.int(1, n - 1);
		const fixedIn = fixedIndex < n ? product.versions[fixedIndex] : undefined;
		const publicExploit = rng.chance(band === 'Critical' ? 0.5 : band === 'High' ? 0.3 : 0.1);
		const exploitVerified = publicExploit && rng.chance(0.5);
		const updatedMs = Math.min(endMs, publishedMs + rng.int(0, 300) * DAY);
		out.push({
			product,
			fixedIndex,
			vulnerability: {
				id,
				name: id,
				description: `${product.displayName} ${cvss.impact} Vulnerability. ${
					fixedIn
						? `Versions before ${fixedIn} are affected.`
						: 'No fixed version is available yet.'
				}`,
				severity: band,
				cvssV3: cvss.score,
				cvssVector: cvss.vector,
				exposedMachines: 0,
				publishedOn: isoDay(publishedMs),
				updatedOn: isoDay(updatedMs),
				publicExploit,
				exploitVerified,
				exploitInKit: exploitVerified && rng.chance(0.3),
				exploitTypes: publicExploit ? [cvss.exploitType] : [],
				// Reserved `.example` host: the emulator names no real exploit database.
				exploitUris: publicExploit
					? [`https://exploit-db.example/exploits/${rng.int(40000, 52999)}`]
					: [],
			},
		});
	}
	return out;
}

/** A version index leaning towards recent versions, as patched fleets do. */
function installedIndex(rng: Prng, count: number): number {
	return Math.max(rng.int(0, count - 1), rng.int(0, count - 1));
}

export function makeInventory(
	rng: Prng,
	machines: readonly MdeMachine[],
	endMs: number,
): TenantInventory {
	const used = new Set<string>();
	const cvesByProduct = new Map<SoftwareProduct, GeneratedCve[]>();
	for (const product of SOFTWARE_PRODUCTS)
		cvesByProduct.set(product, makeCves(rng, product, endMs, used));

	const machinesByVulnerability = new Map<string, string[]>();
	const machinesBySoftware = new Map<string, Set<string>>();
	const installed = new Set<string>();
	const byMachine: Record<string, MachineInventory> = {};
	for (const machine of machines) {
		const software: MachineInventory['software'] = [];
		const vulnerabilities: string[] = [];
		for (const product of SOFTWARE_PRODUCTS) {
			if (!inScope(product, machine) || !rng.chance(product.prevalence)) continue;
			const index = installedIndex(rng, product.versions.length);
			const id = softwareId(product);
			software.push({ id, version: product.versions[index] });
			installed.add(id);
			for (const cve of cvesByProduct.get(product) ?? []) {
				if (index >= cve.fixedIndex) continue;
				const cveId = cve.vulnerability.id;
				vulnerabilities.push(cveId);
				const list = machinesByVulnerability.get(cveId) ?? [];
				list.push(machine.id);
				machinesByVulnerability.set(cveId, list);
				const exposed = machinesBySoftware.get(id) ?? new Set<string>();
				exposed.add(machine.id);
				machinesBySoftware.set(id, exposed);
			}
		}
		byMachine[machine.id] = { software, vulnerabilities };
	}

	const vulnerabilities: MdeVulnerability[] = [];
	const software: MdeSoftware[] = [];
	const machineCount = Math.max(1, machines.length);
	for (const product of SOFTWARE_PRODUCTS) {
		const id = softwareId(product);
		let weaknesses = 0;
		let publicExploit = false;
		let impact = 0;
		for (const cve of cvesByProduct.get(product) ?? []) {
			const exposed = machinesByVulnerability.get(cve.vulnerability.id)?.length ?? 0;
			cve.vulnerability.exposedMachines = exposed;
			vulnerabilities.push(cve.vulnerability);
			if (exposed === 0) continue;
			weaknesses += 1;
			publicExploit ||= cve.vulnerability.publicExploit;
			impact += (cve.vulnerability.cvssV3 * exposed) / machineCount;
		}
		// The organisation's inventory lists only software some device runs.
		if (!installed.has(id)) continue;
		const exposedMachines = machinesBySoftware.get(id)?.size ?? 0;
		software.push({
			id,
			name: product.name,
			vendor: product.vendor,
			weaknesses,
			publicExploit,
			activeAlert: exposedMachines > 0 && rng.chance(0.1),
			exposedMachines,
			impactScore: Math.round(impact * 10) / 10,
		});
	}
	vulnerabilities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return {
		vulnerabilities,
		software,
		byMachine,
		machinesByVulnerability: Object.fromEntries(machinesByVulnerability),
	};
}

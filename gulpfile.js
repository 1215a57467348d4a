/**
 * Runs after `n8n-node build` (tsc + icon copy). n8n installs community packages without their
 * dependencies, so the one library lib/ uses at runtime (zod) is bundled into dist/vendor and
 * every compiled `require("zod")` is pointed at that copy. The published package therefore
 * keeps an empty `dependencies` and loads with only n8n-workflow resolvable.
 */
const { series } = require('gulp');
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const distDir = path.join(__dirname, 'dist');
const vendorDir = path.join(distDir, 'vendor');
const bundled = ['zod'];

async function bundleVendorLibraries() {
	for (const name of bundled) {
		await esbuild.build({
			stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: __dirname },
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			minify: true,
			legalComments: 'inline',
			outfile: path.join(vendorDir, `${name}.js`),
			logLevel: 'warning',
		});
	}
}

function listJsFiles(dir) {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (full !== vendorDir) out.push(...listJsFiles(full));
		} else if (entry.name.endsWith('.js')) {
			out.push(full);
		}
	}
	return out;
}

function pointRequiresAtVendor(done) {
	const pattern = new RegExp(`require\\((["'])(${bundled.join('|')})\\1\\)`, 'g');
	for (const file of listJsFiles(distDir)) {
		const source = fs.readFileSync(file, 'utf8');
		if (!pattern.test(source)) continue;
		pattern.lastIndex = 0;
		const rewritten = source.replace(pattern, (_match, _quote, name) => {
			let relative = path.relative(path.dirname(file), path.join(vendorDir, name)).split(path.sep).join('/');
			if (!relative.startsWith('.')) relative = `./${relative}`;
			return `require("${relative}")`;
		});
		fs.writeFileSync(file, rewritten);
	}
	done();
}

exports.bundle = series(bundleVendorLibraries, pointRequiresAtVendor);

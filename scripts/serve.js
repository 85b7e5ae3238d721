#!/usr/bin/env node
// Serves build/ as the production app: static files with correct MIME types, and an SPA fallback
// to index.html for every route. `vite preview` cannot do this for the PWA (it 404s /index.html,
// which the service worker precaches). PORT (default 4173) and HOST (default 127.0.0.1).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.env.ENGRAM_BUILD_DIR ?? 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.jpg': 'image/jpeg',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.mp3': 'audio/mpeg'
};

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg)/;

function fileFor(urlPath) {
	const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
	const full = join(root, path);
	if (!full.startsWith(root)) {
		return undefined;
	}
	try {
		const stat = statSync(full);
		if (stat.isFile()) {
			return full;
		}
		if (stat.isDirectory()) {
			const index = join(full, 'index.html');
			return statSync(index).isFile() ? index : undefined;
		}
	} catch {
		return undefined;
	}
	return undefined;
}

function headersFor(file, urlPath) {
	const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
	// Hashed assets never change; everything else (index.html, sw.js, manifest) must revalidate.
	headers['Cache-Control'] = urlPath.startsWith('/_app/immutable/')
		? 'public, max-age=31536000, immutable'
		: 'no-cache';
	return headers;
}

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	let file = fileFor(url.pathname);
	// SPA fallback: unknown paths without a file extension get the app shell.
	if (!file && !extname(url.pathname)) {
		file = join(root, 'index.html');
	}
	if (!file) {
		res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('Not found');
		return;
	}
	const headers = headersFor(file, url.pathname);
	// Compress text and WASM as any real host does (Lighthouse measures the bytes on the wire).
	const gzip =
		COMPRESSIBLE.test(headers['Content-Type']) &&
		/\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
	if (gzip) {
		headers['Content-Encoding'] = 'gzip';
		headers['Vary'] = 'Accept-Encoding';
	}
	res.writeHead(200, headers);
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	const body = createReadStream(file);
	(gzip ? body.pipe(createGzip()) : body).pipe(res);
});

server.listen(port, host, () => {
	console.log(`Engram is ready at http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`);
});

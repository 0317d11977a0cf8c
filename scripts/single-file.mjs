// Writes dist-single/conv2d-playground.html from a built dist/: one file holding the page, the CSS,
// wasm-bindgen's JS module (inlined in a function of its own, its exports returned as an object) and the wasm (base64,
// decoded at load), so it opens from file:// (a double-click, an attachment, a USB stick, an LMS
// upload) with no request to anywhere. The manifest, the icons and the service worker are left out:
// they only make sense on a server. Usage: node scripts/single-file.mjs [dist] [out.html]
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const out = resolve(process.argv[3] ?? join(root, 'dist-single', 'conv2d-playground.html'));
const fail = (why) => { console.error(`single-file: ${why}`); process.exit(1); };

let html = readFileSync(join(dist, 'index.html'), 'utf8');
const read = (name, enc) => readFileSync(join(dist, name.replace(/^\.\//, '')), enc);
/** Replaces exactly one match of `re` (a whole tag) or fails: a Trunk change must not slip through. */
function once(re, by, what) {
  const n = [...html.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].length;
  if (n !== 1) fail(`expected one ${what} in ${dist}/index.html, found ${n}`);
  html = html.replace(re, by);
}
const tag = (name, text) => {
  if (new RegExp(`</${name}`, 'i').test(text)) text = text.replace(new RegExp(`</(${name})`, 'gi'), '<\\/$1');
  return text;
};

// The stylesheet, inline.
once(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/, (_, href) => `<style>\n${tag('style', read(href, 'utf8'))}</style>`, 'stylesheet');

// The module script Trunk writes: import the bindings, init with the wasm, tell the page.
const boot = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);[\s\S]*?<\/script>/);
if (!boot) fail('Trunk\'s module script not found (did Trunk change what it writes?)');
let js = read(boot[1], 'utf8');
if (/^\s*import\s/m.test(js)) fail(`${boot[1]} imports other modules (snippets); inline those too`);
const exported = [];
js = js.replace(/^export \{([^}]*)\};?\s*$/gm, (_, list) => {
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [local, as = local] = item.split(/\s+as\s+/);
    exported.push(`${JSON.stringify(as)}: ${local}`);
  }
  return '';
});
js = js.replace(/^export (async function|function|class|const|let|var) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
  exported.push(`${JSON.stringify(name)}: ${name}`);
  return `${kind} ${name}`;
});
if (/^export\s/m.test(js)) fail(`${boot[1]} has an export this script does not understand`);
const wasm = read(boot[2]).toString('base64');
html = html.replace(boot[0], () => `<script type="module">
const bindings = (() => {
${tag('script', js)}
return { ${exported.join(', ')} };
})();
const wasmBytes = Uint8Array.from(atob(${JSON.stringify(wasm)}), (c) => c.charCodeAt(0));
const wasm = await bindings.default({ module_or_path: wasmBytes });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>`);

// Nothing else is fetched: no preloads of the files now inside, no manifest, icons or worker.
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
html = html.replace(/<link rel="(manifest|apple-touch-icon)"[^>]*>\s*/g, '');
html = html.replace(/<script id="sw-register">[\s\S]*?<\/script>\s*/, '');
// No <base>: the page keeps its state in its query string, and from file:// a relative "?…" resolved
// against a base of "./" names the folder, which history.replaceState refuses.
html = html.replace(/<base [^>]*>\s*/, '');
html = html.replace(/<!-- Installable[\s\S]*?-->\s*/, '');
const left = [...html.matchAll(/<(?:link|script|img|iframe)\b[^>]*\b(?:href|src)="(?!data:)([^"]*)"/g)].map((m) => m[1]);
if (left.length) fail(`still refers to files: ${left.join(', ')}`);
const names = readdirSync(dist).filter((f) => /\.(js|wasm|css)$/.test(f));
for (const n of names) if (html.includes(n)) fail(`still names ${n}`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`${out}: ${html.length} bytes`);

// What a first visit to each page costs on the wire: the HTML, then every bundle file the
// page names (stylesheet, module script, wasm), each fetched as a browser would, with
// `Accept-Encoding: br, gzip`, counting the bytes as sent (compressed where the server has a
// precompressed copy). Usage: node scripts/page-weight.mjs <base-url>
import http from "node:http";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const PAGES = ["/", "/session", "/token", "/compare"];

/** Bytes of the body exactly as the server sent them, and its content encoding. */
function fetchRaw(path) {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, base), { headers: { "accept-encoding": "br, gzip" } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode,
          bytes: Buffer.concat(chunks),
          encoding: response.headers["content-encoding"] ?? "identity",
        }),
      );
    });
    request.on("error", reject);
  });
}

/** The bundle files a page's HTML names, in the order it names them. */
function assetsOf(html) {
  const found = html.match(/\/pkg\/[\w.-]+\.(?:css|js|wasm)/g) ?? [];
  return [...new Set(found)];
}

const rows = [];
for (const page of PAGES) {
  const doc = await fetchRaw(page);
  if (doc.status !== 200) throw new Error(`${page} answered ${doc.status}`);
  const files = [{ name: "HTML", ...doc }];
  for (const asset of assetsOf(doc.bytes.toString("utf8"))) {
    const file = await fetchRaw(asset);
    if (file.status !== 200) throw new Error(`${asset} answered ${file.status}`);
    files.push({ name: asset.split("/").pop().replace(/\.[\w-]{22}\./, "."), ...file });
  }
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const wasm = files.filter((f) => /\.(js|wasm)$/.test(f.name)).reduce((sum, f) => sum + f.bytes.length, 0);
  rows.push({ page, total, wasm, files });
}

console.log("First visit, bytes as sent (Accept-Encoding: br, gzip):");
console.log(`${"page".padEnd(10)} ${"total".padStart(9)} ${"js+wasm".padStart(9)}  files`);
for (const row of rows) {
  const files = row.files.map((f) => `${f.name} ${f.bytes.length} (${f.encoding})`).join(", ");
  console.log(`${row.page.padEnd(10)} ${String(row.total).padStart(9)} ${String(row.wasm).padStart(9)}  ${files}`);
}

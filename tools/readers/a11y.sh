#!/usr/bin/env bash
# make a11y: bindery's EPUB as reading systems show it. Builds the default book, the fixture
# books and a `bindery init` book, and for each EPUB runs
#   - epubcheck: 0 errors, 0 warnings;
#   - Ace by DAISY (ace-puppeteer, Debian's Chromium): no violation of any impact on the
#     default, commonmark and init books; on every book, the OPF claims WCAG 2.2 AA
#     conformance only if Ace finds nothing (it may withhold the claim for what Ace cannot
#     see: undescribed or animated pictures);
#   - epub.js in headless Chromium (epubjs.mjs): links, page-list, computed styles,
#     screenshots at phone and tablet size;
#   - MuPDF (mutool draw), when installed: no CSS errors.
# Reports and screenshots go to $A11Y_OUT (default out/a11y). Needs node, npm, java with
# epubcheck, and /usr/bin/chromium (CHROMIUM=... to use another); installs the npm packages
# of tools/readers (npm ci --ignore-scripts: no browser download) on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=${A11Y_OUT:-out/a11y}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export PUPPETEER_EXECUTABLE_PATH=$CHROMIUM PUPPETEER_SKIP_DOWNLOAD=1
# Ace gives Chromium 5 s to start by default: too short on a loaded 2-core machine.
export ACE_TIMEOUT_INITIAL=60000
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
readers=$root/tools/readers

for tool in node npm java "$CHROMIUM"; do
	command -v "$tool" >/dev/null || { echo "a11y: $tool is not installed" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "a11y: no epubcheck at $jar (apt-get install epubcheck)" >&2; exit 1; }
if [ ! -d "$readers/node_modules/@daisy/ace" ] || [ ! -d "$readers/node_modules/epubjs" ]; then
	(cd "$readers" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

go build -o "$out/bindery" .
rm -rf "$out/init-book"
"$out/bindery" init "$out/init-book" >/dev/null

# name, book folder, whether Ace must find nothing
books=(
	"default manuscript clean"
	"commonmark testdata/books/commonmark clean"
	"init $out/init-book clean"
	"features testdata/books/features any"
)
failed=0
fail() { echo "FAIL $*"; failed=1; }
for entry in "${books[@]}"; do
	read -r name dir ace <<<"$entry"
	rm -rf "${out:?}/$name"
	mkdir -p "$out/$name"
	"$out/bindery" build "$dir" --format epub --out "$out/$name" --quiet
	epub=$(ls "$out/$name"/*.epub)
	echo "== $name: $(basename "$epub")"
	SECONDS=0

	if java -jar "$jar" "$epub" >"$out/$name/epubcheck.txt" 2>&1 &&
		grep -q "0 fatals / 0 errors / 0 warnings" "$out/$name/epubcheck.txt"; then
		echo "epubcheck: 0 errors, 0 warnings (${SECONDS} s)"
	else
		fail "$name: epubcheck"; cat "$out/$name/epubcheck.txt"
	fi

	SECONDS=0
	node "$readers/node_modules/@daisy/ace/bin/ace-puppeteer.js" --silent --force --outdir "$out/$name/ace" "$epub" ||
		fail "$name: Ace did not run"
	if [ -f "$out/$name/ace/report.json" ]; then
		SECONDS=$SECONDS node - "$out/$name/ace/report.json" "$epub" "$ace" <<'EOF' || failed=1
const fs = require('fs');
const [report, epub, want] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const found = [];
for (const doc of r.assertions || []) {
  for (const a of doc.assertions || []) {
    found.push(`${a['earl:test']['earl:impact']} ${a['earl:test']['dct:title']} in ${doc['earl:testSubject'].url}: ${a['earl:result']['dct:description']}`);
  }
}
const opf = require('child_process').execFileSync('unzip', ['-p', epub, 'OEBPS/content.opf'], { encoding: 'utf8' });
const claims = opf.includes('<meta property="dcterms:conformsTo">');
console.log(`Ace: ${found.length} violations (${process.env.SECONDS} s); the OPF ${claims ? 'claims' : 'does not claim'} WCAG 2.2 AA`);
for (const f of found) console.log('  ' + f);
let ok = true;
if (want === 'clean' && found.length > 0) { console.log('FAIL Ace finds violations'); ok = false; }
if (claims && found.length > 0) { console.log('FAIL the OPF claims conformance that Ace disproves'); ok = false; }
process.exit(ok ? 0 : 1);
EOF
	fi

	SECONDS=0
	node "$readers/epubjs.mjs" "$epub" "$out/$name/epubjs" || failed=1
	echo "epub.js: ${SECONDS} s"

	if command -v mutool >/dev/null; then
		errors=$(mutool draw -o /dev/null "$epub" 2>&1 | grep -ci "css" || true)
		if [ "$errors" = 0 ]; then echo "MuPDF: no CSS errors"; else fail "$name: MuPDF reports $errors CSS errors"; mutool draw -o /dev/null "$epub" 2>&1 | grep -i css | head; fi
	fi
done
if [ "$failed" != 0 ]; then
	echo "a11y: FAILED (reports in $out)"
	exit 1
fi
echo "a11y: all books pass (reports and screenshots in $out)"

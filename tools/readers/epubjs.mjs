// A reading-system test of an EPUB: the book opened in epub.js (the engine of many reading
// apps) in Debian's headless Chromium, at phone and tablet size, as a reader would see it.
//
//   node epubjs.mjs BOOK.epub OUTDIR
//
// It checks what a reader meets, and fails (exit status 1) if any check fails:
//   - every internal link (text, notes, index, glossary, contents, page-list) names a file and
//     an element that exist, and a sample of each kind, followed in the reader, shows its target;
//   - "go to page N" shows page N's marker, for every page of the page-list;
//   - an index entry has no bullet and a hanging indent; a glossary link is not a solid
//     underline; links back from notes are underlined; hidden navigation stays hidden;
//   - text is justified on a tablet and ragged right on a phone.
// It writes a screenshot of a chapter, its notes, the glossary and the index at each size, and
// OUTDIR/epubjs.json with the findings.
//
// No network: the book, epub.js and JSZip are served from 127.0.0.1, and Chromium is started
// with its background services off.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const [bookPath, outDir] = process.argv.slice(2);
if (!bookPath || !outDir) {
  console.error('usage: node epubjs.mjs BOOK.epub OUTDIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const sizes = [
  { name: 'phone', width: 360, height: 640 },
  { name: 'tablet', width: 768, height: 1024 },
];

const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>epub.js</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; } #viewer { width: 100vw; height: 100vh; }</style>
<script src="/jszip.min.js"></script><script src="/epub.min.js"></script>
</head><body><div id="viewer"></div></body></html>`;

const files = {
  '/': ['text/html', () => page],
  '/jszip.min.js': ['text/javascript', () => fs.readFileSync(path.join(here, 'node_modules/jszip/dist/jszip.min.js'))],
  '/epub.min.js': ['text/javascript', () => fs.readFileSync(path.join(here, 'node_modules/epubjs/dist/epub.min.js'))],
  '/book.epub': ['application/epub+zip', () => fs.readFileSync(bookPath)],
};
const server = http.createServer((req, res) => {
  const f = files[req.url.split('?')[0]];
  if (!f) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': f[0] }).end(f[1]());
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bindery-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-quic', `--user-data-dir=${profile}`],
});

const failures = [];
const report = { book: bookPath, sizes: {}, failures };
const fail = (msg) => failures.push(msg);

try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => fail(`page error: ${e.message}`));
  const cdp = await tab.createCDPSession();
  await tab.setViewport({ width: sizes[0].width, height: sizes[0].height });
  await tab.goto(origin + '/', { waitUntil: 'load' });

  // Open the book and walk every document of the spine: its IDs, links and page markers.
  const book = await tab.evaluate(async () => {
    window.book = ePub('/book.epub', { openAs: 'epub' });
    window.rendition = book.renderTo('viewer', { width: '100%', height: '100%', flow: 'paginated', spread: 'none' });
    await book.ready;
    const docs = [];
    for (const section of book.spine.spineItems) {
      const doc = await section.load(book.load.bind(book));
      const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
      const links = [...doc.querySelectorAll('a[href]')].map((a) => ({
        href: a.getAttribute('href'),
        role: a.getAttribute('role') || (a.getAttributeNS('http://www.idpf.org/2007/ops', 'type') || ''),
        text: a.textContent.trim().slice(0, 40),
      }));
      const markers = [...doc.querySelectorAll('[role="doc-pagebreak"]')].map((e) => e.getAttribute('title'));
      docs.push({ href: section.href, ids, links, markers });
      section.unload();
    }
    return { docs, pageList: (book.pageList.pageList || []).map((p) => ({ href: p.href, page: p.page })) };
  });

  // Every internal link names a file of the book and an element in it.
  const byHref = new Map(book.docs.map((d) => [d.href, new Set(d.ids)]));
  const resolve = (from, href) => {
    const u = new URL(href, 'http://book/' + from);
    return { file: decodeURIComponent(u.pathname.slice(1)), id: decodeURIComponent(u.hash.slice(1)) };
  };
  const kinds = {};
  let links = 0;
  for (const d of book.docs) {
    for (const l of d.links) {
      if (/^[a-z]+:/i.test(l.href)) continue; // the web, mail
      const t = resolve(d.href, l.href);
      links++;
      if (!byHref.has(t.file)) fail(`${d.href}: link ${l.href} ("${l.text}"): no file ${t.file}`);
      else if (t.id && !byHref.get(t.file).has(t.id)) fail(`${d.href}: link ${l.href} ("${l.text}"): no element #${t.id} in ${t.file}`);
      const kind = l.role || (d.href.endsWith('nav.xhtml') ? 'contents' : 'link');
      (kinds[kind] ||= []).push({ from: d.href, href: l.href, target: t });
    }
  }
  const markers = book.docs.flatMap((d) => d.markers.map((m) => ({ file: d.href, label: m })));
  report.links = links;
  report.linkKinds = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.length]));
  report.markers = markers.length;
  report.pageList = book.pageList.length;
  if (book.pageList.length !== markers.length) {
    fail(`epub.js reads ${book.pageList.length} pages from the page-list; the text has ${markers.length} markers`);
  }

  // Follows a link (or a page) in the reader: the page it shows must hold the target. epub.js
  // lays a chapter out in columns in one wide frame and scrolls it: the target is shown when
  // its place in the frame falls within the viewer.
  const lands = async (target) => tab.evaluate(async (target) => {
    await rendition.display(target.file + (target.id ? '#' + target.id : ''));
    const loc = rendition.currentLocation();
    if (!loc || !loc.start) return 'no location';
    if (loc.start.href !== target.file) return `shows ${loc.start.href}`;
    if (!target.id) return '';
    const contents = rendition.getContents()[0];
    const el = contents.document.getElementById(target.id);
    if (!el) return `no #${target.id} in the view`;
    const frame = contents.window.frameElement.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    const x = frame.left + box.left, y = frame.top + box.top;
    if (x < 0 || x >= window.innerWidth || y < 0 || y >= window.innerHeight) {
      return `#${target.id} is at (${Math.round(x)}, ${Math.round(y)}), off the page shown`;
    }
    return '';
  }, target);

  for (const size of sizes) {
    const r = (report.sizes[size.name] = {});
    // The device's screen too: a phone's is narrow (media.css asks for it).
    await tab.setViewport({ width: size.width, height: size.height });
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: size.width, height: size.height, deviceScaleFactor: 1, mobile: false,
      screenWidth: size.width, screenHeight: size.height,
    });
    await tab.evaluate(async (w, h) => { rendition.resize(w, h); }, size.width, size.height);

    // A sample of each kind of link, followed: the first, the last and a few between.
    let followed = 0;
    for (const [kind, list] of Object.entries(kinds)) {
      const step = Math.max(1, Math.floor(list.length / 6));
      for (let i = 0; i < list.length; i += step) {
        const l = list[i];
        if (!byHref.has(l.target.file)) continue;
        const why = await lands(l.target);
        if (why) fail(`${size.name}: ${kind} link ${l.href} in ${l.from}: ${why}`);
        followed++;
      }
    }
    r.linksFollowed = followed;
    // Every page of the page-list, as "go to page N".
    for (const m of markers) {
      const why = await lands({ file: m.file, id: 'page-' + m.label });
      if (why) fail(`${size.name}: page ${m.label}: ${why}`);
    }
    r.pagesFollowed = markers.length;

    // What a reader sees: a chapter with a glossary link, the glossary, the index.
    const withGlossLink = book.docs.find((d) => d.links.some((l) => l.role === 'doc-glossref'));
    const chapter = withGlossLink || book.docs.find((d) => d.markers.length > 0);
    const notes = book.docs.find((d) => d.links.some((l) => l.role === 'doc-backlink'));
    const glossary = book.docs.find((d) => d.href.endsWith('glossary.xhtml'));
    const index = book.docs.find((d) => d.href.endsWith('index.xhtml'));
    const views = [['chapter', chapter, 'a[role="doc-glossref"]'], ['notes', notes, 'aside[role="doc-footnote"]'],
      ['glossary', glossary, ''], ['index', index, '']];
    for (const [name, d, show] of views) {
      if (!d) continue;
      const style = await tab.evaluate(async (href, show) => {
        await rendition.display(href);
        const contents = rendition.getContents()[0];
        const doc = contents.document;
        const win = contents.window;
        const css = (sel, props) => {
          const el = doc.querySelector(sel);
          if (!el) return null;
          const s = win.getComputedStyle(el);
          return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
        };
        // Turn to the page with the first of what the view is about (a glossary link, a note).
        const g = show && doc.querySelector(show);
        if (g) await rendition.display(contents.cfiFromNode(g));
        return {
          paragraph: css('section p + p', ['text-align', 'hyphens']),
          glossref: css('a[role="doc-glossref"]', ['text-decoration-line', 'text-decoration-style', 'border-bottom-style', 'color']),
          indexEntry: css('li.index-entry', ['list-style-type', 'text-indent', 'padding-left', 'display']),
          backlink: css('a[role="doc-backlink"]', ['text-decoration-line']),
          hidden: [...doc.querySelectorAll('[hidden]')].map((e) => win.getComputedStyle(e).display),
        };
      }, d.href, show);
      r[name] = style;
      await new Promise((res) => setTimeout(res, 300)); // let the page settle before the picture
      await tab.screenshot({ path: path.join(outDir, `${size.name}-${name}.png`) });

      if (style.paragraph) {
        const align = style.paragraph['text-align'];
        const want = size.width < 480 ? ['left', 'start'] : ['justify'];
        if (!want.includes(align)) fail(`${size.name} ${name}: text-align ${align}, want ${want.join(' or ')}`);
      }
      if (style.glossref) {
        const g = style.glossref;
        if (g['text-decoration-line'].includes('underline') && g['text-decoration-style'] === 'solid') {
          fail(`${size.name} ${name}: a glossary link is a solid underline`);
        }
        if (g['border-bottom-style'] !== 'dotted') fail(`${size.name} ${name}: a glossary link is not dotted (${JSON.stringify(g)})`);
      }
      if (style.indexEntry) {
        const e = style.indexEntry;
        if (e['list-style-type'] !== 'none') fail(`${size.name} index: entries have a bullet (${e['list-style-type']})`);
        if (!(parseFloat(e['text-indent']) < 0 && parseFloat(e['padding-left']) >= -parseFloat(e['text-indent']))) {
          fail(`${size.name} index: entries do not hang (${JSON.stringify(e)})`);
        }
      }
      if (style.backlink && !style.backlink['text-decoration-line'].includes('underline')) {
        fail(`${size.name} ${name}: links back from notes are not underlined`);
      }
      if (style.hidden.some((d) => d !== 'none')) fail(`${size.name} ${name}: hidden elements are shown`);
    }
    if (index && !r.index?.indexEntry) fail(`${size.name}: no index entry found in ${index.href}`);
    // The navigation document: landmarks and page-list hidden.
    const nav = await tab.evaluate(async () => {
      const href = book.spine.spineItems.find((s) => s.properties.includes('nav'))?.href;
      if (!href) return null;
      await rendition.display(href);
      const c = rendition.getContents()[0];
      return [...c.document.querySelectorAll('nav[hidden]')].map((n) => c.window.getComputedStyle(n).display);
    });
    if (nav && nav.some((d) => d !== 'none')) fail(`${size.name}: the landmarks or the page-list are shown`);
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

fs.writeFileSync(path.join(outDir, 'epubjs.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`${path.basename(bookPath)}: ${report.links} links (${JSON.stringify(report.linkKinds)}), ` +
  `${report.markers} page markers, page-list of ${report.pageList}; followed ` +
  Object.entries(report.sizes).map(([k, v]) => `${v.linksFollowed} links and ${v.pagesFollowed} pages at ${k} size`).join(', '));
for (const f of failures) console.log('FAIL ' + f);
process.exit(failures.length ? 1 : 0);

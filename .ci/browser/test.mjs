// The built site in headless Chromium (Debian's package), as visitors use it: every page at
// 375, 768 and 1280 px without sideways scrolling, axe-core's WCAG and best-practice rules with
// no violation, every internal link and anchor resolving, the index's filters, search, sorting
// and shareable state, the issue-form links, disputed claims and unconfirmed replies, and the
// site without scripts. Screenshots of every
// page at every width are saved for CI's artifacts.
//
// Usage: node test.mjs DIST_DIR ARTIFACTS_DIR SEARCH_WORD EXPECTED_ID
//   SEARCH_WORD appears only in a claim's summary of the company EXPECTED_ID.
import { chromium } from "playwright-core";
import { pathToFileURL, fileURLToPath } from "node:url";
import { join } from "node:path";
import { readFileSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const [dist, artifacts, searchWord, searchId] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const companies = JSON.parse(readFileSync(join(dist, "companies.json"), "utf8"));
mkdirSync(artifacts, { recursive: true });

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`FAIL ${message}`);
};
const url = (relative) => pathToFileURL(join(dist, relative)).href;

const pages = ["index.html", "methodology.html", "downloads.html"];
if (existsSync(join(dist, "changes.html"))) pages.push("changes.html");
for (const c of companies) pages.push(`companies/${c.id}.html`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** A page whose console errors (a blocked script, a CSP violation) and exceptions are failures. */
async function open(context, relative) {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") fail(`${relative}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => fail(`${relative}: script error: ${e.message}`));
  page.on("requestfailed", (r) => fail(`${relative}: request failed: ${r.url()}`));
  await page.goto(url(relative));
  return page;
}

const ids = new Map(); // file -> the ids its elements have
async function idsOf(context, file) {
  if (!ids.has(file)) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    ids.set(file, new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id))));
    await page.close();
  }
  return ids.get(file);
}

try {
  const context = await browser.newContext();

  // Every page at every width: no sideways scrolling, landmarks, axe, screenshots.
  for (const relative of pages) {
    const name = relative.replace(/\//g, "-").replace(/\.html$/, "");
    for (const width of [375, 768, 1280]) {
      const page = await open(context, relative);
      await page.setViewportSize({ width, height: 900 });
      const { scroll, inner } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
      }));
      if (scroll > inner) fail(`${relative} at ${width} px: ${scroll} px wide`);
      if (width !== 768) {
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => globalThis.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        }));
        for (const v of result.violations) {
          fail(`${relative} at ${width} px: axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
        }
      }
      for (const landmark of ["header", "main", "footer"]) {
        if ((await page.locator(landmark).count()) !== 1) fail(`${relative}: not one <${landmark}>`);
      }
      await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
      await page.close();
    }
  }

  // Every internal link resolves, anchors included; the footer names the licence and version.
  for (const relative of pages) {
    const page = await open(context, relative);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const target = new URL(href);
      if (target.protocol !== "file:") continue;
      const file = fileURLToPath(target);
      if (!existsSync(file)) { fail(`${relative}: link to a missing file ${href}`); continue; }
      const anchor = decodeURIComponent(target.hash.slice(1));
      if (anchor !== "" && file.endsWith(".html") && !(await idsOf(context, file)).has(anchor)) {
        fail(`${relative}: link to a missing anchor ${href}`);
      }
    }
    const footer = await page.locator("footer").innerText();
    if (!/licensed under/.test(footer)) fail(`${relative}: the footer names no licence: ${footer}`);
    if (!/Built from commit/.test(footer)) fail(`${relative}: the footer names no commit: ${footer}`);
    await page.close();
  }

  // The index: the headline counts, filters, search, sorting, state in the address.
  const index = await open(context, "index.html");
  const count = (status) => companies.filter((c) => c.boycott.status === status).length;
  const listed = count("listed");
  const headline = await index.locator("main h1 + p").innerText();
  const noun = listed === 1 ? "1 company that supports" : `${listed} companies that support`;
  if (!headline.startsWith(noun)) fail(`the headline says: ${headline}`);
  if (!headline.includes(`${count("under-review")} under review and ${count("delisted")} delisted`)) {
    fail(`the headline's other counts: ${headline}`);
  }
  const rows = index.locator("#companies tbody tr");
  const visibleIds = () => index.locator("#companies tbody tr:visible").evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  if ((await visibleIds()).length !== companies.length) fail("not every company is shown at first");
  const selects = await index.locator("#controls select").evaluateAll((ss) => ss.map((s) => ({
    id: s.id, label: s.labels[0].innerText, values: Array.from(s.options).map((o) => o.value).filter((v) => v !== ""),
  })));
  if (selects.length !== 4) fail(`${selects.length} filters, not 4`);
  const column = { "filter-status": 1, "filter-agency": 2, "filter-kind": 3, "filter-verification": 4 };
  for (const select of selects) {
    for (const value of select.values) {
      await index.selectOption(`#${select.id}`, value);
      const shown = (await visibleIds()).sort();
      const expected = (await rows.evaluateAll((trs, [c, v, set]) => trs
        .filter((tr) => (set ? tr.cells[c].innerText.split(", ") : [tr.cells[c].innerText]).includes(v))
        .map((tr) => tr.dataset.id), [column[select.id], value, select.id === "filter-agency" || select.id === "filter-kind"]))
        .map((s) => s.trim()).sort();
      if (JSON.stringify(shown) !== JSON.stringify(expected) || shown.length === 0) {
        fail(`${select.label} = ${value}: shows ${shown}, expected ${expected}`);
      }
      // The view is in the address: opened elsewhere, it shows the same rows.
      const shared = await context.newPage();
      await shared.goto(index.url());
      const again = (await shared.locator("#companies tbody tr:visible").evaluateAll((trs) => trs.map((tr) => tr.dataset.id))).sort();
      if (JSON.stringify(again) !== JSON.stringify(shown)) fail(`${index.url()} shows ${again}, not ${shown}`);
      await shared.close();
    }
    await index.selectOption(`#${select.id}`, "");
  }
  // "verified" is not "unverified" or "partially-verified"; "listed" is not "delisted".
  for (const [id, value] of [["filter-verification", "verified"], ["filter-status", "listed"]]) {
    await index.selectOption(`#${id}`, value);
    const cells = await index.locator("#companies tbody tr:visible").evaluateAll((trs, c) => trs.map((tr) => tr.cells[c].innerText.trim()), column[id]);
    if (cells.some((c) => c !== value)) fail(`${id} = ${value} shows ${cells}`);
    await index.selectOption(`#${id}`, "");
  }
  await index.locator("#search").fill(searchWord);
  const found = await visibleIds();
  if (JSON.stringify(found) !== JSON.stringify([searchId])) fail(`searching ${searchWord} finds ${found}, not ${searchId}`);
  await index.locator("#search").fill("");
  const names = () => index.locator("#companies tbody tr:visible td:first-child").allInnerTexts();
  await index.locator("#companies th button", { hasText: "Company" }).click();
  const ascending = await names();
  const sorted = [...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  if (JSON.stringify(ascending) !== JSON.stringify(sorted)) fail(`sorted by name: ${ascending}`);
  await index.locator("#companies th button", { hasText: "Company" }).click();
  const descending = await names();
  if (JSON.stringify(descending) !== JSON.stringify([...sorted].reverse())) fail(`sorted by name, descending: ${descending}`);
  if ((await index.locator("th[aria-sort=descending]").count()) !== 1) fail("the sorted column is not marked");
  const propose = await index.locator("a", { hasText: "Propose a company" }).getAttribute("href");
  if (!propose || new URL(propose).searchParams.get("template") !== "propose-company.yml") fail(`propose link: ${propose}`);

  // Company pages: the issue forms carry the entry's id; back-links; the entry's JSON.
  for (const company of companies) {
    const page = await open(context, `companies/${company.id}.html`);
    for (const [text, template, prefix] of [["Report an error", "correct-entry.yml", "Correction"], ["Respond as the company", "company-response.yml", "Response"]]) {
      const href = await page.locator("a", { hasText: text }).getAttribute("href");
      const params = href ? new URL(href).searchParams : new URLSearchParams();
      if (params.get("template") !== template || params.get("entry") !== company.id || params.get("title") !== `${prefix}: ${company.id}`) {
        fail(`${company.id}: "${text}" opens ${href}`);
      }
    }
    if ((await page.locator("a.backlink").count()) === 0) fail(`${company.id}: no back-links`);
    const unlabelled = await page.locator("a.backlink:not([aria-label])").count();
    if (unlabelled !== 0) fail(`${company.id}: ${unlabelled} back-links without a label`);
    const empty = await page.locator("p:empty").count();
    if (empty !== 0) fail(`${company.id}: ${empty} empty paragraphs`);
    const claims = await page.locator("li[id^=claim-]").count();
    if (claims !== (company.claims ?? []).length) fail(`${company.id}: ${claims} claims shown`);
    const tiers = await page.locator("li[id^=claim-] a.tier").count();
    if (tiers !== claims) fail(`${company.id}: ${tiers} tier badges for ${claims} claims`);
    for (const award of (company.claims ?? []).flatMap((c) => c.awards ?? [])) {
      const link = page.locator(`a[href="https://www.usaspending.gov/award/${award.id}"]`);
      if ((await link.count()) !== 1) fail(`${company.id}: award ${award.id} is not linked`);
    }
    // A disputed claim says so next to it, and links the response; an unconfirmed reply says so.
    for (const claim of company.claims ?? []) {
      const disputed = await page.locator(`#claim-${claim.id} .disputed`).count();
      if (disputed !== ((claim.disputed_by ?? []).length > 0 ? 1 : 0)) fail(`${company.id}: claim ${claim.id} disputed marks: ${disputed}`);
      for (const response of claim.disputed_by ?? []) {
        if ((await page.locator(`#claim-${claim.id} a[href="#response-${response}"]`).count()) !== 1) {
          fail(`${company.id}: claim ${claim.id} does not link the response ${response}`);
        }
      }
    }
    for (const response of company.responses ?? []) {
      const unconfirmed = response.by === "company" && response.confirmed !== true;
      const marks = await page.locator(`#response-${response.id} .unconfirmed`).count();
      if (marks !== (unconfirmed ? 1 : 0)) fail(`${company.id}: response ${response.id} unconfirmed marks: ${marks}`);
    }
    const json = await page.locator("a", { hasText: "This entry as JSON" }).getAttribute("href");
    await page.goto(new URL(json, page.url()).href);
    const own = JSON.parse(await page.locator("body").innerText());
    if (own.id !== company.id) fail(`the JSON link of ${company.id} holds ${own.id}`);
    await page.close();
  }
  await context.close();

  // Without scripts the index is whole and shows no dead controls.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(url("index.html"));
  if ((await plain.locator("#companies tbody tr:visible").count()) !== companies.length) fail("without scripts, rows are missing");
  if (await plain.locator("#controls").isVisible()) fail("without scripts, the filters are shown");
  await noScript.close();
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.error(`${failures.length} failures`);
  process.exit(1);
}
console.log(`${pages.length} pages checked at 375, 768 and 1280 px; screenshots in ${artifacts}`);

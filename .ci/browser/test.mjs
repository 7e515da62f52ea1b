// Loads the built site from disk in headless Chromium (Debian's package), types into the
// filter and checks that the table narrows, then saves a screenshot of a company page.
// Usage: node test.mjs DIST_DIR COMPANY_ID FILTER_TEXT EXPECTED_ROWS SCREENSHOT_PATH
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dist, company, filter, expected, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(dist, "index.html")).href);
  const visible = () => page.locator("#companies tbody tr:visible").count();
  const before = await visible();
  const summary = await page.locator("h1 + p").innerText();
  // The headline counts the listed companies only: the rows whose boycott status is listed.
  const listed = await page.locator("#companies tbody tr")
    .filter({ has: page.locator("td:nth-child(2)", { hasText: /^listed$/ }) }).count();
  const noun = listed === 1 ? "1 company that supports" : `${listed} companies that support`;
  if (!summary.startsWith(noun)) throw new Error(`the index says: ${summary}`);
  await page.locator("#filter").pressSequentially(filter);
  const after = await visible();
  console.log(`rows: ${before} before typing, ${after} after typing ${JSON.stringify(filter)}`);
  if (!(after < before) || after !== Number(expected)) {
    throw new Error(`the filter did not narrow the table to ${expected} rows`);
  }
  await page.goto(pathToFileURL(join(dist, "companies", `${company}.html`)).href);
  const backlinks = await page.locator("a.backlink").count();
  if (backlinks === 0) throw new Error("no back-links on the company page");
  // Paragraphs are spaced as paragraphs: no empty one doubles a gap.
  const empty = await page.locator("p:empty").count();
  if (empty !== 0) throw new Error(`${empty} empty paragraphs on the company page`);
  // The country is shown by name.
  const country = await page.locator("table.infobox tr", { hasText: "Country" }).innerText();
  if (!/[a-z]{3,}/.test(country)) throw new Error(`the country is not named: ${country}`);
  // The entry's JSON is linked, and is the entry.
  const href = await page.locator("a", { hasText: "This entry as JSON" }).getAttribute("href");
  await page.goto(new URL(href, page.url()).href);
  const own = JSON.parse(await page.locator("body").innerText());
  if (own.id !== company) throw new Error(`the JSON link holds ${own.id}, not ${company}`);
  await page.goto(pathToFileURL(join(dist, "companies", `${company}.html`)).href);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}

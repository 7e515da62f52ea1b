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
  await page.locator("#filter").pressSequentially(filter);
  const after = await visible();
  console.log(`rows: ${before} before typing, ${after} after typing ${JSON.stringify(filter)}`);
  if (!(after < before) || after !== Number(expected)) {
    throw new Error(`the filter did not narrow the table to ${expected} rows`);
  }
  await page.goto(pathToFileURL(join(dist, "companies", `${company}.html`)).href);
  const backlinks = await page.locator("a.backlink").count();
  if (backlinks === 0) throw new Error("no back-links on the company page");
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}

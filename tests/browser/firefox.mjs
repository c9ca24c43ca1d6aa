/* Debian's Firefox ESR on the built site, for tests/browser/test_firefox.py, which derives every
   case from the plan and judges the answers: this script only drives the browser and reports.

     node tests/browser/firefox.mjs job.json > report.json

   One headless Firefox with a fresh profile, driven over WebDriver BiDi by puppeteer-core
   (pinned in package.json; it never downloads a browser), visiting each page once per family
   of checks:
     pages     every page: the requests made (the page's and its search worker's), console
               errors (CSP violations among them, see job.init) and axe-core's WCAG violations;
     searches  each text entered as an input method commits it (one input event), and the
               result links shown for it;
     arrivals  text reaching the search box in other ways (typed key by key, copied and pasted
               with the keyboard, or as tests/browser/arrivals.js dispatches it), the queries the
               page sent to its search worker meanwhile (query_log.js) and the result links;
     print     a page printed to PDF (A4) with the print stylesheet.
   The in-page waits and readings are in_page.js. A failure is reported as {"failure": …}
   with exit status 1. */
import { mkdir, readFile } from "node:fs/promises";

import puppeteer from "puppeteer-core";

const job = JSON.parse(await readFile(process.argv[2], "utf-8"));
const report = { seconds: {} };

/* A clean environment for a browser started by root in a container: a HOME of its own, with its
   caches and settings under it (root's may be unwritable, or belong to a desktop session Firefox
   refuses to share), no display or session bus, no crash reporter. */
function environment() {
  const env = { ...process.env, HOME: job.home, MOZ_HEADLESS: "1", MOZ_CRASHREPORTER_DISABLE: "1" };
  for (const name of Object.keys(env))
    if (/^(XDG_|DBUS_)|^(DISPLAY|WAYLAND_DISPLAY|XAUTHORITY)$/.test(name))
      delete env[name];
  return env;
}

async function timed(name, work) {
  const start = performance.now();
  try {
    return await work();
  } finally {
    report.seconds[name] = Math.round((performance.now() - start) / 100) / 10;
  }
}

async function open(page, address) {
  await page.goto(job.base + address, { waitUntil: "load" });
  await page.evaluate(() => planTest.ready());
}

/* Two windows share the pages (two cores): while one waits for its page, the other's is checked. */
async function pages(page) {
  report.axe = {};
  const tabs = [page, await newTab()];
  await Promise.all(tabs.map(async (tab, i) => {
    for (const address of job.pages.filter((_, n) => n % tabs.length === i)) {
      await tab.goto(job.base + address, { waitUntil: "load" });
      const found = await tab.evaluate(tags => planTest.ready().then(() => planTest.violations(tags)), job.wcag);
      if (found.length)
        report.axe[address] = found;
    }
  }));
  await tabs[1].close();
}

async function searches(page) {
  await open(page, "index.html");
  report.searches = await page.evaluate((texts, limit) => planTest.search(texts, limit),
                                        job.searches.texts, job.searches.limit);
}

async function withControl(page, key) {
  await page.keyboard.down("Control");
  await page.keyboard.press(key);
  await page.keyboard.up("Control");
}

async function arrivals(page) {
  const dispatch = await readFile(job.arrivals.script, "utf-8");
  report.arrivals = [];
  for (const { way, text, page: address } of job.arrivals.cases) {
    await open(page, address);
    const arrive = way => page.evaluate(`(${dispatch})(${JSON.stringify(way)}, ${JSON.stringify(text)})`);
    if (way === "paste by keyboard") {  // copied from the page with Ctrl+C, pasted below with Ctrl+V
      if (!await arrive("select on page"))
        throw new Error(`${address} 中找不到要复制的文字：${text}`);
      await withControl(page, "c");
    }
    await page.evaluate(() => planTest.empty());
    if (way === "paste by keyboard")
      await withControl(page, "v");
    else if (way === "typed")
      await page.keyboard.type(text, { delay: 20 });
    else
      await arrive(way);
    const results = await page.evaluate(limit => planTest.results(limit, 0).catch(() => []), job.arrivals.limit);
    await new Promise(resolve => setTimeout(resolve, 200));  // a late second query would be sent by now
    report.arrivals.push({ way, text, results, ...await page.evaluate(() => ({
      box: document.querySelector("[data-md-component=search-query]").value,
      queries: window.planQueryLog.slice(),
    })) });
  }
}

async function print(page) {
  await open(page, job.print.page);
  await page.pdf({ path: job.print.pdf, format: "A4", margin: { top: "1cm", bottom: "1cm", left: "1cm", right: "1cm" } });
  report.print = job.print.pdf;
}

let browser;
report.requests = [];
report.errors = [];

/* A tab that runs job.init before each page's scripts and reports its requests and errors. */
async function newTab() {
  const tab = await browser.newPage({ type: "window" });  // a window of its own: never a background tab
  await tab.setViewport(job.viewport);
  for (const script of job.init)
    await tab.evaluateOnNewDocument(script);
  tab.on("request", request => report.requests.push(request.url()));
  tab.on("console", message => message.type() === "error" && report.errors.push(`${tab.url()}: ${message.text()}`));
  tab.on("pageerror", error => report.errors.push(`${tab.url()}: ${error.message}`));
  return tab;
}

try {
  await mkdir(job.profile, { recursive: true });
  browser = await timed("launch", () => puppeteer.launch({
    browser: "firefox",
    executablePath: job.firefox,
    headless: true,
    userDataDir: job.profile,
    env: environment(),
    timeout: 120_000,  // a busy machine starts it slowly
    protocolTimeout: 300_000,  // the searches are one long call
  }));
  report.version = await browser.version();
  const page = await newTab();
  for (const [name, family] of Object.entries({ pages, searches, arrivals, print }))
    if (job[name])
      await timed(name, () => family(page));
  process.stdout.write(JSON.stringify(report));
} catch (error) {
  process.stdout.write(JSON.stringify({ ...report, failure: `${error.stack || error}` }));
  process.exitCode = 1;
} finally {
  if (browser)
    await browser.close();
}

// Drives footfall's status page in Debian's chromium, headless, through playwright-core (which
// downloads no browser). The test sends one JSON command per line on stdin and reads one JSON
// answer per line on stdout, so that it can change the office between steps:
//   {"cmd":"open","url":"http://127.0.0.1:18090/","js":true}       a fresh page, JavaScript on or off
//   {"cmd":"names"}                                                  who the open page lists as in
//   {"cmd":"waitFor","name":"Alice","present":true,"timeout":5000}   until the page lists (or drops) a name, without reloading
//   {"cmd":"live"}                                                   the page's live indicator text
//   {"cmd":"screenshot","path":"x.png","width":1920,"height":1080,"dark":false}
//   {"cmd":"quit"}
// Usage: node status-page.mjs [CHROMIUM]   (default /usr/bin/chromium)
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const executablePath = process.argv[2] ?? "/usr/bin/chromium";
// Root in CI: chromium's sandbox needs a user namespace it cannot have there.
const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
let context = null;
let page = null;
const problems = [];

const inList = () => page.$$eval("ul.in li[data-person]", items => items.map(li => li.dataset.person));

async function handle(command) {
  switch (command.cmd) {
    case "open": {
      if (context) await context.close();
      context = await browser.newContext({ javaScriptEnabled: command.js !== false, viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      // Script errors and CSP refusals count; a connection cut while the daemon restarts does not.
      page.on("console", message => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource: net::")) problems.push(message.text());
      });
      page.on("pageerror", error => problems.push(String(error)));
      const response = await page.goto(command.url, { waitUntil: "load" });
      return { status: response.status() };
    }
    case "names":
      return { names: await inList() };
    case "waitFor": {
      const present = command.present !== false;
      const started = Date.now();
      await page.waitForFunction(
        ([name, wanted]) => [...document.querySelectorAll("ul.in li[data-person]")].some(li => li.dataset.person === name) === wanted,
        [command.name, present],
        { timeout: command.timeout ?? 5000, polling: 50 });
      return { afterMs: Date.now() - started, names: await inList() };
    }
    case "live":
      return { live: await page.$eval("#live", e => e.textContent), navigations: await page.evaluate(() => performance.getEntriesByType("navigation").length) };
    case "screenshot": {
      const shot = await browser.newContext({
        viewport: { width: command.width ?? 1280, height: command.height ?? 800 },
        colorScheme: command.dark ? "dark" : "light",
        deviceScaleFactor: command.scale ?? 1,
      });
      const p = await shot.newPage();
      await p.goto(command.url ?? page.url(), { waitUntil: "load" });
      await p.waitForTimeout(300);
      await p.screenshot({ path: command.path, fullPage: command.fullPage ?? false });
      await shot.close();
      return { path: command.path };
    }
    case "problems":
      return { problems };
    case "quit":
      await browser.close();
      process.stdout.write(JSON.stringify({ ok: true }) + "\n");
      process.exit(0);
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

process.stdout.write(JSON.stringify({ ok: true, ready: true, version: browser.version() }) + "\n");
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    const answer = await handle(JSON.parse(line));
    process.stdout.write(JSON.stringify({ ok: true, ...answer }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error?.message ?? error) }) + "\n");
  }
}
await browser.close();

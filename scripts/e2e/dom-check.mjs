// What a person sees: open a file through Quick Open, focus the Problems panel, read its rows out of the
// rendered DOM, and check that the expected rule codes are listed. Selectors verified on VS Code 1.139.1;
// keep these checks few, since the DOM changes between releases while the extension API does not.
import { workbenchUrl } from './browser.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function quickInput(page, key, text, rowLabel) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget .quick-input-box input');
  await page.keyboard.insertText(text); // one input event: typing key by key re-runs the search per key
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${rowLabel}"]`);
  await page.keyboard.press('Enter');
}

/** Rows of the Problems panel: aria-label (severity, message, position, source) plus rendered text (has the code). */
async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((r) => `${r.getAttribute('aria-label') ?? ''} | ${(r.textContent ?? '').replace(/\s+/g, ' ').trim()}`),
  );
}

/**
 * @param {object} o
 * @param {import('playwright-core').Browser} o.browser
 * @param {{url:string, authority:string}} o.server
 * @param {string} o.folder       workspace folder (absolute)
 * @param {string} [o.devPath]    load the extension unpackaged from here (omit when it is installed)
 * @param {string} o.file         workspace-relative file to open
 * @param {string[]} o.codes      rule codes that must be listed in the Problems panel
 * @param {string[]} [o.screenshots] where to save a screenshot
 * @param {(s:string)=>void} o.log
 */
export async function checkProblemsPanel({ browser, server, folder, devPath, file, codes, screenshots = [], log, timeoutMs = 60_000 }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(30_000);
  const t0 = Date.now();
  try {
    await page.goto(workbenchUrl(server, folder, { devPath }));
    await page.waitForSelector('.monaco-workbench .part.activitybar');
    log(`workbench loaded in ${Date.now() - t0} ms`);
    const name = file.split('/').pop();
    await quickInput(page, 'Control+P', file, name);
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`);
    log(`opened ${file} at ${Date.now() - t0} ms`);
    await quickInput(page, 'F1', 'View: Focus Problems', 'View: Focus Problems');
    await page.waitForSelector('.markers-panel');
    log(`Problems panel focused at ${Date.now() - t0} ms`);
    // the workspace is indexed, so the panel lists every file: filter it to the opened one (cosmetic; the
    // row check below works either way)
    const filter = await page.waitForSelector('.panel input[placeholder^="Filter"]', { timeout: 5_000 }).catch(() => null);
    if (filter) await filter.fill(`**/${name}`);
    else log('Problems filter box not found; the screenshot shows every file');
    // diagnostics arrive asynchronously: poll the rendered rows until every expected code is listed
    let rows = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      rows = await problemRows(page);
      if (codes.every((c) => rows.some((r) => r.includes(c)))) break;
      await sleep(250);
    }
    // click the first expected problem: the editor jumps to it, so the screenshot shows the squiggle and its row
    const first = codes.length && (await page.$(`.markers-panel .monaco-list-row:has-text("${codes[0]}")`));
    if (first) await first.click();
    await page.mouse.move(700, 20); // no hover tooltip over the panel in the screenshot
    await sleep(800);
    await lensesSettled(page);
    for (const path of screenshots) await page.screenshot({ path });
    const missing = codes.filter((c) => !rows.some((r) => r.includes(c)));
    if (missing.length) {
      throw new Error(`Problems panel for ${file} lacks ${missing.join(', ')}; rows seen:\n    ${rows.join('\n    ') || '(none)'}`);
    }
    return { rows, ms: Date.now() - t0 };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Lenses refresh a little after the background index finishes (debounced): wait until the rendered
 * CodeLens texts have not changed for two seconds (at most 10 s), so a screenshot shows the settled state.
 */
async function lensesSettled(page) {
  const texts = () => page.$$eval('.monaco-editor .codelens-decoration', (els) => els.map((e) => e.textContent).join('|'));
  let last = await texts();
  let stableSince = Date.now();
  for (const end = Date.now() + 10_000; Date.now() < end && Date.now() - stableSince < 2_000; ) {
    await sleep(200);
    const now = await texts();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

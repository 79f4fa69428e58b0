// What a person sees of the cluster feature: click the mTLS Lens activity-bar container, read the rendered
// rows of the Certificates & SPIFFE IDs tree, expand a pod (its SVID is read by exec right then) until a
// SPIFFE ID row shows, read the status-bar item with the Kubernetes context, and save screenshots. Then,
// if the live status CodeLens shows on a workload file, a screenshot of that too. Selectors verified on
// VS Code 1.139.1 (see /work/shared/research/real-vscode.md); the suite's tree test checks the model.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchUrl } from './browser.mjs';
import { quickInput } from './dom-check.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ROWS = '.sidebar .monaco-list-row';

async function rowLabels(page) {
  return page.$$eval(`${ROWS} .label-name`, (els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** "label — description" of each rendered row, indented by its tree level (the log shows what a person sees). */
async function rowTexts(page) {
  return page.$$eval('.sidebar .monaco-list-row', (els) =>
    els.map((e) => {
      const depth = Number(e.getAttribute('aria-level') ?? 1) - 1;
      const label = (e.querySelector('.label-name')?.textContent ?? '').trim();
      const description = (e.querySelector('.label-description')?.textContent ?? '').trim();
      return `${'  '.repeat(depth)}${label}${description ? ` — ${description}` : ''}`;
    }),
  );
}

const rowOf = (page, label) => page.locator(ROWS).filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
const exactly = (label) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The colour a person reads an expiry state from: the codicon a certificate row is drawn with. */
async function expectIcon(page, label, codicon) {
  const n = await rowOf(page, label).locator(`.codicon-${codicon}`).count();
  if (!n) throw new Error(`the tree row ${label} is not drawn with the ${codicon} icon`);
}

/** Waits until a rendered tree row's label is `label` (string: exact; RegExp: test) and returns that label. */
async function waitForRow(page, label, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await rowLabels(page);
    const hit = rows.find((r) => (typeof label === 'string' ? r === label : label.test(r)));
    if (hit) return hit;
    await sleep(200);
  }
  throw new Error(`no tree row ${label} within ${timeoutMs} ms; rows seen:\n    ${rows.join('\n    ') || '(none)'}`);
}

/** Clicks a collapsed row (single click expands in VS Code's trees by default). */
async function expand(page, label) {
  const row = rowOf(page, label);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Drag the sash at the side bar's right edge, so labels and their descriptions are not cut off. */
async function widenSidebar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * @param {object} o
 * @param {import('playwright-core').Browser} o.browser
 * @param {{url:string, authority:string}} o.server  started with the demo cluster's kubeconfig
 * @param {string} o.folder      workspace folder (a copy of examples/)
 * @param {string} [o.devPath]   load the extension unpackaged from here
 * @param {string} o.context     the demo kubeconfig's context, which the status bar must show
 * @param {{ namespace: string, workload: string, spiffeId: string }} o.svid  the pod to expand and the ID it must show
 * @param {string[]} [o.treeShots]  where to save the tree screenshot
 * @param {string[]} [o.lensShots]  where to save the CodeLens screenshot (skipped if the lens does not show)
 * @param {string} [o.lensFile]     workspace-relative file with workloads, for the lens screenshot
 */
export async function checkCertificateTree({ browser, server, folder, devPath, context, svid, treeShots = [], lensShots = [], lensFile, log }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(30_000);
  const t0 = Date.now();
  try {
    await page.goto(workbenchUrl(server, folder, { devPath }));
    await page.waitForSelector('.monaco-workbench .part.activitybar');
    await page.click('.activitybar [aria-label^="mTLS Lens"]');
    // opening the view connects: the first row is the context once the cluster is read
    await waitForRow(page, context, 60_000);
    log(`tree shows context ${context} at ${Date.now() - t0} ms`);
    await widenSidebar(page, 640);
    // TLS Secrets holds CAs already shown elsewhere: fold it so the namespaces fit in the picture
    await expand(page, 'Namespaces');
    await rowOf(page, 'TLS Secrets').click();
    await expectIcon(page, 'web/legacy-portal', 'error'); // expired
    await expectIcon(page, 'web/api-gateway', 'warning'); // < 7 days
    await expectIcon(page, 'web/metrics', 'warning'); // < 30 days
    await expand(page, svid.namespace);
    await waitForRow(page, svid.workload);
    await expand(page, svid.workload);
    const pod = await waitForRow(page, new RegExp(`^${svid.workload}-[a-z0-9]+-[a-z0-9]+$`));
    const tRead = Date.now();
    await expand(page, pod); // the SVID is read by exec into istio-proxy now
    await waitForRow(page, svid.spiffeId);
    log(`expanded ${svid.namespace}/${pod}: SPIFFE ID row ${svid.spiffeId} after ${Date.now() - tRead} ms`);

    const status = await page.$$eval('.statusbar-item', (els) => els.map((e) => `${e.id} | ${(e.textContent ?? '').trim()}`));
    const ctxItem = status.find((s) => s.includes('mtlsLens.context'));
    if (!ctxItem) throw new Error(`no mTLS Lens context item in the status bar; items:\n    ${status.join('\n    ')}`);
    if (!ctxItem.endsWith(`| ${context}`)) throw new Error(`the status bar shows "${ctxItem}", not the context ${context}`);
    log(`status bar: ${ctxItem}`);

    // a click on a certificate opens its details (SPIFFE ID, chain verification, PEM) beside the tree
    await rowOf(page, svid.spiffeId).click();
    await page.waitForSelector('.tabs-container .tab[aria-label*="SVID_of"]');
    const rows = await rowTexts(page);
    await page.mouse.move(1200, 20); // no hover tooltip in the picture
    await sleep(500);
    for (const path of treeShots) await page.screenshot({ path });

    if (lensFile && lensShots.length) await lensShot(page, folder, lensFile, lensShots, log);
    return { rows, ms: Date.now() - t0 };
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * The live status lenses of a Deployment whose port override differs from its mode (reviews-v2 in the demo
 * file), with the side bar hidden so the editor is wide. Only if the lens shows within 30 s: the lens
 * tests own its correctness, this is the picture.
 */
async function lensShot(page, folder, file, paths, log) {
  const lines = readFileSync(join(folder, file), 'utf8').split('\n');
  const at = lines.findIndex((l, i) => l === 'kind: Deployment' && lines.slice(i, i + 4).some((x) => x.trim() === 'name: reviews-v2'));
  await quickInput(page, 'Control+P', file, file.split('/').pop());
  await page.keyboard.press('Control+B'); // hide the side bar
  if (at >= 0) {
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget .quick-input-box input');
    await page.keyboard.insertText(String(at + 12)); // the reveal centres this line: the lens sits above mid-screen
    await page.waitForSelector(`.quick-input-widget :text("go to line ${at + 12}")`).catch(() => null); // Enter before this is lost
    await page.keyboard.press('Enter');
    const closed = await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 3_000 }).catch(() => null);
    if (!closed) await page.keyboard.press('Escape'); // the editor has been revealed there by the preview anyway
  }
  const lens = await page.waitForSelector('.monaco-editor .codelens-decoration a:has-text("PERMISSIVE")', { timeout: 30_000 }).catch(() => null);
  if (!lens) return log(`no live CodeLens on ${file}; no lens screenshot`);
  await sleep(1000); // let the other lenses of the file resolve
  for (const path of paths) await page.screenshot({ path });
}

/** docs/images/lens.png belongs to whoever took it last: leave one younger than 30 minutes alone. */
export function lensDocShotIsFree(path) {
  return !existsSync(path) || Date.now() - statSync(path).mtimeMs > 30 * 60_000;
}

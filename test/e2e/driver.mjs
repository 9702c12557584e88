// Drives code-server (started by run.sh) with Playwright and Debian's Chromium.
//   host: loads the extension-host suite through the smoke-test driver payload and reports its
//         results (the workbench calls window.codeAutomationExit(code) when the suite ends);
//   ui:   types broken code like a user, waits for the squiggle, the Problems entry, the hover,
//         the quick fix and the run-cell view, and saves screenshots to test-results/e2e/.
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through test/e2e/run.sh)`);
  return v;
};
const PORT = env('E2E_PORT');
const WORKSPACE = env('E2E_WORKSPACE');
const EXTENSION = env('E2E_EXTENSION');
const SUITE = env('E2E_SUITE');
const STATE = env('E2E_STATE');
const RESULTS = env('E2E_RESULTS');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BASE = `http://127.0.0.1:${PORT}`;
const mode = process.argv[2] ?? 'all';

const results = [];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
function record(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok' : 'not ok'} - ${name} [${elapsed()}]${detail ? `\n    ${detail.replace(/\n/g, '\n    ')}` : ''}`);
}

async function launch(profile) {
  return chromium.launchPersistentContext(path.join(STATE, profile), {
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 960 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Retries a flaky UI wait a few times before giving up with the last error. */
async function retry(what, attempts, fn) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn(i);
    } catch (error) {
      last = error;
      console.log(`    (${what}: attempt ${i + 1} of ${attempts} failed: ${String(error.message ?? error).split('\n')[0]})`);
    }
  }
  throw last;
}

async function hostSuite() {
  const context = await launch('chromium-host');
  const page = context.pages()[0] ?? (await context.newPage());
  const lines = [];
  let exitCode;
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  // The workbench calls codeAutomationExit only after the extension host has wound down, which
  // in code-server takes minutes; the suite's own summary line is an equally final signal.
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    finish(code);
  });
  page.on('console', (m) => {
    const text = m.text();
    if (text.includes('[tensorlint-test]')) {
      const clean = text.slice(text.indexOf('[tensorlint-test]') + '[tensorlint-test]'.length).trim();
      lines.push(clean);
      console.log(`    host [${elapsed()}]: ${clean.split('\n')[0]}`);
      const summary = /^(\d+) passed, (\d+) failed$/.exec(clean);
      if (summary) {
        exitCode ??= Number(summary[2]) === 0 ? 0 : 1;
        finish(exitCode);
      }
    }
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${PORT}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(EXTENSION)],
    ['extensionTestsPath', remote(SUITE)],
  ]);
  const url = `${BASE}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(payload)}`;
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 240_000)));
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    await page.screenshot({ path: path.join(RESULTS, 'host-suite.png'), timeout: 5_000 }).catch(() => {});
    if (outcome === 'timeout') {
      record('extension-host suite finished', false, `no codeAutomationExit within 240 s; last output: ${lines.slice(-3).join(' | ')}`);
      return;
    }
    fs.writeFileSync(path.join(RESULTS, 'host-suite.log'), lines.join('\n') + '\n');
    let counted = 0;
    for (const line of lines) {
      const m = /^(ok|not ok) - (.*?)(?: \(\d+ ms\))?(?:\n([\s\S]*))?$/.exec(line);
      if (!m) continue;
      counted++;
      record(`host: ${m[2]}`, m[1] === 'ok', m[3] ? m[3].split('\n').slice(0, 6).join('\n') : '');
    }
    if (counted === 0 || (exitCode !== 0 && results.every((r) => r.ok))) {
      record('extension-host suite ran', false, `exit code ${exitCode}, ${counted} test lines seen (did the suite load? see code-server.log)`);
    }
  } finally {
    await context.close();
  }
}

async function openWorkbench(page) {
  await retry('open the workbench', 3, async () => {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WORKSPACE)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30_000 });
  });
}

async function openFile(page, name) {
  await retry(`open ${name}`, 3, async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await page.waitForSelector(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`, { timeout: 15_000 });
  });
  await focusEditor(page);
}

/** The visible lines of the active editor in document order (Monaco reuses line nodes out of order). */
async function editorText(page) {
  return page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate((root) =>
    [...root.querySelectorAll('.view-line')]
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

async function step(name, page, fn) {
  try {
    await fn();
    record(`ui: ${name}`, true);
    return true;
  } catch (error) {
    const file = path.join(RESULTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file }).catch(() => {});
    record(`ui: ${name}`, false, `${String(error.message ?? error).split('\n').slice(0, 4).join('\n')}\nscreenshot: ${path.relative(ROOT, file)}`);
    return false;
  }
}

/**
 * Clicks into the editor by coordinates. Playwright's locator.click() would first scroll the
 * (16-million-pixel-wide) .view-lines element's centre into view with a native scroll of an
 * overflow:hidden container, which shifts Monaco's rendering off to the right.
 */
async function focusEditor(page, selector = '.editor-group-container.active .monaco-editor') {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no editor matches ${selector}`);
  await page.mouse.click(box.x + Math.min(200, box.width / 2), box.y + 8);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10_000 });
  await page.keyboard.type(title, { delay: 10 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.replace(/^>\s*/, '')}")`, { timeout: 10_000 });
  await page.keyboard.press('Enter');
}

const BROKEN_CODE = [
  'import torch',
  '',
  'x = torch.arange(20.0).reshape(4, 5) / 10',
  'lse = torch.log(torch.exp(x).sum(dim=-1))',
  'def oops(a:',
  '    return a',
];

async function uiTest() {
  const context = await launch('chromium-ui');
  const page = context.pages()[0] ?? (await context.newPage());
  const shot = (name) => page.screenshot({ path: path.join(RESULTS, name) });
  try {
    const opened = await step('workbench opens with the workspace', page, () => openWorkbench(page));
    if (!opened) return;
    const typed = await step('type broken code into a new file', page, async () => {
      await openFile(page, 'scratch.py');
      await page.keyboard.type(BROKEN_CODE.join('\n'), { delay: 5 });
      await retry('the typed text to appear', 3, async () => {
        const text = await editorText(page);
        if (!text.includes('def oops')) throw new Error(`editor shows:\n${text}`);
      });
    });
    if (!typed) return;
    await step('a squiggle appears under the syntax error', page, async () => {
      await page.waitForSelector('.squiggly-error', { timeout: 30_000 });
    });
    await step('the Problems panel lists the TensorLint finding', page, async () => {
      await retry('open Problems', 3, async () => {
        await page.keyboard.press('Control+Shift+M');
        await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10_000 });
      });
      const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      if (!rows.some((r) => /tensorlint/i.test(r))) throw new Error(`no TensorLint row in Problems: ${JSON.stringify(rows)}`);
      await shot('01-diagnostics.png');
    });
    await step('hover shows the shape of x', page, async () => {
      await focusEditor(page);
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await retry('show hover', 3, async () => {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover .hover-contents').first();
        await hover.waitFor({ state: 'visible', timeout: 8_000 });
        const text = await hover.innerText();
        if (!/4,\s*5/.test(text)) throw new Error(`hover text: ${text}`);
      });
      await shot('02-hover.png');
      await page.keyboard.press('Escape');
    });
    await step('the light bulb quick fix rewrites the unstable line', page, async () => {
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await retry('open the quick fix menu', 4, async () => {
        await page.keyboard.press('Control+.');
        await page.waitForSelector('.action-widget .monaco-list-row.action', { timeout: 8_000 });
      });
      await shot('03-quickfix-menu.png');
      const items = await page.locator('.action-widget .monaco-list-row.action').allInnerTexts();
      const index = items.findIndex((t) => /logsumexp|stable/i.test(t));
      if (index < 0) throw new Error(`no TensorLint fix among ${JSON.stringify(items)}`);
      await page.locator('.action-widget .monaco-list-row.action').nth(index).click();
      await retry('the edit to land', 5, async () => {
        await page.waitForTimeout(300);
        const text = await editorText(page);
        if (!/logsumexp|\.max\(/.test(text)) throw new Error(`editor shows:\n${text}`);
      });
    });
    await step('deleting the broken definition clears the error squiggle', page, async () => {
      await focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Shift+K');
      await page.keyboard.press('Control+Shift+K');
      const text = await editorText(page);
      if (text.includes('def oops')) throw new Error(`the definition is still there:\n${text}`);
      await page.waitForSelector('.squiggly-error', { state: 'detached', timeout: 20_000 });
      // A second finding for the picture: softmax written out by hand.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('p = torch.exp(x) / torch.exp(x).sum(dim=-1, keepdim=True)', { delay: 5 });
      // And a print, whose output the results view shows as its own row.
      await page.keyboard.press('Enter');
      await page.keyboard.type('print(f"lse0 = {lse[0]:.3f}", p.shape)', { delay: 5 });
    });
    await step('Run File shows the results view', page, async () => {
      await retry('run the command', 3, () => runCommand(page, '>TensorLint: Run File'));
      const frame = await retry('find the results webview', 10, async () => {
        await page.waitForTimeout(500);
        for (const f of page.frames()) {
          const text = await f.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
          if (text.includes('computed by TensorLint')) return f;
        }
        throw new Error('no webview frame with results yet');
      });
      const body = await retry('results with the shape of x', 3, async () => {
        const text = await frame.locator('body').innerText();
        if (!/\(4, 5\)/.test(text)) {
          await page.waitForTimeout(500);
          throw new Error(`results view: ${text.slice(0, 400)}`);
        }
        return text;
      });
      if (!/heatmap/.test(await frame.content())) throw new Error(`no heatmap for the 4×5 tensor: ${body.slice(0, 200)}`);
      if (!body.includes('lse0 = 1.819 torch.Size([4, 5])')) throw new Error(`no print output in the results view: ${body.slice(0, 600)}`);
      await focusEditor(page, '.editor-group-container .monaco-editor');
      await page.waitForTimeout(600);
      await shot('04-run-results.png');
    });
    await step('clicking a result row jumps to its line', page, async () => {
      let target = null;
      for (const f of page.frames()) {
        if ((await f.locator('button.line').count().catch(() => 0)) > 0) target = f;
      }
      if (!target) throw new Error(`no result rows in any of ${page.frames().length} frames`);
      const button = target.locator('button.line').first();
      const line = Number(await button.getAttribute('data-line')) + 1;
      await focusEditor(page, '.editor-group-container .monaco-editor');
      await page.keyboard.press('Control+End');
      await button.click();
      await retry('the cursor to move', 5, async () => {
        await page.waitForTimeout(300);
        const status = await page.locator('.statusbar-item[id*="selection"], #status\\.editor\\.selection').first().innerText();
        if (!status.includes(`Ln ${line},`)) throw new Error(`status bar shows "${status}", expected line ${line}`);
      });
    });
    await step('hover on the softmax finding, next to the results (overview screenshot)', page, async () => {
      await page.keyboard.press('Control+B'); // more room for the editor in the picture
      await focusEditor(page, '.editor-group-container .monaco-editor');
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      await retry('show hover', 3, async () => {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover .hover-contents').first();
        await hover.waitFor({ state: 'visible', timeout: 8_000 });
        const text = await hover.innerText();
        if (!/softmax/i.test(text)) throw new Error(`hover text: ${text}`);
      });
      await page.waitForTimeout(300);
      await shot('05-overview.png');
    });
  } finally {
    await context.close();
  }
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(WORKSPACE, 'scratch.py'), '');
  try {
    if (mode === 'all' || mode === 'host') await hostSuite();
    if (mode === 'all' || mode === 'ui') await uiTest();
  } catch (error) {
    record('driver', false, String(error.stack ?? error));
  }
  const best = ['05-overview.png', '04-run-results.png', '01-diagnostics.png'].map((f) => path.join(RESULTS, f)).find((f) => fs.existsSync(f));
  // Only on request, so CI runs leave the tracked picture alone.
  if (best && process.env.E2E_UPDATE_SCREENSHOT === '1') {
    fs.mkdirSync(path.join(ROOT, 'images'), { recursive: true });
    fs.copyFileSync(best, path.join(ROOT, 'images', 'screenshot.png'));
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed === 0 && results.length === 0 ? 1 : failed} failed`);
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

await main();

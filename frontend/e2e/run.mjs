// End-to-end test of the web app in a real browser (Debian's Chromium driven by playwright-core),
// against a running TradeBot (the all-in-one jar on the real services; see e2e/with-jar.sh):
// sign up, create a paper account, import the real 4h candles through the file picker, see the
// chart page back in history, run a backtest and watch it, read its result, create a bot from it and
// replay it (its fills in the table and on the chart), run an optimisation; write the README's example
// strategy in the editor, backtest it, optimise its parameters and replay a bot with it; the portfolio
// and the kill switch; webhooks and Telegram (a fake Telegram of this test's own, never the real one);
// and the bad inputs and the expired session. axe checks every page: no serious or critical
// violation. A screenshot of each main page goes to SCREENSHOT_DIR.
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BASE_URL = process.env.BASE_URL ?? fail('BASE_URL is required (e.g. http://127.0.0.1:8080)');
const CANDLES = resolve(here, '../../functions/src/test/resources/candles/coinbase-btcusd-4h-20160518-20251028.csv');
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? resolve(here, 'screenshots'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The README's example strategy, typed into the editor as a new user would (issue 15's "done when").
const README_EXAMPLE = readFileSync(resolve(here, '../../README.md'), 'utf8')
  .match(/Example:\n\n```\n(# ema crossover filtered by RSI\n[\s\S]*?)```/)?.[1] ?? fail('the README has no example strategy');
const TELEGRAM_PORT = Number(process.env.TELEGRAM_PORT ?? fail('TELEGRAM_PORT is required: the port the jar sends Telegram messages to (see with-jar.sh)'));
mkdirSync(SHOTS, { recursive: true });

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

let step = 0;
const started = Date.now();
function say(message) {
  step += 1;
  console.log(`  ${String(step).padStart(2)}. ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// A webhook receiver of our own: the test delivery must reach it, signed.
const receiver = await new Promise((resolveReceiver) => {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ body, signature: req.headers['tradebot-signature'] ?? req.headers['x-tradebot-signature'] ?? null, headers: req.headers });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1', () => resolveReceiver({
    url: `http://127.0.0.1:${server.address().port}/hook`, received, close: () => server.close(),
  }));
});

// A fake Telegram Bot API on the port the jar was pointed at: it takes every sendMessage and keeps it.
const telegram = await new Promise((resolveTelegram, rejectTelegram) => {
  const messages = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      messages.push({ path: req.url, body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: { message_id: messages.length } }));
    });
  });
  server.on('error', rejectTelegram);
  server.listen(TELEGRAM_PORT, '127.0.0.1', () => resolveTelegram({ messages, close: () => server.close() }));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));

async function axe(name) {
  // Colours are judged as they end: a badge or card still fading in (a CSS transition) blends with
  // what is behind it, and axe would measure that passing mix.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 })
    .catch(() => {});
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n      ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + (n.any[0]?.message ?? n.failureSummary ?? '')).join('\n      ')}`).join('\n    ');
    throw new Error(`axe on ${name}: ${bad.length} serious or critical violation(s)\n    ${detail}`);
  }
  return result.violations.length;
}

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shot(name) {
  await page.waitForTimeout(400); // let charts finish their first paint
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
  await phoneShot(name);
}

/** The same page at a phone's width, the whole page down to 2,600 px (charts resize themselves). */
async function phoneShot(name) {
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot keeps the fixed header where the page was scrolled
  await page.waitForTimeout(600);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  // A page wider than the phone scrolls sideways: a trader would find that broken.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > PHONE.width + 1) phoneOverflows.push(`${name} (${wide} px wide)`);
  await page.screenshot({ path: resolve(SHOTS, `${name}-phone.png`), fullPage: true,
    clip: { x: 0, y: 0, width: PHONE.width, height: Math.min(height, 2600) } });
  await page.setViewportSize(DESKTOP);
  await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  await page.waitForTimeout(300);
}
const phoneOverflows = [];

/**
 * At a phone's width the heatmap may be wider than its card. Cut at the card's edge with nothing said, its
 * last columns look absent: the grid must fit, or its scroller must say that it scrolls and take the keyboard.
 */
async function heatmapAtPhoneWidth() {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(600);
  const seen = await page.evaluate(() => {
    const grid = document.querySelector('table[role="grid"]');
    let clip = grid.parentElement;
    while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
    const overBy = Math.round(grid.getBoundingClientRect().right - clip.getBoundingClientRect().right);
    const hint = [...document.querySelectorAll('p, span, div')].find((e) => e.children.length === 0
      && /scroll sideways/.test(e.textContent ?? '') && e.getBoundingClientRect().width > 0);
    return { overBy, hint: hint?.textContent ?? null, focusable: clip.tabIndex >= 0, label: clip.getAttribute('aria-label') };
  });
  if (seen.overBy > 1 && (!seen.hint || !seen.focusable)) {
    throw new Error(`the heatmap is cut ${seen.overBy} px at a phone's width without a word or a focusable scroller: ${JSON.stringify(seen)}`);
  }
  await axe("optimisation result at a phone's width");
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(300);
  say(seen.overBy > 1 ? `at a phone's width the heatmap scrolls sideways, and says so ("${seen.hint}")` : "at a phone's width the heatmap fits");
}

async function expectText(text, timeout) {
  await page.getByText(text).first().waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
}

try {
  const email = `trader-${Date.now()}@example.com`;
  const password = 'correct horse battery';

  // --- sign up -------------------------------------------------------------------------------
  await page.goto(`${BASE_URL}/backtests`);
  await page.waitForURL(/\/sign-in\?next=/);
  await axe('sign in');
  await shot('sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectText('At least 10 characters');
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await axe('sign up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/accounts$/);
  say(`signed up as ${email}`);

  // --- accounts: a paper account, tested -----------------------------------------------------
  await expectText('No accounts yet');
  await page.getByRole('button', { name: 'Create a paper account' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await dialog.getByText('Give the account a name').waitFor();
  await dialog.getByLabel('Name').fill('Research paper');
  await dialog.getByLabel('Amount 1').fill('25000');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('cell', { name: 'Research paper', exact: true }).waitFor();
  // A Binance key with a space is refused before it leaves the browser.
  await page.getByRole('button', { name: 'New account' }).click();
  await dialog.getByLabel('Name').fill('Live');
  await dialog.locator('label', { hasText: 'Binance testnet' }).click();
  await dialog.getByLabel('API key').fill('abcd efgh ijkl mnop');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await dialog.getByText('Contains spaces or line breaks').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Test' }).click();
  await page.getByRole('dialog').getByText('Connected').waitFor({ timeout: 30_000 });
  await page.getByRole('dialog').getByRole('cell', { name: 'USDT', exact: true }).waitFor();
  await axe('account test');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // The daily loss limit: checked here first, the server's refusal on the field, set, then removed.
  await page.getByRole('button', { name: 'Daily loss limit of Research paper: none' }).click();
  const limitDialog = page.getByRole('dialog');
  const limit = limitDialog.getByRole('textbox', { name: 'Daily loss limit' });
  await limit.fill('1,000');
  await limitDialog.getByRole('button', { name: 'Save limit' }).click();
  await limitDialog.getByText('Digits and one decimal point only, like 250 or 12.5').waitFor();
  await limit.fill('5000000000000');
  await limitDialog.getByRole('button', { name: 'Save limit' }).click();
  await limitDialog.getByText('must be less than or equal to 1000000000000').waitFor();
  if (await limit.getAttribute('aria-invalid') !== 'true') throw new Error('the server\'s error on dailyLossLimitQuote is not on its field');
  if (await limit.inputValue() !== '5000000000000') throw new Error('the typed limit was lost after a failed submit');
  await page.waitForTimeout(400);
  await axe('daily loss limit with a server error');
  await limit.fill('250');
  await limitDialog.getByRole('button', { name: 'Save limit' }).click();
  await page.getByRole('button', { name: 'Daily loss limit of Research paper: 250 a day' }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await axe('accounts');
  await shot('accounts');
  await page.getByRole('button', { name: 'Daily loss limit of Research paper: 250 a day' }).click();
  await page.getByRole('dialog').getByText('Now: 250 a day').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove limit' }).click();
  await page.getByRole('button', { name: 'Daily loss limit of Research paper: none' }).waitFor();
  say('created and tested a paper account with 25,000 USDT; its daily loss limit refused as typed and by the server, set to 250, removed');

  // --- market: import the real 4h candles through the file picker -----------------------------
  await page.getByRole('link', { name: /^Market/ }).click();
  await page.waitForURL(/\/market/);
  await expectText('No BTCUSDT 4h candles stored yet');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await (await chooser).setFiles(CANDLES);
  await expectText(/Imported coinbase-btcusd-4h/, 60_000);
  await expectText(/new, 0 already stored/);
  const chart = page.getByRole('img', { name: 'BTCUSDT 4h candle chart' });
  await chart.waitFor();
  await expectText(/^1,000 candles from/);
  // Drag the chart to the right: older candles are fetched and put in front.
  const box = await chart.boundingBox();
  const paged = page.getByText(/^2,000 candles from/);
  for (let i = 0; i < 30 && !(await paged.isVisible()); i += 1) {
    await page.mouse.move(box.x + 100, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 50, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
  }
  await paged.waitFor();
  await axe('market');
  await shot('market');
  say('imported the 4h candle file and paged the chart back to 2,000 candles');
  // A file that is not candles: every bad line is listed, nothing stored.
  const bad = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await (await bad).setFiles({ name: 'not-candles.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\n1,2\n') });
  await expectText(/Nothing imported: \d+ bad line/);
  await expectText('line 1');
  await axe('market with import errors');
  say('a file that is not candles lists its bad lines');

  // --- backtest: the form from the schema, a server field error, a run, its result ------------
  await page.getByRole('link', { name: /^Backtests/ }).click();
  await expectText('No backtests yet');
  await page.getByRole('link', { name: 'Run a backtest' }).click();
  await page.waitForURL(/\/backtests\/new/);
  await expectText(/Stored BTCUSDT 4h candles/);
  await page.getByLabel('Fast').fill('0');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expectText('Must be at least 1');
  // fast above slow passes the schema's bounds; the server names the field, shown beside it.
  await page.getByLabel('Fast').fill('60');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.locator('.mantine-InputWrapper-error').first().waitFor();
  const fastError = await page.getByLabel('Fast').getAttribute('aria-invalid');
  if (fastError !== 'true') throw new Error('the server\'s error on params.fast is not shown on the Fast field');
  if (await page.getByLabel('Fast').inputValue() !== '60') throw new Error('the typed value was lost after a failed submit');
  await axe('new backtest');
  await shot('new-backtest');
  await page.getByLabel('Fast').fill('20');
  // A range with no stored candles: the server's answer shows above the button, the form stays.
  await page.getByLabel('From (UTC)').fill('2010-01-01');
  await page.getByLabel('To (UTC, excluded)').fill('2011-01-01');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expectText(/No BTCUSDT 4h candles are stored from 2010-01-01/);
  await page.getByRole('button', { name: 'Use all' }).click();
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  const sawProgress = await page.getByText(/^(Queued: waiting for a worker|Running: \d+ % of the candles)/)
    .waitFor({ timeout: 5_000 }).then(() => true, () => false);
  await page.getByText('succeeded').first().waitFor({ timeout: 120_000 });
  say(`ran an sma-cross backtest over all 20,695 candles${sawProgress ? ', watching its progress bar' : ''}`);
  await expectText('Total return');
  await page.getByRole('img', { name: 'Equity curve beside buy and hold' }).waitFor();
  await page.getByRole('img', { name: 'BTCUSDT 4h candles with trades' }).waitFor({ timeout: 30_000 });
  await page.getByRole('cell', { name: 'sma-cross' }).count(); // no-op; keeps the page busy-free
  const trades = await page.getByText(/\d+ trades/).first().textContent();
  // Panning the chart of all 20,695 candles: frames drawn while dragging it for about a second.
  const tradeChart = page.getByRole('img', { name: 'BTCUSDT 4h candles with trades' });
  await tradeChart.scrollIntoViewIfNeeded();
  const area = await tradeChart.boundingBox();
  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    const tick = (t) => { w.__frames.push(t); if (w.__frames.length < 10_000) w.__raf = requestAnimationFrame(tick); };
    w.__raf = requestAnimationFrame(tick);
  });
  await page.mouse.move(area.x + area.width - 60, area.y + area.height / 2);
  await page.mouse.down();
  const dragStart = Date.now();
  for (let i = 1; i <= 60; i += 1) {
    await page.mouse.move(area.x + area.width - 60 - i * ((area.width - 120) / 60), area.y + area.height / 2);
    await page.mouse.wheel(0, 0);
  }
  await page.mouse.up();
  const dragMs = Date.now() - dragStart;
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const worst = Math.max(...gaps);
  const fps = (frames.length - 1) / ((frames[frames.length - 1] - frames[0]) / 1000);
  say(`panned the 20,695-candle chart: ${fps.toFixed(0)} frames/s over ${dragMs} ms of dragging, longest frame ${worst.toFixed(0)} ms`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await axe('backtest result');
  await shot('backtest-result');
  await page.getByRole('heading', { name: 'Trades on the chart' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 380));
  await shot('backtest-trades');
  say(`read the result: metrics, equity beside buy-and-hold, trades on the chart, ${trades}`);

  // --- a bot from this backtest: replayed on the paper account, its fills on the chart ------------
  const backtestUrl = page.url();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('link', { name: 'Create a bot from this backtest' }).click();
  await page.waitForURL(/\/bots\/new\?/);
  if (await page.getByRole('textbox', { name: 'Fast' }).inputValue() !== '20') throw new Error('the new bot did not take the backtest\'s params');
  if (await page.getByLabel('Symbol').inputValue() !== 'BTCUSDT') throw new Error('the new bot did not take the backtest\'s symbol');
  if (!(await page.getByRole('switch', { name: 'Replay stored candles' }).isChecked())) throw new Error('replay is not on');
  // A risk limit that is not a whole number is refused before it leaves the browser.
  await page.getByLabel('Open orders at most').fill('1.5');
  await page.getByRole('button', { name: 'Create bot' }).click();
  await expectText('A whole number from 1 to 1,000');
  await page.getByLabel('Open orders at most').fill('');
  // A replay range with no stored candles: the server's message shows under the range's start.
  await page.getByLabel('Replay from (UTC)').fill('2010-01-01');
  await page.getByLabel('Replay to (UTC, excluded)').fill('2011-01-01');
  await page.getByRole('button', { name: 'Create bot' }).click();
  await expectText(/no BTCUSDT 4h candles are stored from 2010-01-01/);
  if (await page.getByLabel('Replay from (UTC)').getAttribute('aria-invalid') !== 'true') {
    throw new Error('the server\'s replay error is not shown on the replay start field');
  }
  await axe('new bot');
  await shot('new-bot');
  await page.getByLabel('Replay from (UTC)').fill('2024-01-01');
  await page.getByLabel('Replay to (UTC, excluded)').fill('2025-01-01');
  await page.getByRole('button', { name: 'Create bot' }).click();
  await page.waitForURL(/\/bots\/[0-9a-f-]{36}$/);
  await expectText('none yet');
  await axe('bot (created)');
  say('created a replay bot from the backtest (a range without candles was refused on its field)');
  await page.getByRole('button', { name: 'Run replay' }).click();
  await page.getByRole('button', { name: 'Replay again' }).waitFor({ timeout: 180_000 });
  const fillRows = page.getByRole('table', { name: 'Fills' }).locator('tbody tr');
  await fillRows.first().waitFor();
  const botChart = page.getByRole('img', { name: 'BTCUSDT 4h candles with the bot\'s fills' });
  await botChart.waitFor();
  // Every fill of the table is a marker on the chart (the table's first page holds them all here).
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-markers]');
    const rows = document.querySelectorAll('table[aria-label="Fills"] tbody tr').length;
    return el && rows > 0 && Number(el.getAttribute('data-markers')) === rows;
  });
  const markerCount = Number(await botChart.getAttribute('data-markers'));
  const fillCount = await fillRows.count();
  await expectText(/^Rows 1–\d+ of the fills/);
  await axe('bot (replayed)');
  await page.waitForTimeout(400);
  // The whole top of the page: figures, the chart with its fills and the first rows of the fills table.
  await page.screenshot({ path: resolve(SHOTS, 'bot.png'), fullPage: true, clip: { x: 0, y: 0, width: 1440, height: 1360 } });
  await phoneShot('bot');
  say(`replayed 2024 on the paper account: ${fillCount} fills in the table, ${markerCount} markers on the chart`);
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('cell', { name: 'filled' }).first().waitFor();
  await axe('bot orders');
  await page.getByRole('tab', { name: 'Event log' }).click();
  await expectText('Decision');
  await expectText(/^Rows 1–\d+ of the events/);
  await axe('bot event log');
  // Delete asks first; keeping it changes nothing.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByText('Its orders, fills and events stay stored').waitFor();
  await page.waitForTimeout(400); // the dialog's fade-in, or axe measures half-transparent colours
  await axe('delete bot dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();
  await page.getByRole('link', { name: /^Bots/ }).click();
  await page.waitForURL(/\/bots$/);
  await page.getByRole('cell', { name: 'sma-cross', exact: true }).waitFor();
  await page.getByText(/ USDT$/).filter({ visible: true }).first().waitFor();
  await axe('bots');
  await shot('bots');
  say('the bots list shows it with its PnL; the orders and the event log read');
  await page.goto(backtestUrl);
  await expectText('Total return');

  // A second run to compare with.
  await page.getByRole('link', { name: 'New with this strategy' }).click();
  await page.getByLabel('Fast').fill('10');
  await page.getByLabel('Slow').fill('30');
  await page.getByRole('button', { name: 'Use all' }).click();
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  await page.getByText('succeeded').first().waitFor({ timeout: 120_000 });
  // How long the result page takes to show a run of a few hundred trades once its data is here.
  const id = page.url().split('/').pop();
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/backtests/${id}`)),
    page.reload(),
  ]);
  await answer.finished();
  const arrived = Date.now();
  await page.getByText(/^\d[\d,]* trades/).first().waitFor();
  await page.getByRole('img', { name: 'Equity curve beside buy and hold' }).waitFor();
  const shown = Date.now() - arrived;
  const count = (await page.getByText(/^\d[\d,]* trades/).first().textContent()).split(' ')[0];
  say(`result page of a ${count}-trade run shown ${shown} ms after its data arrived`);
  await page.getByRole('link', { name: /^Backtests/ }).click();
  const boxes = page.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await axe('backtests');
  await shot('backtests');
  await page.getByRole('button', { name: 'Compare 2/2' }).click();
  await page.waitForURL(/\/backtests\/compare/);
  await expectText('Compare backtests');
  await page.getByRole('img', { name: 'Equity curves of both backtests' }).waitFor();
  await axe('compare');
  await shot('compare');
  say('compared two backtests side by side');

  // --- optimisation: a small grid over fast, then the table and the heatmap -----------------
  await page.getByRole('link', { name: /^Optimisations/ }).click();
  await page.locator('label', { hasText: /^range$/ }).nth(1).click(); // slow: a range as well
  await page.getByRole('button', { name: 'Use all' }).click();
  await axe('optimisations');
  await shot('optimisations');
  await page.getByRole('button', { name: 'Start optimisation' }).click();
  await page.waitForURL(/\/optimisations\/[0-9a-f-]{36}$/);
  await page.getByText('succeeded').first().waitFor({ timeout: 180_000 });
  await page.getByRole('grid').waitFor();
  await page.getByRole('button', { name: /^Sharpe/ }).first().click();
  await axe('optimisation result');
  await shot('optimisation-result');
  await heatmapAtPhoneWidth();
  say('ran a grid optimisation; sorted its runs and read the heatmap');


  // --- strategy editor: the example, an error at its line and column as you type, saved twice, backtested
  await page.getByRole('link', { name: /^Strategies/ }).click();
  await page.waitForURL(/\/strategies$/);
  await page.getByRole('table', { name: 'Built-in strategies' }).waitFor();
  await axe('strategies');
  await page.getByRole('link', { name: 'New strategy' }).click();
  await page.waitForURL(/\/strategies\/new$/);
  const rules = page.getByRole('textbox', { name: 'Strategy source' });
  await expectText(/^Compiles\. Warm-up: \d+ candles/);
  // The new user writes the README's example (the editor starts from it; typed afresh here).
  await rules.fill('');
  await rules.fill(README_EXAMPLE);
  await expectText(/^Compiles\. Warm-up: \d+ candles/);
  const example = await rules.inputValue();
  if (example !== README_EXAMPLE) throw new Error('the editor does not hold the README\'s example as typed');
  await rules.fill(example.replace('entry: ema(close, fast)', 'entry: emaa(close, fast)'));
  await page.getByText(/^Line 5, column 8:/).waitFor();
  if (await page.locator('.tb-tok-error', { hasText: 'emaa' }).count() !== 1) throw new Error('the unknown function is not marked in the editor');
  if (await rules.getAttribute('aria-invalid') !== 'true') throw new Error('the editor does not say it holds an error');
  await page.getByText(/^Line 5, column 8:/).click(); // puts the caret on the error
  const caret = await rules.evaluate((el) => el.selectionStart);
  if (example.split('\n').slice(0, 4).join('\n').length + 1 + 7 !== caret) throw new Error(`the caret went to ${caret}, not to line 5, column 8`);
  await axe('strategy editor with an error');
  await page.getByLabel('Name').fill('My EMA');
  await page.getByRole('button', { name: 'Save strategy' }).click();
  await expectText('Lower-case letters, digits and dashes, starting with a letter or digit');
  await page.getByLabel('Name').fill('my-ema');
  // Saved with the error: the server refuses and names the same place.
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/strategies') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Save strategy' }).click();
  if ((await refused).status() !== 400) throw new Error('a source that does not compile was not refused with a 400');
  await page.getByText(/^Line 5, column 8:/).waitFor();
  if (!page.url().endsWith('/strategies/new')) throw new Error('a source that does not compile was saved');
  await rules.fill(example.replace('= 12', '= 10'));
  await expectText(/^Compiles\. Warm-up: \d+ candles/);
  await page.getByRole('table', { name: 'Parameter schema' }).getByRole('cell', { name: 'fast', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Save strategy' }).click();
  await page.waitForURL(/\/strategies\/[0-9a-f-]{36}$/);
  await expectText('version 1');
  await rules.fill((await rules.inputValue()).replace('rsi(close, 14) < 70', 'rsi(close, 14) < 75'));
  await expectText('unsaved changes');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expectText('version 2');
  await axe('strategy editor');
  await shot('strategy-editor');
  say('wrote a strategy in the editor: an unknown function marked at line 5, column 8 as typed, refused on save; saved as versions 1 and 2');
  await page.getByRole('link', { name: 'Backtest this' }).click();
  await page.waitForURL(/\/backtests\/new\?strategy=my-ema/);
  await expectText('Your strategy, version 2');
  if (await page.getByLabel('Fast').inputValue() !== '10') throw new Error('the backtest form does not carry the strategy\'s own default');
  await page.getByRole('button', { name: 'Use all' }).click();
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await page.waitForURL(/\/backtests\/[0-9a-f-]{36}$/);
  await page.getByText('succeeded').first().waitFor({ timeout: 120_000 });
  await expectText('Total return');
  const myEmaBacktest = page.url();
  say(`backtested it over all the candles: ${await page.getByText(/^\d[\d,]* trades/).first().textContent()}`);
  // Its parameters optimised: fast and slow over two values each, a 4-run grid.
  await page.getByRole('link', { name: /^Optimisations/ }).click();
  await page.getByLabel(/^Strategy/).first().click();
  await page.getByRole('option', { name: 'my-ema' }).click();
  await expectText('Edit its rules');
  await page.keyboard.press('Escape');
  await page.locator('label', { hasText: /^values$/ }).nth(0).click();
  await page.getByRole('textbox', { name: 'Fast values' }).fill('8, 10');
  await page.locator('label', { hasText: /^values$/ }).nth(1).click();
  await page.getByRole('textbox', { name: 'Slow values' }).fill('26, 30');
  await page.getByRole('button', { name: 'Use all' }).click();
  await expectText('Grid: 4 combinations');
  await page.getByRole('button', { name: 'Start optimisation' }).click();
  await page.waitForURL(/\/optimisations\/[0-9a-f-]{36}$/);
  await page.getByText('succeeded').first().waitFor({ timeout: 180_000 });
  await expectText('Best 4 runs');
  const runsTable = page.locator('table', { has: page.getByRole('button', { name: /^Rank/ }) });
  const columns = await runsTable.locator('thead th').allTextContents();
  const best = await runsTable.locator('tbody tr').first().locator('td').allTextContents();
  const bestFast = best[columns.findIndex((c) => /^fast\b/i.test(c))];
  const bestSlow = best[columns.findIndex((c) => /^slow\b/i.test(c))];
  if (!['8', '10'].includes(bestFast) || !['26', '30'].includes(bestSlow)) throw new Error(`the best run's params read ${bestFast}/${bestSlow}`);
  await axe('optimisation of my-ema');
  say(`optimised it: 4 runs of fast 8|10 × slow 26|30, the best with fast ${bestFast}, slow ${bestSlow}`);
  // A replay bot with it, on the best parameters, made on the Bots page: its fills in the table and on the chart.
  await page.getByRole('link', { name: /^Bots/ }).click();
  await page.getByRole('link', { name: 'New bot' }).click();
  await page.waitForURL(/\/bots\/new$/);
  await page.getByRole('textbox', { name: 'Name' }).fill('my-ema replay');
  await page.getByLabel(/^Strategy/).first().click();
  await page.getByRole('option', { name: 'my-ema' }).click();
  await page.getByRole('textbox', { name: 'Fast' }).fill(bestFast);
  await page.getByRole('textbox', { name: 'Slow' }).fill(bestSlow);
  await page.getByRole('switch', { name: 'Replay stored candles' }).check();
  await page.getByLabel('Replay from (UTC)').fill('2024-01-01');
  await page.getByLabel('Replay to (UTC, excluded)').fill('2025-01-01');
  await page.getByRole('button', { name: 'Create bot' }).click();
  await page.waitForURL(/\/bots\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'my-ema replay' }).waitFor();
  if (await page.getByText(`fast = ${bestFast}`).count() !== 1) throw new Error('the bot does not run the best run\'s fast');
  await page.getByRole('button', { name: 'Run replay' }).click();
  await page.getByRole('button', { name: 'Replay again' }).waitFor({ timeout: 180_000 });
  const myFills = page.getByRole('table', { name: 'Fills' }).locator('tbody tr');
  await myFills.first().waitFor();
  // More fills than the table's first page: every one of them is a marker on the chart.
  const myFillCount = Number((await page.getByText(/^\d+ fills?$/).first().textContent()).split(' ')[0]);
  await page.waitForFunction((n) => Number(document.querySelector('[data-markers]')?.getAttribute('data-markers')) === n, myFillCount);
  if (myFillCount < 2) throw new Error(`the my-ema replay made ${myFillCount} fills`);
  await axe('my-ema bot (replayed)');
  say(`replayed 2024 with a bot on my-ema: ${myFillCount} fills, each a marker on the chart; ${await myFills.count()} rows on the table's first page`);

  // --- portfolio and the kill switch -----------------------------------------------------------
  await page.getByRole('link', { name: /^Portfolio/ }).click();
  await page.waitForURL(/\/portfolio$/);
  const balances = page.getByRole('table', { name: 'Balances of Research paper' });
  await balances.waitFor();
  await balances.getByRole('cell', { name: 'USDT', exact: true }).waitFor();
  const portfolioBots = page.getByRole('table', { name: 'Bots on Research paper' }).locator('tbody tr');
  await portfolioBots.first().waitFor();
  if (await portfolioBots.count() !== 2) throw new Error(`the portfolio shows ${await portfolioBots.count()} bots on Research paper, not 2`);
  for (let i = 0; i < 2; i += 1) {
    const row = portfolioBots.nth(i);
    const href = await row.getByRole('link').first().getAttribute('href');
    if (!/^\/bots\/[0-9a-f-]{36}$/.test(href ?? '')) throw new Error(`a bot of the portfolio links to ${href}, not to its page`);
    // Realised and unrealised PnL, each in the bot's quote asset.
    if (await row.locator('td').filter({ hasText: / USDT$/ }).count() !== 2) throw new Error('a bot of the portfolio does not show its PnL');
  }
  await page.getByRole('img', { name: 'Equity curve of the account' }).waitFor();
  await axe('portfolio');
  await shot('portfolio');
  await page.getByRole('button', { name: 'Stop all bots' }).click();
  const killDialog = page.getByRole('dialog');
  await killDialog.getByRole('switch', { name: /flatten/ }).check();
  await page.waitForTimeout(400);
  await axe('kill switch dialog');
  await phoneShot('kill-switch');
  await killDialog.getByRole('button', { name: 'Stop all and flatten' }).click();
  // The replays ended stopped: none was running, and the dialog says so.
  await killDialog.getByText(/^No bot was running\.$|stopped cleanly/).waitFor();
  if (await killDialog.getByText('Nothing was stopped').count() > 0) throw new Error('the kill switch failed');
  const killAnswer = await killDialog.getByText(/^No bot was running\.$|stopped cleanly/).first().textContent();
  await killDialog.getByRole('button', { name: 'Done' }).click();
  await killDialog.waitFor({ state: 'detached' });
  const firstBotName = await portfolioBots.first().getByRole('link').first().textContent();
  await portfolioBots.first().getByRole('link').first().click();
  await page.waitForURL(/\/bots\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: firstBotName, exact: true }).waitFor();
  say(`the portfolio shows Research paper's balances, its 2 bots (each linking to its page, with its PnL) and the equity chart; the kill switch answered "${killAnswer}"`);

  // --- notifications: a webhook (secret once, a test delivery received here), a Telegram channel --
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await page.waitForURL(/\/notifications$/);
  await expectText('No webhooks yet.');
  await page.getByRole('button', { name: 'New webhook' }).click();
  const hookDialog = page.getByRole('dialog');
  await hookDialog.getByLabel('URL').fill('ftp://example.com/hook');
  await hookDialog.getByRole('button', { name: 'Create webhook' }).click();
  await hookDialog.getByText('An http:// or https:// URL with a host').waitFor();
  // The server's refusal (a host that does not resolve) shows on the URL field.
  await hookDialog.getByLabel('URL').fill('https://no-such-host.invalid/hook');
  await hookDialog.getByRole('button', { name: 'Create webhook' }).click();
  await hookDialog.getByText('host no-such-host.invalid does not resolve').waitFor();
  if (await hookDialog.getByLabel('URL').getAttribute('aria-invalid') !== 'true') throw new Error('the server\'s URL error is not on the URL field');
  await axe('new webhook with a server error');
  await hookDialog.getByLabel('URL').fill(receiver.url);
  await hookDialog.getByRole('button', { name: 'Create webhook' }).click();
  const secret = await hookDialog.getByLabel('Signing secret').textContent();
  if (!secret || secret.length < 16) throw new Error('the webhook\'s secret is not shown');
  await hookDialog.getByText('This is the only time the secret is shown').waitFor();
  await page.waitForTimeout(400);
  await axe('webhook secret');
  await hookDialog.getByRole('button', { name: 'I have kept it' }).click();
  await page.getByText(receiver.url).waitFor();
  if ((await page.content()).includes(secret)) throw new Error('the secret is still in the page after its dialog closed');
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await page.getByRole('table', { name: `Deliveries of ${receiver.url}` }).getByText('succeeded').waitFor({ timeout: 60_000 });
  await expectText('HTTP 200 after 1 attempt');
  if (receiver.received.length === 0) throw new Error('the receiver got no delivery');
  // Telegram: a pasted token with a space is refused here; a good one is added and removed.
  await page.getByRole('button', { name: 'New Telegram channel' }).click();
  const tgDialog = page.getByRole('dialog');
  await tgDialog.getByLabel('Bot token').fill('123456789 AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  await tgDialog.getByLabel('Chat id').fill('-1001234567890');
  await tgDialog.getByRole('button', { name: 'Add channel' }).click();
  await tgDialog.getByText('Contains spaces or line breaks').waitFor();
  await tgDialog.getByLabel('Bot token').fill('123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  await tgDialog.getByRole('button', { name: 'Add channel' }).click();
  await page.getByRole('list', { name: 'Telegram channels' }).getByText('-1001234567890', { exact: true }).waitFor();
  // Its test goes out now, to this test's fake Telegram, and the answer shows under the channel.
  await page.getByRole('button', { name: 'Test the channel to -1001234567890' }).click();
  await page.getByRole('status', { name: 'Test of the channel to -1001234567890' })
    .getByText('Telegram took the test message: it should be in the chat now.').waitFor();
  const sent = telegram.messages.at(-1);
  if (!sent || sent.path !== '/telegram/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage'
    || sent.body.chat_id !== '-1001234567890' || !String(sent.body.text).startsWith('TradeBot: Test notification')) {
    throw new Error(`the fake Telegram did not get the test message: ${JSON.stringify(sent)}`);
  }
  await axe('notifications');
  await shot('notifications');
  await page.getByRole('button', { name: 'Delete the channel to -1001234567890' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expectText('No Telegram channels yet.');
  say(`a webhook created (its secret shown once), tested: delivered to this test's receiver with ${receiver.received[0].signature ? 'a' : 'NO'} signature; a Telegram channel added, tested (the message reached the fake Telegram), removed`);
  if (!receiver.received[0].signature) throw new Error('the delivery carried no signature header');

  // --- strategy delete: refused while the replay bot on it exists, after a confirmation -----------
  await page.getByRole('link', { name: /^Strategies/ }).click();
  await page.getByRole('link', { name: 'my-ema' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByText('Not deleted: a bot uses it').waitFor();
  await page.waitForTimeout(400);
  await axe('strategy delete refused');
  await page.keyboard.press('Escape');
  if (!/\/strategies\/[0-9a-f-]{36}$/.test(page.url())) throw new Error('a strategy a bot uses was deleted');
  say('deleting the strategy, after a confirmation, is refused while its bot exists');

  // --- the session: an expired token sends you to sign in with a message -------------------
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('tradebot.session'));
    localStorage.setItem('tradebot.session', JSON.stringify({ ...s, token: 'expired.token.value' }));
  });
  await page.goto(`${BASE_URL}/accounts`);
  await page.waitForURL(/\/sign-in/);
  await expectText('Your session expired or was revoked');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/accounts$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  say('a revoked token led to sign-in with a message, back to the page asked for; signed out');

  if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
  if (phoneOverflows.length > 0) throw new Error(`pages wider than a phone: ${phoneOverflows.join(', ')}`);
  console.log(`e2e: passed in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in ${SHOTS}`);
} catch (error) {
  await page.screenshot({ path: resolve(SHOTS, 'failure.png') }).catch(() => {});
  console.error(`e2e: FAILED at step ${step + 1}: ${error instanceof Error ? error.message : error}`);
  console.error(`  page: ${page.url()}; screenshot ${resolve(SHOTS, 'failure.png')}`);
  if (pageErrors.length > 0) console.error(`  page errors: ${pageErrors.join('; ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  receiver.close();
  telegram.close();
}

// End to end with a real client: Web Chat (botframework-webchat) in headless Chromium talks Direct Line to
// offline-directline, which forwards to CoachBot's /api/messages and collects the bot's connector replies.
// The tests complete the qualify dialog by clicking card buttons and check the recommendation card, on a desktop
// and on a phone-sized screen.
//
// Usage: BOT_URL=http://127.0.0.1:3978/api/messages [OUT_DIR=dir] node webchat.e2e.js
// Prints one line per test and a closing "e2e: N passed, N failed"; exit code 0 only when all passed.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const express = require('express');
const yaml = require('js-yaml');
const { getRouter } = require('offline-directline');
const { chromium } = require('playwright-core');
const { launchChromium } = require('../lib/chromium');

const botUrl = process.env.BOT_URL;
const outDir = process.env.OUT_DIR || path.join(__dirname, 'output');
const repoRoot = path.resolve(__dirname, '..', '..');
const stepTimeout = 20000;

// Labels and the expected headline come from the playbook, so content edits do not break the test.
function loadPlaybook() {
  const read = (file) => yaml.load(fs.readFileSync(path.join(repoRoot, 'dialogs', file), 'utf8'));
  const qualify = read('qualify.yaml').dialogs.find((d) => d.id === 'qualify');
  const choice = (step, value) => qualify.steps.find((s) => s.id === step).choices.find((c) => c.value === value).short;
  const headline = (id) => read('approaches.yaml').approaches.find((a) => a.id === id).headline;
  return { choice, headline };
}

function page(directLinePort) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>CoachBot Web Chat</title>
<style>html, body, #webchat { height: 100%; margin: 0; }</style></head>
<body><div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
<script>
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ domain: 'http://127.0.0.1:${directLinePort}/directline', webSocket: false, pollingInterval: 300 }),
    userID: 'seller-1',
    username: 'Sam Seller'
  }, document.getElementById('webchat'));
</script></body></html>`;
}

async function startDirectLine() {
  const app = express();
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  app.get('/', (req, res) => res.type('html').send(page(port)));
  app.get('/webchat.js', (req, res) => res.sendFile(path.join(__dirname, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js')));
  // offline-directline's router: Direct Line for the page, the connector API for the bot (serviceUrl = this server).
  app.use(getRouter(`http://127.0.0.1:${port}`, botUrl));
  return { server, port };
}

async function clickButton(page, text) {
  // Web Chat renders a hidden keyboard-help copy of card buttons; .ac-pushButton is the real one.
  const button = page.locator('.ac-pushButton', { hasText: text }).last();
  await button.waitFor({ state: 'visible', timeout: stepTimeout });
  await button.click();
}

const tests = [];
const test = (name, body, options = {}) => tests.push({ name, body, viewport: options.viewport || { width: 900, height: 1400 } });

async function qualifyToRetrieval(page, playbook) {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.waitFor({ state: 'visible', timeout: stepTimeout });
  await input.fill('qualify');
  await input.press('Enter');
  await page.locator('.webchat__bubble', { hasText: 'qualify' }).first().waitFor({ timeout: stepTimeout });

  await clickButton(page, playbook.choice('need', 'knowledge'));
  await clickButton(page, playbook.choice('data-changed', 'month'));

  const card = page.locator('.ac-adaptiveCard', { hasText: playbook.headline('rag') }).last();
  await card.waitFor({ state: 'visible', timeout: stepTimeout });
  return card;
}

test('qualify by clicking card buttons shows the retrieval recommendation', async (page, playbook) => {
  await qualifyToRetrieval(page, playbook);
  await page.locator('.ac-pushButton', { hasText: 'Post summary to deal channel' }).last().waitFor({ timeout: stepTimeout });
});

// Teams on a phone shows cards about 360 px wide. The compact card, buttons included, must fit one screen
// (640 px) at that width, with nothing cut off at the side; "Show details" unfolds the rest in place.
const phone = { width: 360, height: 740 };
const phoneScreenHeight = 640;

test('the compact recommendation fits a 360 px wide phone screen and unfolds its details in place', async (page, playbook) => {
  const card = await qualifyToRetrieval(page, playbook);
  await page.locator('.ac-pushButton', { hasText: 'Show details' }).last().waitFor({ state: 'visible', timeout: stepTimeout });
  const compact = await card.boundingBox();
  const overflow = await card.evaluate((element) => element.scrollWidth - element.clientWidth);
  console.log(`  compact card at ${phone.width} px wide: ${Math.round(compact.width)} x ${Math.round(compact.height)} px`);
  if (compact.width > phone.width) throw new Error(`the card is ${compact.width} px wide in a ${phone.width} px screen`);
  if (compact.height > phoneScreenHeight) throw new Error(`the compact card is ${compact.height} px tall (limit ${phoneScreenHeight})`);
  if (overflow > 1) throw new Error(`the card's content is ${overflow} px wider than the card`);
  if (await card.getByText('Where it breaks').isVisible()) throw new Error('details are shown before "Show details"');

  await clickButton(page, 'Show details');
  await card.getByText('Where it breaks').first().waitFor({ state: 'visible', timeout: stepTimeout });
  const unfolded = await card.boundingBox();
  if (unfolded.height <= compact.height) throw new Error(`unfolding did not grow the card (${unfolded.height} px)`);
}, { viewport: phone });

async function main() {
  if (!botUrl) throw new Error('BOT_URL is not set (e.g. http://127.0.0.1:3978/api/messages).');
  fs.mkdirSync(outDir, { recursive: true });
  const playbook = loadPlaybook();
  const { server, port } = await startDirectLine();
  const browser = await launchChromium(chromium);

  let passed = 0;
  let failed = 0;
  try {
    for (const { name, body, viewport } of tests) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      try {
        // Type only once Web Chat has connected: it starts polling for activities then.
        const polling = page.waitForRequest((r) => r.url().includes('/activities'), { timeout: stepTimeout });
        await page.goto(`http://127.0.0.1:${port}/`);
        await polling;
        await body(page, playbook);
        passed++;
        console.log(`ok - ${name}`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}\n  ${String(error && error.message).split('\n').join('\n  ')}`);
      } finally {
        await page.screenshot({ path: path.join(outDir, `${slug}.png`), fullPage: true }).catch(() => {});
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.log(`e2e setup failed: ${error && error.stack}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);

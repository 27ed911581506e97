// End to end in a real browser: the phrase finder page (/coach) served by CoachBot.Server on loopback, in headless
// Chromium (playwright-core with Debian's chromium, as the Web Chat suite). Types look-ups (one misspelt) and checks
// the page shows what /api/phrases answers, copies a line, answers the qualify questions with the mouse and with the
// keyboard alone, checks 320 px, takes screenshots at 1280 and 360 px in the light and dark themes, and measures
// keystroke-to-results latency and the first load's weight.
//
// A second server, started here with Entra sign-in (TabSignIn) against OpenID metadata and keys served here too, shows
// the page getting its API answers with the SSO token a (stand-in) Teams host gives it.
//
// Usage: BASE_URL=http://127.0.0.1:3978 SERVER_DLL=.../CoachBot.Server.dll [OUT_DIR=dir] node coach-page.e2e.js
// Prints one line per test, the measurements, and a closing "coach-page: N passed, N failed".
'use strict';

const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const { chromium } = require('playwright-core');
const { launchChromium } = require('../lib/chromium');

const baseUrl = process.env.BASE_URL;
const outDir = process.env.OUT_DIR || path.join(__dirname, 'output');
const repoRoot = path.resolve(__dirname, '..', '..');
const timeout = 15000;
const firstLoadBudget = 100 * 1024;

// Names and labels come from the playbook, so content edits do not break the test.
function loadPlaybook() {
  const read = (file) => yaml.load(fs.readFileSync(path.join(repoRoot, 'dialogs', file), 'utf8'));
  const approachName = (id) => read('approaches.yaml').approaches.find((a) => a.id === id).name;
  return { approachName };
}

async function lookup(query) {
  const response = await fetch(`${baseUrl}/api/phrases?q=${encodeURIComponent(query)}`);
  if (!response.ok) throw new Error(`/api/phrases answered ${response.status}`);
  return response.json();
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Types like a person, one key at a time, waiting for the results of each keystroke.
/** Pastes the whole query at once (one search, not one per keystroke) and waits for its results. */
async function fillAndWait(page, query) {
  await page.locator('#q').fill(query);
  await page.waitForFunction((v) => document.getElementById('results').dataset.query === v, query, { timeout });
}

async function typeAndWait(page, text) {
  const input = page.locator('#q');
  for (const key of text) {
    await input.press(key === ' ' ? 'Space' : key);
    const value = await input.inputValue();
    await page.waitForFunction((v) => document.getElementById('results').dataset.query === v.trim(), value, { timeout });
  }
}

// Installed before the page's own script: the time from each keydown in the search box to the moment the results
// for that exact text are in the DOM.
function latencyProbe() {
  window.__latencies = [];
  let pressed = 0;
  document.addEventListener('keydown', (event) => { if (event.target.id === 'q') pressed = performance.now(); }, true);
  document.addEventListener('DOMContentLoaded', () => {
    const results = document.getElementById('results');
    const input = document.getElementById('q');
    new MutationObserver(() => {
      if (pressed && input.value.trim() && results.dataset.query === input.value.trim()) {
        window.__latencies.push(performance.now() - pressed);
        pressed = 0;
      }
    }).observe(results, { attributes: true, attributeFilter: ['data-query'] });
  });
}

async function open(page, query = '') {
  await page.goto(`${baseUrl}/coach${query}`);
  await page.locator('#analogies article').first().waitFor({ timeout });
}

const tests = [];
const test = (name, options, body) => tests.push({ name, options, body });
const measurements = {};

test('the first load is small, self-contained and loads no Teams code outside Teams', {}, async (page) => {
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await open(page);
  let bytes = 0;
  for (const r of responses) {
    const url = new URL(r.url());
    assert(url.origin === new URL(baseUrl).origin, `a request left the server: ${r.url()}`);
    assert(!url.pathname.includes('/vendor/'), `Teams code was loaded outside Teams: ${url.pathname}`);
    bytes += (await r.body()).length;
  }
  measurements.firstLoadBytes = bytes;
  measurements.firstLoadRequests = responses.length;
  assert(bytes < firstLoadBudget, `the first load is ${bytes} bytes, over ${firstLoadBudget}`);
  assert(await page.evaluate(() => typeof window.microsoftTeams === 'undefined'), 'microsoftTeams exists outside Teams');
  assert(await page.evaluate(() => document.activeElement.id === 'q'), 'the search box does not have the focus');
});

test('typing shows what /api/phrases answers: don\'t-say struck through, do-say, why', {}, async (page) => {
  await open(page);
  await typeAndWait(page, 'too expensive');
  const expected = (await lookup('too expensive')).matches;
  assert(expected.length > 0, 'the look-up found nothing for "too expensive"');
  const first = page.locator('#results article.phrase').first();
  assert((await first.locator('.do').textContent()) === expected[0].doSay, 'the first do-say line is not the look-up\'s');
  assert((await first.locator('.dont s').textContent()) === expected[0].dontSay, 'the don\'t-say line is not struck through');
  assert((await first.locator('.why').textContent()) === expected[0].why, 'the why line is missing');
  assert((await page.locator('#results article.phrase').count()) === expected.length, 'not every match is shown');
});

test('a misspelt query finds the same top phrase as the right spelling', {}, async (page) => {
  await open(page);
  await typeAndWait(page, 'too expensiv');
  const right = (await lookup('too expensive')).matches[0];
  const typo = (await lookup('too expensiv')).matches[0];
  assert(typo && typo.id === right.id, `"too expensiv" found ${typo && typo.id}, not ${right.id}`);
  assert((await page.locator('#results article.phrase .do').first().textContent()) === right.doSay, 'the page does not show it first');
});

test('a glossary question shows the definition', {}, async (page) => {
  await open(page);
  await typeAndWait(page, 'what is lora');
  const term = (await lookup('what is lora')).term;
  assert(term, 'the look-up has no glossary answer for "what is lora"');
  await page.locator('#results article.term', { hasText: term.definition }).waitFor({ timeout });
});

test('a "See also" button shows exactly that related answer', {}, async (page) => {
  const query = 'whats a foundation model, okta style';
  await open(page);
  await fillAndWait(page, query);
  const result = await lookup(query);
  assert((result.related || []).length > 0, `the look-up offers no related answer for "${query}"`);
  const related = result.related[0];
  assert(related.term, 'the first related answer is not a glossary term');
  await page.locator('#results .see-also button', { hasText: related.title }).click();
  await page.locator('#results article.term', { hasText: related.term.definition }).waitFor({ timeout });
  assert((await page.locator('#results article.analogy').count()) === 0, 'more than the pressed answer is shown');
  assert((await page.locator('#results .see-also').count()) === 0, 'the pressed answer offers a "See also" row again');
});

test('a "no match" says so first and offers the answers that came close', {}, async (page) => {
  const query = 'things have moved on since';
  await open(page);
  await fillAndWait(page, query);
  const result = await lookup(query);
  assert((result.matches || []).length === 0 && !result.term && !result.analogy, `"${query}" is no longer a no-match`);
  assert((result.related || []).length > 0, `the no-match for "${query}" offers nothing close`);
  const first = page.locator('#results > *').first();
  assert((await first.textContent()).startsWith('Nothing in the playbook answers'), 'the no-match is not said first');
  assert((await page.locator('#results .see-also').textContent()).includes('Closest, though not a match'), 'the close answers are not marked as not a match');
});

test('the copy button puts the do-say line on the clipboard', { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
  await open(page);
  await typeAndWait(page, 'cost');
  const line = await page.locator('#results article.phrase .do').first().textContent();
  await page.locator('#results article.phrase button.copy').first().click();
  assert((await page.evaluate(() => navigator.clipboard.readText())) === line, 'the clipboard does not hold the line');
  await page.locator('#status', { hasText: 'Copied' }).waitFor({ timeout });
});

test('clicking the qualify answers shows the compact recommendation', {}, async (page, playbook) => {
  await open(page);
  await page.locator('#qualify-start').click();
  await page.locator('#qualify button[data-value="knowledge"]').click();
  await page.locator('#qualify button[data-value="month"]').click();
  const card = page.locator('#qualify article.recommendation');
  await card.waitFor({ timeout });
  const heading = await card.locator('h3').textContent();
  assert(heading === 'Recommend: ' + playbook.approachName('rag'), `the recommendation reads "${heading}"`);
  assert((await card.locator('.do').count()) >= 1, 'the recommendation has no do-say line');
  assert(await page.locator('#qualify .answers button').count() === 2, 'the two answers are not listed');
});

test('the keyboard alone searches, reaches a copy button and qualifies to a recommendation', {}, async (page, playbook) => {
  await open(page);
  await typeAndWait(page, 'cost');
  await page.keyboard.press('ArrowDown');
  assert(await page.evaluate(() => document.activeElement.classList.contains('copy')), 'ArrowDown does not reach the first copy button');
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement.id === 'qualify-start')); i++) await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.id === 'qualify-start'), 'Tab never reaches the qualify button');
  await page.keyboard.press('Enter');
  for (const value of ['knowledge', 'month']) {
    await page.locator(`#qualify button[data-value="${value}"]`).waitFor({ timeout });
    for (let i = 0; i < 10 && !(await page.evaluate((v) => document.activeElement.dataset.value === v, value)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await page.locator('#qualify article.recommendation', { hasText: playbook.approachName('rag') }).waitFor({ timeout });
});

test('at 320 px nothing scrolls sideways', { viewport: { width: 320, height: 800 } }, async (page) => {
  await open(page);
  await typeAndWait(page, 'they say fine-tuning is more secure');
  await page.locator('#qualify-start').click();
  await page.locator('#qualify button[data-value="both"]').waitFor({ timeout });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 320, `the page is ${width} px wide at 320 px`);
});

test('inside a Teams URL outside Teams the page still works', {}, async (page) => {
  await open(page, '?host=teams');
  await typeAndWait(page, 'cost');
  assert((await page.locator('#results article.phrase').count()) > 0, 'no results with ?host=teams');
});

// A stand-in for the Teams client: a page at https://teams.microsoft.com (one of the origins teams-js accepts and the
// page's Content-Security-Policy lets frame it) that frames the tab and answers teams-js's postMessage calls as a host
// does. Both addresses are served by the test itself (Playwright's routing): nothing leaves the machine.
const teamsHostPage = (token) => `<!doctype html><html><body style="margin:0">
<iframe id="tab" title="CoachBot" src="https://coachbot.test/coach?host=teams" style="width:320px;height:900px;border:0"></iframe>
<script>
  const frame = document.getElementById('tab');
  window.calls = [];
  const runtime = { apiVersion: 4, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } }, isLegacyTeams: true,
    supports: { app: {}, appInitialization: {}, authentication: {}, pages: { config: {}, tabs: {}, appButton: {}, backStack: {}, fullTrust: {} }, teamsCore: {}, meeting: {} } };
  window.ssoToken = ${JSON.stringify(token || null)};
  const context = { theme: 'dark', frameContext: 'sidePanel', meetingId: 'meeting-1', chatId: '19:meeting_1@thread.v2', locale: 'en-us',
    hostClientType: 'web', appSessionId: 'session-1', tid: 'tenant-1', userObjectId: 'user-1' };
  addEventListener('message', (event) => {
    const m = event.data;
    if (event.source !== frame.contentWindow || !m || typeof m.func !== 'string') return;
    window.calls.push(m.func);
    const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, '*');
    if (m.func === 'initialize') reply(['sidePanel', 'web', JSON.stringify(runtime), '2.58.0']);
    if (m.func === 'getContext') reply([context]);
    if (m.func === 'authentication.getAuthToken') reply(window.ssoToken ? [true, window.ssoToken] : [false, 'no token']);
  });
  window.changeTheme = (theme) => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
</script></body></html>`;

test('inside a Teams meeting side panel teams-js initialises, follows the theme and the page works', { teamsHost: true }, async (page) => {
  await page.goto('https://teams.microsoft.com/fake-host');
  const tab = page.frameLocator('#tab');
  await tab.locator('body[data-frame="sidePanel"]').waitFor({ timeout });
  const calls = await page.evaluate(() => window.calls);
  assert(calls.includes('initialize') && calls.includes('getContext'), `teams-js called ${calls.join(', ')}`);
  assert((await tab.locator('body').getAttribute('data-meeting')) === 'true', 'the meeting context was not read');
  await tab.locator('html[data-theme="dark"]').waitFor({ timeout });
  await page.evaluate(() => window.changeTheme('default'));
  await tab.locator('html[data-theme="light"]').waitFor({ timeout });
  await tab.locator('#q').fill('cost');
  await tab.locator('#results article.phrase').first().waitFor({ timeout });
  await page.locator('#tab').screenshot({ path: path.join(outDir, 'coach-teams-side-panel.png') });
});

test('with Entra sign-in the page gets its API answers with the Teams SSO token', { signedIn: true }, async (page, playbook, signedIn) => {
  await page.goto('https://teams.microsoft.com/fake-host');
  const tab = page.frameLocator('#tab');
  await tab.locator('#analogies article').first().waitFor({ timeout });
  assert(await page.evaluate(() => window.calls.includes('authentication.getAuthToken')), 'the page never asked Teams for a token');
  await tab.locator('#q').fill('cost');
  await tab.locator('#results article.phrase').first().waitFor({ timeout });
  const unsigned = await fetch(`${signedIn.baseUrl}/api/phrases?q=cost`);
  assert(unsigned.status === 401, `without the token the API answered ${unsigned.status}`);
});

test('with Entra sign-in, outside Teams the page says to open it in Teams', { signedInOutsideTeams: true }, async (page, playbook, signedIn) => {
  await page.goto(`${signedIn.baseUrl}/coach`);
  await page.locator('#signin').waitFor({ state: 'visible', timeout });
  assert((await page.locator('#results article').count()) === 0, 'results were shown without sign-in');
});

async function routeTeamsHost(context, tabServer = baseUrl, token = null) {
  // Anything else (teams-js's list of valid origins on a CDN, telemetry) is refused: it falls back to its own list.
  await context.route(() => true, (route) => route.abort());
  await context.route('https://teams.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: teamsHostPage(token) }));
  await context.route('https://coachbot.test/**', async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: tabServer + url.pathname + url.search }) });
  });
}

for (const theme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    test(`screenshot at ${width} px, ${theme} theme`, { viewport: { width, height: 900 }, screenshot: `coach-${width}-${theme}.png` }, async (page) => {
      await open(page, `?theme=${theme}`);
      assert(await page.evaluate(() => document.documentElement.dataset.theme) === theme, 'the theme was not applied');
      await typeAndWait(page, 'cost');
      await page.locator('#qualify-start').click();
      await page.locator('#qualify button[data-value="knowledge"]').click();
      await page.locator('#qualify button[data-value="month"]').click();
      await page.locator('#qualify article.recommendation').waitFor({ timeout });
    });
  }
}

test('keystroke-to-results latency (measured, reported)', { probe: true }, async (page) => {
  await open(page);
  const queries = ['fine tuning is more secure', 'too expensive', 'hallucinashuns', 'what is rag', 'our data changes weekly', 'train our own model'];
  for (const query of queries) {
    await page.locator('#q').fill('');
    await page.locator('#q').press('Escape');
    await typeAndWait(page, query);
  }
  const samples = (await page.evaluate(() => window.__latencies)).sort((a, b) => a - b);
  assert(samples.length >= 100, `only ${samples.length} samples`);
  const at = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
  measurements.latency = { samples: samples.length, p50: +at(0.5).toFixed(1), p95: +at(0.95).toFixed(1), max: +samples[samples.length - 1].toFixed(1) };
});

// ---- A second server with Entra sign-in (TabSignIn), its OpenID metadata and keys served here on loopback -------
const crypto = require('crypto');
const http = require('http');
const { spawn } = require('child_process');
const clientId = '0d3c6a51-7a9e-4b7e-9c55-3f2d8f1e6a10';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';

async function startEntraFake() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'e2e-key', use: 'sig', alg: 'RS256' };
  const server = http.createServer((req, res) => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const body = req.url === '/keys' ? { keys: [jwk] } : { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`, jwks_uri: origin + '/keys' };
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = b64({ alg: 'RS256', typ: 'JWT', kid: jwk.kid }) + '.' + b64({
    iss: `https://login.microsoftonline.com/${tenantId}/v2.0`, aud: clientId, tid: tenantId, scp: 'access_as_user', ver: '2.0',
    iat: now - 60, nbf: now - 60, exp: now + 3600,
  });
  const token = unsigned + '.' + crypto.sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url');
  return { server, metadataUrl: `http://127.0.0.1:${server.address().port}/metadata`, token };
}

async function startSignedInServer(metadataUrl) {
  const port = await new Promise((resolve) => { const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
  const log = fs.openSync(path.join(outDir, 'signed-in-server.log'), 'w');
  const child = spawn('dotnet', [process.env.SERVER_DLL], {
    stdio: ['ignore', log, log],
    env: {
      ...process.env, ASPNETCORE_URLS: `http://127.0.0.1:${port}`, Storage__Provider: 'memory', MicrosoftAppId: clientId,
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl, TabSignIn__ClientId: clientId, TabSignIn__TenantId: tenantId,
      TabSignIn__OpenIdMetadataUrl: metadataUrl,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) break;
    try { if ((await fetch(url + '/readyz')).ok) return { child, baseUrl: url }; } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error(`the signed-in server did not become ready (see ${outDir}/signed-in-server.log)`);
}

async function main() {
  if (!baseUrl) throw new Error('BASE_URL is not set (e.g. http://127.0.0.1:3978).');
  fs.mkdirSync(outDir, { recursive: true });
  const playbook = loadPlaybook();
  if (!process.env.SERVER_DLL) throw new Error('SERVER_DLL is not set (the built CoachBot.Server.dll).');
  const entra = await startEntraFake();
  const signedIn = await startSignedInServer(entra.metadataUrl);
  const browser = await launchChromium(chromium);

  let passed = 0;
  let failed = 0;
  try {
    for (const { name, options, body } of tests) {
      const context = await browser.newContext({ viewport: options.viewport || { width: 1280, height: 900 }, permissions: options.permissions || [] });
      if (options.probe) await context.addInitScript(latencyProbe);
      if (options.teamsHost) await routeTeamsHost(context);
      if (options.signedIn) await routeTeamsHost(context, signedIn.baseUrl, entra.token);
      const page = await context.newPage();
      const shot = options.screenshot || `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      try {
        await body(page, playbook, signedIn);
        passed++;
        console.log(`ok - ${name}`);
        if (options.screenshot) await page.screenshot({ path: path.join(outDir, shot), fullPage: true });
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}\n  ${String(error && error.message).split('\n').join('\n  ')}`);
        await page.screenshot({ path: path.join(outDir, shot), fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    signedIn.child.kill();
    entra.server.close();
  }
  fs.writeFileSync(path.join(outDir, 'measurements.json'), JSON.stringify(measurements, null, 2));
  if (measurements.firstLoadBytes) console.log(`first load: ${measurements.firstLoadBytes} bytes in ${measurements.firstLoadRequests} requests (budget ${firstLoadBudget})`);
  if (measurements.latency) {
    const l = measurements.latency;
    console.log(`keystroke to results: p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms over ${l.samples} keystrokes (target p95 <= 50 ms)`);
  }
  console.log(`coach-page: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.log(`coach-page setup failed: ${error && error.stack}`);
    console.log('coach-page: 0 passed, 1 failed');
    process.exit(1);
  },
);

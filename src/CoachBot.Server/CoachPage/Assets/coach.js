// CoachBot phrase finder. Plain script, no build step: search as you type (GET /api/phrases), the qualify questions
// (POST /api/qualify with the answers so far), the Okta analogies (GET /api/analogies). Inside Teams (the manifest
// opens /coach?host=teams) it loads the vendored @microsoft/teams-js for the theme, the meeting context, the tab's
// configuration and, when the server asks for sign-in, the SSO token; in any other browser it loads nothing more.
// Addresses are relative to the page (/coach), so a server behind a path prefix works unchanged.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const inTeams = params.get('host') === 'teams';
  let teams = null;      // the microsoftTeams namespace once initialised
  let token = null;      // Teams SSO token, asked for only when the API answers 401 Bearer
  const teamsReady = inTeams ? startTeams() : Promise.resolve();

  // ---- Elements ---------------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  function copyButton(text, what) {
    return el('button', { type: 'button', class: 'copy', 'aria-label': 'Copy ' + what, onclick: () => copy(text) }, 'Copy');
  }

  async function copy(text) {
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      // Teams' iframes and plain http may refuse the async clipboard; the selection route still works there.
      const area = $('clip');
      area.value = text;
      area.select();
      try { done = document.execCommand('copy'); } catch { done = false; }
      area.blur();
    }
    say(done ? 'Copied: ' + text : 'Could not copy; select the text instead.');
  }

  const say = (text) => { $('status').textContent = text; };

  // ---- API --------------------------------------------------------------------------------------------------
  async function api(path, init) {
    const request = () => fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init && init.headers), ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    });
    let response = await request();
    if (response.status === 401 && (response.headers.get('WWW-Authenticate') || '').startsWith('Bearer')) {
      await teamsReady;
      if (!teams) { $('signin').hidden = false; throw new Error('sign-in needed'); }
      token = await teams.authentication.getAuthToken();
      response = await request();
    }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
      throw new Error(detail || 'HTTP ' + response.status);
    }
    return response.json();
  }

  // ---- Search as you type -----------------------------------------------------------------------------------
  let sequence = 0;
  let inFlight = null;

  async function search() {
    const query = $('q').value.trim();
    const mine = ++sequence;
    if (inFlight) inFlight.abort();
    if (!query) { show(null, ''); return; }
    inFlight = new AbortController();
    try {
      const result = await api('api/phrases?q=' + encodeURIComponent(query), { signal: inFlight.signal });
      if (mine === sequence) show(result, query);
    } catch (error) {
      if (error.name !== 'AbortError' && mine === sequence) say(error.message);
    }
  }

  function show(result, query) {
    const results = $('results');
    const items = [];
    if (result && result.term) {
      items.push(el('article', { class: 'card term' },
        el('h3', {}, result.term.term),
        el('p', {}, result.term.definition),
        el('div', { class: 'row' }, copyButton(result.term.definition, 'the definition of ' + result.term.term))));
    }
    if (result && result.analogy) items.push(analogyCard(result.analogy, true));
    for (const match of (result && result.matches) || []) {
      items.push(el('article', { class: 'card phrase' },
        el('p', { class: 'dont' }, el('span', { class: 'label' }, 'Don\u2019t say'), el('s', {}, match.dontSay)),
        el('p', { class: 'do' }, match.doSay),
        el('p', { class: 'why' }, match.why),
        el('div', { class: 'row' }, copyButton(match.doSay, 'this line'))));
    }
    // "No match" is said first, even when answers that came close are offered after it.
    const found = result && (result.term || result.analogy || (result.matches || []).length);
    if (result && !found) items.push(el('p', {}, 'Nothing in the playbook answers \u201c' + query + '\u201d.'));
    // Related answers: one "See also" row; a button shows exactly that answer (it is in the response, no new search).
    if (result && (result.related || []).length) {
      items.push(el('div', { class: 'row see-also' }, el('span', { class: 'label' }, found ? 'See also' : 'Closest, though not a match'),
        ...result.related.map((r) => el('button', {
          type: 'button', class: 'quiet', onclick: () => show({
            query: result.query, matches: r.phrase ? [r.phrase] : [], suggestions: [], term: r.term, analogy: r.analogy, related: [],
          }, query),
        }, r.title))));
    }
    if (result && !found) {
      if ((result.suggestions || []).length) {
        items.push(el('p', { class: 'meta' }, 'Try one of these:'),
          el('ul', { class: 'suggest' }, result.suggestions.map((s) =>
            el('li', {}, el('button', { type: 'button', class: 'quiet', onclick: () => { $('q').value = s; search(); $('q').focus(); } }, s)))));
      }
    }
    results.replaceChildren(...items);
    results.dataset.query = query;
    const count = result ? (result.matches || []).length : 0;
    say(!result ? '' : count ? count + (count === 1 ? ' phrase' : ' phrases') + (result.term ? ' and a definition' : '') : result.term || result.analogy ? 'Found it.' : 'No match.');
  }

  function analogyCard(analogy, open) {
    return el('article', { class: 'card analogy' },
      el('details', { open },
        el('summary', {}, el('strong', {}, analogy.subject + ': ' + analogy.concept)),
        el('p', {}, analogy.mapping),
        el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Holds'), analogy.holds),
        el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Breaks'), analogy.breaks),
        el('p', { class: 'meta' }, analogy.origin)),
      el('p', { class: 'do' }, analogy.buyerLine),
      el('div', { class: 'row' }, copyButton(analogy.buyerLine, 'the line for the buyer')));
  }

  // ---- Qualify ----------------------------------------------------------------------------------------------
  let answers = [];     // [{ step, value }] in the order given; the server replays them through the dialog

  async function qualify(focusHeading) {
    const box = $('qualify');
    box.setAttribute('aria-busy', 'true');
    try {
      const body = JSON.stringify({ answers: Object.fromEntries(answers.map((a) => [a.step, a.value])) });
      const progress = await api('api/qualify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      // The dialog drops answers a change made irrelevant: keep only the ones it took.
      answers = progress.answers.map((a) => ({ step: a.step, value: a.value }));
      box.replaceChildren(...renderProgress(progress));
      if (focusHeading) { const h = box.querySelector('[tabindex="-1"]'); if (h) h.focus(); }
    } catch (error) {
      box.replaceChildren(el('p', { role: 'alert' }, 'Could not load the question: ' + error.message));
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  function renderProgress(progress) {
    const parts = [];
    if (progress.answers.length) {
      parts.push(el('ul', { class: 'answers', 'aria-label': 'Answers so far' }, progress.answers.map((a, i) =>
        el('li', {}, el('button', {
          type: 'button', 'aria-label': 'Change ' + a.label + ': ' + a.short,
          onclick: () => { answers = answers.slice(0, i); qualify(true); },
        }, a.label + ': ' + a.short)))));
    }
    for (const note of progress.notes || []) parts.push(el('p', { class: 'notice' }, note));
    if (progress.question) {
      const q = progress.question;
      parts.push(el('h3', { tabindex: '-1', id: 'question' }, q.prompt),
        el('div', { class: 'choices', role: 'group', 'aria-labelledby': 'question' }, q.choices.map((c) =>
          el('button', { type: 'button', 'data-value': c.value, onclick: () => { answers.push({ step: q.step, value: c.value }); qualify(true); } }, c.label))));
    }
    if (progress.recommendation) parts.push(recommendationCard(progress.recommendation));
    if (progress.answers.length) parts.push(el('div', { class: 'row' }, el('button', { type: 'button', class: 'quiet', onclick: () => { answers = []; qualify(true); } }, 'Start over')));
    return parts;
  }

  function recommendationCard(r) {
    const cost = r.cost;
    return el('article', { class: 'card recommendation', 'aria-labelledby': 'rec-h' },
      el('h3', { id: 'rec-h', tabindex: '-1' }, 'Recommend: ' + r.name),
      el('p', {}, el('strong', {}, r.headline)),
      r.asked && el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Buyer asked for'), r.asked),
      el('p', {}, r.why),
      r.caveat && el('p', { class: 'meta' }, r.caveat),
      el('p', {}, el('span', { class: 'label' }, 'Ask next'), r.nextQuestion.text),
      r.doSay.map((line) => el('div', {}, el('p', { class: 'do' }, line.doSay), el('div', { class: 'row' }, copyButton(line.doSay, 'this line')))),
      el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Cost'), cost.upFront + ' Ongoing: ' + cost.ongoing),
      cost.tradeOff && el('p', { class: 'meta' }, cost.tradeOff),
      r.analogy && el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Okta analogy'), r.analogy.concept + ': \u201c' + r.analogy.buyerLine + '\u201d'),
      r.claims.filter((c) => c.caveat).map((c) => el('p', { class: 'meta' }, el('span', { class: 'label' }, 'Verify before quoting'), c.text + ' ' + c.caveat)),
      r.disagreements.map((d) => el('details', {}, el('summary', {}, 'Where the articles disagree: ' + d.topic),
        el('ul', { class: 'lines' }, d.views.map((v) => el('li', {}, el('strong', {}, v.article + ': '), v.view))),
        d.advice && el('p', {}, el('span', { class: 'label' }, 'CoachBot\u2019s advice'), d.advice))));
  }

  async function analogies() {
    try {
      const list = await api('api/analogies');
      $('analogies').replaceChildren(...list.map((a) => analogyCard(a, false)));
    } catch (error) {
      $('analogies').replaceChildren(el('p', {}, 'Could not load the analogies: ' + error.message));
    }
  }

  // ---- Theme ------------------------------------------------------------------------------------------------
  function applyTheme(theme, contrast) {
    document.documentElement.dataset.theme = theme;
    if (contrast) document.documentElement.dataset.contrast = ''; else delete document.documentElement.dataset.contrast;
    $('theme').setAttribute('aria-pressed', String(theme === 'dark'));
    $('theme').textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
  }
  const teamsTheme = (name) => applyTheme(name === 'default' ? 'light' : 'dark', name === 'contrast');

  // ---- Teams ------------------------------------------------------------------------------------------------
  function startTeams() {
    return new Promise((resolve) => {
      const script = el('script', { src: 'coach/vendor/teams-js.min.js' });
      script.addEventListener('error', () => resolve());
      script.addEventListener('load', () => initialiseTeams().then(resolve));
      document.head.append(script);
    });
  }

  async function initialiseTeams() {
    try {
      const sdk = window.microsoftTeams;
      await sdk.app.initialize();
      teams = sdk;
      const context = await sdk.app.getContext();
      teamsTheme(context.app.theme);
      sdk.app.registerOnThemeChangeHandler(teamsTheme);
      const frame = (context.page && context.page.frameContext) || '';
      document.body.dataset.frame = frame;
      if (context.meeting && context.meeting.id) document.body.dataset.meeting = 'true';
      if (frame === 'settings') configureTab(sdk);
    } catch (error) {
      say('Teams did not initialise: ' + error.message);
    }
  }

  // The configurable tab's settings page: saving adds this page, as it is, to the meeting or chat.
  function configureTab(sdk) {
    $('config').hidden = false;
    const page = location.origin + location.pathname;
    sdk.pages.config.registerOnSaveHandler((save) => {
      sdk.pages.config.setConfig({
        entityId: 'coachbot-phrases',
        contentUrl: page + '?host=teams',
        websiteUrl: page,
        suggestedDisplayName: 'CoachBot',
      }).then(() => save.notifySuccess(), (error) => save.notifyFailure(String(error)));
    });
    sdk.pages.config.setValidityState(true);
  }

  // ---- Start ------------------------------------------------------------------------------------------------
  const wanted = params.get('theme');
  applyTheme(wanted === 'dark' || wanted === 'light' ? wanted : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  $('theme').addEventListener('click', () => applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'));
  $('q').addEventListener('input', search);
  $('q').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { $('q').value = ''; search(); }
    if (event.key === 'ArrowDown') { const first = $('results').querySelector('button'); if (first) { event.preventDefault(); first.focus(); } }
  });
  $('qualify-start').addEventListener('click', () => qualify(true));
  analogies();
  $('q').focus();
})();

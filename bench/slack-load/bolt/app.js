// Bolt for JavaScript doing what CoachBot's /coach does for "say <topic>": verify the signature, look the topic
// up in the same phrase table (exported from the shipped playbook), and acknowledge with an ephemeral Block Kit
// answer. The look-up is a plain token-overlap score: simpler than CoachBot's index, so the comparison favours Bolt.
const fs = require('node:fs');
const { App, LogLevel } = require('@slack/bolt');

const [phrasesFile, port] = process.argv.slice(2);
const phrases = JSON.parse(fs.readFileSync(phrasesFile, 'utf8')).map((p) => ({
  ...p,
  words: new Set(tokens([p.dontSay, p.doSay, ...(p.tags || []), ...(p.synonyms || [])].join(' '))),
}));

function tokens(text) {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length > 2);
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lookup(query) {
  const words = tokens(query);
  return phrases
    .map((p) => ({ p, score: words.filter((w) => p.words.has(w)).length }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((m) => m.p);
}

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: 'fake-bot-token-for-load-test',
  // Known ids and a loopback API URL: Bolt then never calls auth.test, and nothing leaves the machine.
  botId: 'BLOAD',
  botUserId: 'ULOAD',
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
  logLevel: process.env.BOLT_LOG === "debug" ? LogLevel.DEBUG : LogLevel.ERROR,
});

app.command('/coach', async ({ command, ack }) => {
  const topic = command.text.replace(/^(say|phrase)\s+/i, '');
  const matches = lookup(topic);
  const blocks = [{ type: 'header', text: { type: 'plain_text', text: `Phrases for "${topic}"`.slice(0, 150) } }];
  for (const p of matches) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Don't say:* ~${escape(p.dontSay)}~\n*Say:* *${escape(p.doSay)}*` } });
    if (p.why) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Why: ${escape(p.why)}` }] });
  }
  await ack({ response_type: 'ephemeral', text: `Phrases for ${topic}`, blocks });
});

(async () => {
  await app.start(Number(port));
  console.log(`bolt listening on ${port}`);
})();

// Shared by the browser suites: Debian's Chromium (CHROMIUM overrides the path), headless, with nothing of its own
// reaching for the network. The caller passes playwright-core's `chromium`, resolved from its own node_modules.
'use strict';

exports.launchChromium = (chromium) => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Drives headless Chromium over the DevTools protocol (no npm packages): loads the HTML report, fails on any console
// error or uncaught exception, compares the page's counts with the JSON report, checks that choosing a filter
// reduces the visible rows and that "Show all" restores them, and saves a screenshot.
// Also checks the page opens on the failures (passes behind a toggle), the search box, and the audit pipeline picture:
// one per account, coloured boxes, red links for broken deliveries, and a click on a box opening its finding; saves a
// screenshot of the picture as well.
// Usage: node html-check.mjs CHROMIUM PROFILE_DIR REPORT.html REPORT.json SCREENSHOT.png [PIPELINE.png]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromiumPath, profile, htmlPath, jsonPath, shotPath, pipelineShotPath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

const chrome = spawn(chromiumPath, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--no-default-browser-check', `--user-data-dir=${profile}`,
  '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', '--window-size=1280,900', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe'] });
const timer = setTimeout(() => { console.error('html-check: timed out'); chrome.kill('SIGKILL'); process.exit(1); }, 60000);

const wsUrl = await new Promise((res, rej) => {
  let buf = '';
  chrome.stderr.on('data', d => {
    buf += d;
    const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) res(m[1]);
  });
  chrome.on('exit', code => rej(new Error(`chromium exited (${code}) before DevTools was up:\n${buf}`)));
});
const port = new URL(wsUrl).port;
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const page = targets.find(t => t.type === 'page');

const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
let nextId = 1;
const pending = new Map();
const listeners = [];
ws.onmessage = ev => {
  const msg = JSON.parse(ev.data);
  if (msg.id && pending.has(msg.id)) {
    const { res, rej } = pending.get(msg.id);
    pending.delete(msg.id);
    msg.error ? rej(new Error(JSON.stringify(msg.error))) : res(msg.result);
  } else if (msg.method) {
    listeners.forEach(l => l(msg));
  }
};
const send = (method, params = {}) => new Promise((res, rej) => {
  const id = nextId++;
  pending.set(id, { res, rej });
  ws.send(JSON.stringify({ id, method, params }));
});
const consoleErrors = [];
listeners.push(m => {
  if (m.method === 'Runtime.exceptionThrown') consoleErrors.push(m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text);
  if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert')) consoleErrors.push(m.params.args.map(a => a.value ?? a.description).join(' '));
  if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') consoleErrors.push(`${m.params.entry.source}: ${m.params.entry.text}`);
});
const loaded = new Promise(res => listeners.push(m => { if (m.method === 'Page.loadEventFired') res(); }));
const evaluate = async expr => {
  const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(`${expr}: ${r.exceptionDetails.exception?.description}`);
  return r.result.value;
};

await send('Page.enable');
await send('Runtime.enable');
await send('Log.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
await send('Page.navigate', { url: pathToFileURL(resolve(htmlPath)).href });
await loaded;

const count = key => evaluate(`Number(document.querySelector('[data-count="${key}"]').textContent)`);
const visible = () => evaluate(`document.querySelectorAll('details.finding:not([hidden])').length`);
const s = report.summary;
check(await count('findings') === s.findings, `findings on the page = ${s.findings} in the JSON report`);
for (const [status, n] of Object.entries(s.byStatus)) check(await count(status) === n, `${status} = ${n}`);
for (const [sev, n] of Object.entries(s.failuresBySeverity)) check(await count(`sev-${sev}`) === n, `${sev} failures = ${n}`);
check(await count('suppressed') === s.suppressed, `suppressed = ${s.suppressed}`);
const notPassing = report.findings.filter(f => f.status !== 'PASS' && f.status !== 'NOT_APPLICABLE').length;
check(await visible() === notPassing, `the page opens on the ${notPassing} findings that do not pass (${await visible()})`);
const firstState = await evaluate(`document.querySelector('details.finding').getAttribute('data-status')`);
check(firstState === 'FAIL', `the first finding listed is a failure (${firstState})`);
await evaluate(`(() => { const c = document.getElementById('show-passed'); c.click(); })()`);
const all = await visible();
check(all === report.findings.length, `the toggle shows all ${report.findings.length} findings (${all})`);

// The search box narrows the rows to those whose text holds the query.
const query = report.findings.find(f => f.status === 'FAIL').ruleId;
await evaluate(`(() => { const s = document.getElementById('search'); s.value = ${JSON.stringify(query)};
  s.dispatchEvent(new Event('input', { bubbles: true })); })()`);
const searched = await visible();
check(searched > 0 && searched < all, `searching "${query}" shows ${searched} of ${all} rows`);
await evaluate(`(() => { const s = document.getElementById('search'); s.value = '';
  s.dispatchEvent(new Event('input', { bubbles: true })); })()`);

// The pipeline picture: a drawing per account, boxes coloured by their findings, broken links in red.
const accounts = new Set(report.snapshot.accounts);
const drawn = await evaluate(`Array.from(document.querySelectorAll('#pipeline .pl-account')).map(d => d.getAttribute('data-account'))`);
check([...accounts].every(a => drawn.includes(a)), `the pipeline has a section for each of the ${accounts.size} accounts`);
const svgs = await evaluate(`document.querySelectorAll('#pipeline svg.pipeline').length`);
const redBoxes = await evaluate(`document.querySelectorAll('#pipeline .node.n-FAIL').length`);
const redLinks = await evaluate(`document.querySelectorAll('#pipeline .link-FAIL').length`);
check(svgs > 0 && redBoxes > 0, `the pipeline draws ${svgs} picture(s) with ${redBoxes} failing box(es)`);
check(redLinks > 0, `broken links are drawn red (${redLinks})`);
const external = await evaluate(`Array.from(document.querySelectorAll('[src],link[href],image')).length`);
check(external === 0, 'no external assets');
// Click a failing box as a user would: its finding opens and scrolls into view.
const target = await evaluate(`(() => { const a = document.querySelector('#pipeline a[data-finding] .node.n-FAIL').parentNode;
  a.scrollIntoView({ block: 'center' }); const r = a.getBoundingClientRect();
  return { id: a.getAttribute('data-finding'), x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
for (const type of ['mousePressed', 'mouseReleased']) {
  await send('Input.dispatchMouseEvent', { type, x: target.x, y: target.y, button: 'left', clickCount: 1 });
}
await new Promise(r => setTimeout(r, 200));
const opened = await evaluate(`(() => { const d = document.getElementById(${JSON.stringify(target.id)});
  const r = d.getBoundingClientRect(); return d.open && !d.hidden && r.top >= -1 && r.top < innerHeight; })()`);
check(opened, `clicking a failing box opens its finding (${target.id}) in view`);
if (pipelineShotPath) {
  const clip = await evaluate(`(() => { const r = document.getElementById('pipeline').getBoundingClientRect();
    return { x: 0, y: r.top + scrollY, width: 1280, height: Math.min(r.height, 1800) }; })()`);
  const pshot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
    clip: { ...clip, scale: 1 } });
  writeFileSync(pipelineShotPath, Buffer.from(pshot.data, 'base64'));
  console.log(`screenshot: ${pipelineShotPath}`);
}
await evaluate(`(() => { HTMLFormElement.prototype.reset.call(document.getElementById('filters')); document.getElementById('show-passed').checked = true;
  window.trailguard.apply(); document.querySelectorAll('details.finding').forEach(d => d.open = false); window.scrollTo(0, 0); })()`);
await new Promise(r => setTimeout(r, 100));

// Choose "fail" in the status filter as a user would: focus the select, pick the option, fire change.
await evaluate(`(() => { const s = document.querySelector('select[data-filter="status"]'); s.focus();
  s.value = 'FAIL'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
const openFails = report.findings.filter(f => f.status === 'FAIL' && !f.suppression).length;
const afterFilter = await visible();
check(afterFilter < all && afterFilter === openFails, `status filter "fail" shows ${openFails} of ${all} rows (${afterFilter})`);
check(Number(await evaluate(`document.getElementById('visible-count').textContent`)) === afterFilter, 'the shown count follows the filter');

// Click "Show all" with a real mouse event.
const box = await evaluate(`(() => { const r = document.getElementById('reset').getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
for (const type of ['mousePressed', 'mouseReleased']) {
  await send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
}
await new Promise(r => setTimeout(r, 200));
check(await visible() === all, `clicking "Show all" shows all ${all} rows again`);

// Open the first failure for the screenshot, so the evidence and the fix with its copy button show.
await evaluate(`(() => { const s = document.querySelector('select[data-filter="status"]'); s.value = 'FAIL';
  s.dispatchEvent(new Event('change', { bubbles: true }));
  document.querySelector('details.finding.st-FAIL').open = true; window.scrollTo(0, 0); })()`);
const height = await evaluate('Math.min(document.documentElement.scrollHeight, 4000)');
const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
  clip: { x: 0, y: 0, width: 1280, height, scale: 1 } });
writeFileSync(shotPath, Buffer.from(shot.data, 'base64'));
console.log(`screenshot: ${shotPath}`);

check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
clearTimeout(timer);
ws.close();
chrome.kill();
if (failures.length) {
  console.error(`html-check: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('html-check: all checks passed');

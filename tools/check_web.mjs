// Drives the web build in headless Chromium over the DevTools protocol (a pipe, no extra
// packages: node's own child_process) as a person would, and checks what the page does.
// Run by tools/check_web.sh, which serves the folder; see there for what is checked.
//
//   node tools/check_web.mjs URL OUT_DIR
//
// Writes screenshots and console.log into OUT_DIR; exits 1 if a check fails.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node tools/check_web.mjs URL OUT_DIR');
  process.exit(2);
}
const downloads = resolve(outDir, 'downloads');
mkdirSync(downloads, { recursive: true });
const origin = new URL(url).origin;

const chrome = spawn(process.env.CHROMIUM || 'chromium', [
  '--headless',
  '--no-sandbox',
  // ANGLE's SwiftShader: WebGL on the CPU. (`--use-gl=swiftshader` alone makes the GPU process
  // fail its first start, and a page loaded that early loses its WebGL context.)
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--enable-logging=stderr',
  '--no-first-run',
  '--window-size=1366,768',
  '--remote-debugging-pipe',
  'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let chromeLog = '';
chrome.stderr.on('data', (chunk) => { chromeLog += chunk; });

// --- the protocol: NUL-terminated JSON messages over fds 3 (to Chromium) and 4 (from it) ---
let nextId = 1;
const waiting = new Map();
const listeners = [];
let pending = Buffer.alloc(0);
chrome.stdio[4].on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  let end;
  while ((end = pending.indexOf(0)) >= 0) {
    const message = JSON.parse(pending.subarray(0, end).toString('utf8'));
    pending = pending.subarray(end + 1);
    if (message.id && waiting.has(message.id)) {
      const { resolve, reject } = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) reject(new Error(JSON.stringify(message.error)));
      else resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const message = { id, method, params };
  if (sessionId) message.sessionId = sessionId;
  chrome.stdio[3].write(JSON.stringify(message) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, test, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await test();
    if (value) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// --- what the page says and asks for ---
const consoleLines = [];
const requests = [];
const events = [];
listeners.push((message) => {
  events.push(message);
  const p = message.params || {};
  if (message.method === 'Runtime.consoleAPICalled') {
    consoleLines.push(`${p.type}: ` + p.args.map((a) => a.value ?? a.description ?? '').join(' '));
  } else if (message.method === 'Runtime.exceptionThrown') {
    consoleLines.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
  } else if (message.method === 'Log.entryAdded') {
    consoleLines.push(`${p.entry.level}: ${p.entry.text}`);
  } else if (message.method === 'Network.requestWillBeSent') {
    requests.push(p.request.url);
  }
});
const said = (text) => consoleLines.some((line) => line.includes(text));

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

let session;
const page = (method, params) => send(method, params, session);
async function evaluate(expression) {
  const answer = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? 'script failed');
  return answer.result.value;
}
async function screenshot(name) {
  const shot = await page('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(outDir, name), Buffer.from(shot.data, 'base64'));
}
async function key(key, code, keyCode, modifiers = 0, text) {
  for (const type of ['keyDown', 'keyUp']) {
    await page('Input.dispatchKeyEvent', {
      type, modifiers, key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode,
      ...(type === 'keyDown' && text ? { text } : {}),
    });
    await sleep(100);
  }
}
const CTRL = 2;
const SHIFT = 8;
// Types text as a keyboard would: a keyDown carrying each character, then its keyUp.
async function typeText(text) {
  for (const ch of text) {
    const upper = ch.toUpperCase();
    const code = /[a-z]/i.test(ch) ? `Key${upper}` : ch === ' ' ? 'Space' : '';
    const keyCode = /[a-z ]/i.test(ch) ? upper.charCodeAt(0) : 0;
    await key(ch, code, keyCode, 0, ch);
  }
}
// Runs a command from the palette (Ctrl+K): types part of its name, Enter runs the first match.
async function palette(text) {
  await evaluate(`document.getElementById('pcn_explorer_canvas').focus(); true`);
  await key('k', 'KeyK', 75, CTRL);
  await sleep(500);
  await typeText(text);
  await sleep(300);
  await key('Enter', 'Enter', 13);
  await sleep(800);
}
async function click(x, y) {
  await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
  await sleep(300);
  await page('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
  await sleep(80);
  await page('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  await sleep(300);
}
async function drag([x0, y0], [x1, y1]) {
  await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x: x0, y: y0 });
  await sleep(300);
  await page('Input.dispatchMouseEvent', { type: 'mousePressed', x: x0, y: y0, button: 'left', clickCount: 1 });
  await sleep(100);
  for (let step = 1; step <= 12; step++) {
    const x = x0 + ((x1 - x0) * step) / 12;
    const y = y0 + ((y1 - y0) * step) / 12;
    await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 });
    await sleep(50);
  }
  await sleep(200);
  await page('Input.dispatchMouseEvent', { type: 'mouseReleased', x: x1, y: y1, button: 'left', clickCount: 1 });
  await sleep(300);
}
// Where the board draws West Sussex at 1366×768 (see web-picked.png): a chip of the first card,
// and the header of the second card.
const DRAG_FROM = [105, 174];
const DRAG_TO = [140, 291];
const canvasReady = `!document.getElementById('loading_text') && !!document.getElementById('pcn_explorer_canvas')`;

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  ({ sessionId: session } = await send('Target.attachToTarget', { targetId, flatten: true }));
  for (const domain of ['Page', 'Runtime', 'Log', 'Network', 'DOM']) await page(`${domain}.enable`);
  await page('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false });
  await send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  await page('Page.setInterceptFileChooserDialog', { enabled: true });

  // 1. The page starts on the bundled example (region chooser over it).
  await page('Page.navigate', { url });
  await until('the window to start', () => evaluate(canvasReady));
  await sleep(3000);
  await screenshot('web-start.png');
  check('the window starts (loading text removed, canvas drawn)', true);

  // 2. A bundled region opens: the region chooser is open at start (centred at 1366×768); its
  //    first row is North East and North Cumbria 00L.
  await click(533, 257);
  const region = await until('the bundled region to open', () => said('(bundled'), 30).catch(() => false);
  check('a bundled region of England opens', region && said('00L'));
  await sleep(1000);
  await screenshot('web-region.png');

  // 3. A file dropped on the page opens (eframe's own drop handler gets a real File).
  await evaluate(`(async () => {
    const response = await fetch('region_70F.csv');
    const file = new File([await response.blob()], 'region_70F.csv', { type: 'text/csv' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const canvas = document.getElementById('pcn_explorer_canvas');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      canvas.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
    return true;
  })()`);
  const dropped = await until('the dropped file to open', () => said('Opened region_70F.csv'), 30).catch(() => false);
  check('a file dropped on the page opens', dropped);
  await sleep(1500);
  await screenshot('web-dropped.png');

  // 4. Save downloads the scenario: Ctrl+S on a document with no file asks for a name (the
  //    browser has no save dialog); Enter takes the suggested one.
  await evaluate(`document.getElementById('pcn_explorer_canvas').focus(); true`);
  await key('s', 'KeyS', 83, CTRL);
  await sleep(800);
  await screenshot('web-save-name.png');
  await key('Enter', 'Enter', 13);
  await sleep(1000);
  await screenshot('web-saved.png');
  const saved = await until('the download', () => {
    const done = events.find((e) => e.method === 'Browser.downloadProgress' && e.params.state === 'completed');
    return done ? readdirSync(downloads).find((n) => n.endsWith('.ron')) : false;
  }, 20).catch(() => false);
  const savedText = saved ? readFileSync(join(downloads, saved), 'utf8') : '';
  check('Save downloads a scenario file', saved && savedText.includes('format_version'), saved || 'nothing downloaded');

  // 5. The browser's file picker opens a file: Ctrl+O shows it, the protocol chooses the file
  //    just downloaded (as a person would in the picker).
  if (saved) {
    await evaluate(`document.getElementById('pcn_explorer_canvas').focus(); true`);
    const chooserCount = () => events.filter((e) => e.method === 'Page.fileChooserOpened').length;
    const before = chooserCount();
    await key('o', 'KeyO', 79, CTRL);
    const how = await until('the file picker', async () => {
      if (chooserCount() > before) return 'chooser';
      return (await evaluate(`!!document.getElementById('rfd-input')`)) ? 'overlay' : false;
    }, 10).catch(() => false);
    const file = join(downloads, saved);
    if (how === 'chooser') {
      const opened = events.filter((e) => e.method === 'Page.fileChooserOpened').at(-1);
      await page('DOM.setFileInputFiles', { files: [file], backendNodeId: opened.params.backendNodeId });
    } else if (how === 'overlay') {
      const { root } = await page('DOM.getDocument', {});
      const { nodeId } = await page('DOM.querySelector', { nodeId: root.nodeId, selector: '#rfd-input' });
      await page('DOM.setFileInputFiles', { files: [file], nodeId });
    }
    const picked = how && await until('the picked file to open', () => said(`Opened ${saved}`), 30).catch(() => false);
    check('a file chosen in the browser\'s file picker opens', picked, how || 'no picker appeared');
    await sleep(1000);
    await screenshot('web-picked.png');
  }

  // 6. Autosave goes to the browser's storage: a practice dragged to another hub on the board
  //    (West Sussex, as opened above), then the page loses focus; the next visit offers it back.
  await drag(DRAG_FROM, DRAG_TO);
  const moved = await until('the move', () => said('Moved') || said('Move '), 10).catch(() => false);
  check('a practice dragged to another hub moves', moved);
  await sleep(500);
  await screenshot('web-moved.png');
  await evaluate(`document.activeElement && document.activeElement.blur(); true`);
  const recoveryKey = 'pcn-explorer/recovery.ron';
  const stored = await until('the autosave', () => evaluate(`localStorage.getItem(${JSON.stringify(recoveryKey)})`), 15).catch(() => null);
  check('autosave writes the unsaved work to the browser\'s storage', !!stored && stored.startsWith('{"version":1'),
    stored ? `${stored.length} characters` : 'nothing stored');
  await page('Page.reload', {});
  await until('the window to start again', () => evaluate(canvasReady));
  const offered = await until('the recovery offer', () => said('recovery offered'), 20).catch(() => false);
  await sleep(1500);
  await screenshot('web-recovery.png');
  check('the next visit offers the unsaved work back', offered);
  await click(465, 442); // "Restore" in the centred offer
  const restored = await until('the restore', () => said('Restored 1 unsaved change'), 10).catch(() => false);
  check('Restore brings the change back', restored);
  await click(985, 136); // the region chooser's close button (it opens with every visit)
  await sleep(300);

  // 7. Exports download too (File > Export, here from the palette): the browser has no save
  //    dialog, so a name is asked, as for Save; Enter takes the suggested one.
  const downloaded = (ending) => until(`a ${ending} download`, () =>
    readdirSync(downloads).find((n) => n.endsWith(ending)), 20).catch(() => false);
  await palette('excel');
  await screenshot('web-export-name.png');
  await key('Enter', 'Enter', 13);
  const workbook = await downloaded('.xlsx');
  const zip = workbook && readFileSync(join(downloads, workbook)).subarray(0, 2).toString() === 'PK';
  check('the Excel workbook export downloads (an .xlsx zip)', zip, workbook || 'nothing downloaded');

  // The map picture for paper: drawn from the data (resvg), encoded, downloaded.
  await palette('map picture');
  await key('Enter', 'Enter', 13);
  const picture = await downloaded('.png');
  const png = picture && readFileSync(join(downloads, picture)).subarray(1, 4).toString() === 'PNG';
  check('the map picture export downloads (a PNG)', png, picture || 'nothing downloaded');
  if (picture) writeFileSync(join(outDir, 'web-map-export.png'), readFileSync(join(downloads, picture)));

  // 8. Suggest runs in the browser (no threads there: the search runs on the page, within the
  //    window's 2 s limit) and shows its alternatives: Compare > Suggest…, here from the palette,
  //    opens the window at the top left; "Suggest moves" searches; at the bottom of the scrolled
  //    answer is the last alternative's Apply button, which makes its moves (the status line
  //    then names the change: "10 changes").
  await palette('suggest');
  await screenshot('web-suggest-open.png');
  await click(77, 303); // "Suggest moves", below the browser's note on the page pausing
  await sleep(4000);
  await screenshot('web-suggest-answer.png');
  await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 330, y: 400 });
  await sleep(200);
  await page('Input.dispatchMouseEvent', { type: 'mouseWheel', x: 330, y: 400, deltaX: 0, deltaY: 5000 });
  await sleep(1500);
  await screenshot('web-suggest-bottom.png');
  const noticesBefore = consoleLines.length;
  await click(88, 542); // "Apply alternative N", the last one
  const applied = await until('the suggestion to apply', () =>
    consoleLines.slice(noticesBefore).find((line) => /pcn-explorer: \d+ changes?$|pcn-explorer: Move /.test(line)), 10)
    .catch(() => false);
  await sleep(500);
  await screenshot('web-suggest-applied.png');
  check('Suggest finds alternatives in the browser and one applies', !!applied,
    applied ? applied.replace(/^.*pcn-explorer: /, '') : 'no alternative applied: see web-suggest-answer.png');

  // 9. Nothing panicked, and the page asked for nothing beyond its own folder.
  const foreign = requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:'));
  check('no request beyond the page\'s own files', foreign.length === 0, foreign.join(', ') || `${requests.length} requests`);
}

let failed = false;
try {
  await main();
} catch (error) {
  console.log(`FAIL ${error.message}`);
  failed = true;
}
const panicked = consoleLines.concat(chromeLog.split('\n')).filter((line) => line.includes('panicked'));
check('no panic in the console', panicked.length === 0, panicked[0] || '');
writeFileSync(join(outDir, 'console.log'), consoleLines.join('\n') + '\n');
writeFileSync(join(outDir, 'chromium.log'), chromeLog);
try { await send('Browser.close'); } catch { /* already gone */ }
// Let Chromium finish writing its profile before check_web.sh removes it.
const exited = chrome.exitCode !== null ? Promise.resolve() : new Promise((done) => chrome.once('exit', done));
await Promise.race([exited, sleep(5000)]);
chrome.kill();
failed ||= results.some((r) => !r.ok);
console.log(failed ? 'check_web: FAILED' : `check_web: all ${results.length} checks passed`);
process.exit(failed ? 1 : 0);

// The agent's own language everywhere. Walks every screen of the top bar — idle, dial pad, an
// outbound plan with warnings, inbound ringing, in call, wrap-up, the sync list with failed writes — with the
// agent's locale `de` and then `ja`, and fails on any visible string that is not from that locale's file (numbers,
// phone numbers, names and subjects from the Zendesk data, and the product name are allowed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultSeed } from '../../sandbox/zendesk/seed.mjs';
import { SEE_TIMEOUT, eventually, inSession, ringFrom, seeText, startEnv } from './helpers.mjs';

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const translations = (locale) =>
  JSON.parse(readFileSync(new URL(`../../app-manifest/translations/${locale}.json`, import.meta.url), 'utf8'));

function leaves(node) {
  return Object.values(node).flatMap((v) => (v !== null && typeof v === 'object' ? leaves(v) : [String(v)]));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Each ui string of the locale as a pattern: its {{params}} stand for anything.
function templatesOf(locale) {
  return leaves(translations(locale).ui).map(
    (text) =>
      new RegExp(
        `^${text
          .split(/\{\{\s*\w+\s*\}\}/)
          .map((part) => escape(part.trim()))
          .join('[\\s\\S]*?')}$`,
      ),
  );
}

// The notes the app writes into tickets are in the admin's note language (D81); the sync list shows a waiting
// write's note as it will be in Zendesk. With noteLanguage = the agent's locale, each of its lines is a sequence of
// that locale's note templates (wasm/core/text/texts.json).
function notePatternOf(locale) {
  const texts = JSON.parse(readFileSync(new URL('../../wasm/core/text/texts.json', import.meta.url), 'utf8'));
  const parts = [...Object.values(texts.notes), ...Object.values(texts.decisions)].map(
    (byLocale) =>
      `(?:${byLocale[locale]
        .split(/\{\{\s*\w+\s*\}\}/)
        .map(escape)
        .join('[^\\n]*?')})`,
  );
  return new RegExp(`^(?:${parts.join('|')})+$`);
}

// What the Zendesk data and the telephony bring: names, subjects, queue and menu names; and the product name.
const seed = defaultSeed();
const DATA = [
  'Agent Adapter',
  ...(seed.users ?? []).map((u) => u.name),
  ...(seed.tickets ?? []).map((t) => t.subject),
  'Main > Billing > Invoices',
  'Billing',
  'Main',
  'q-billing',
].filter((s) => typeof s === 'string' && s.trim() !== '');

// The simulated call's own fields, shown as they come (menu path), and the caller's language named by the browser in
// the agent's language (Intl.DisplayNames, issue 18): whole strings only.
const languageIn = (locale) => new Intl.DisplayNames([locale], { type: 'language' }).of('en');
const CALL_DATA = new Set(['Main > Billing', 'en', languageIn('de'), languageIn('ja')]);

// Only data, numbers, phone numbers, times and punctuation left once the data strings are taken out.
function onlyData(text) {
  if (CALL_DATA.has(text)) return true;
  let rest = text;
  for (const d of [...DATA].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  return /^[\s\d+()#*:.,·/\-–—×⌫%]*$/u.test(rest);
}

// The visible text of the top bar: every text node with a rendered parent, and the placeholders of its inputs.
async function visibleStrings(s) {
  const frame = s.page.frames().find((f) => f.url().includes('top_bar'));
  assert.ok(frame, 'the top-bar frame');
  return frame.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, template')) continue;
      const style = getComputedStyle(el);
      if (el.getClientRects().length === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(text);
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (input.getClientRects().length > 0 && input.placeholder.trim()) out.push(input.placeholder.trim());
    }
    return out;
  });
}

async function assertLocale(s, locale, screen, templates, notePattern = null) {
  const isNote = (text) =>
    notePattern !== null &&
    text
      .split('\n')
      .map((line) => line.trim())
      .every((line) => line === '' || notePattern.test(line));
  const strings = (await visibleStrings(s)).filter((text) => !isNote(text));
  assert.ok(strings.length > 0, `${screen}: something is shown`);
  // A separator the view puts between parts ("· created 2025-06-01") is not text of its own.
  const bare = (text) => text.replace(/^[·\s]+|[·\s]+$/gu, '');
  const foreign = strings.filter((text) => !onlyData(text) && !templates.some((re) => re.test(bare(text))));
  assert.deepEqual(foreign, [], `${screen} (${locale}): strings not from ${locale}.json: ${JSON.stringify(foreign)}`);
  return strings;
}

const SETTINGS = {
  promptSelectOpenTicket: true,
  allowCreateNewTicket: true,
  allowDoNotCreateTicket: true,
  allowDialEnteredNumber: true,
  auditNote: true,
};

for (const locale of ['de', 'ja']) {
  test(`Agent language: every top-bar screen in ${locale} shows only ${locale} text`, async (t) => {
    const templates = templatesOf(locale);
    const ui = translations(locale).ui;
    const notePattern = notePatternOf(locale);
    const settings = { ...SETTINGS, noteLanguage: locale }; // the admin of this team writes notes in its language
    await inSession(env, t, { settings, query: `locale=${locale}` }, async (s) => {
      const bar = s.topBar.locator('body');
      await s.openTopBar();
      await seeText(bar, ui.main.dialPad);
      await assertLocale(s, locale, 'idle', templates);

      // Dial pad, then an outbound plan: two contacts share the number; Ada with "Do not create a ticket" warns.
      await s.key('dialPad').click();
      await s.key('number').waitFor({ timeout: SEE_TIMEOUT });
      await assertLocale(s, locale, 'dial pad', templates);
      await s.key('number').fill('+1 415 555 0100');
      await s.key('number').press('Enter');
      await s.key('contact-7').waitFor({ timeout: SEE_TIMEOUT });
      await assertLocale(s, locale, 'outbound: choose the contact', templates);
      await s.key('contact-7').click();
      await s.key('ticket-none').waitFor({ timeout: SEE_TIMEOUT });
      await s.key('ticket-none').click();
      await seeText(bar, ui.warnings.NO_TICKET_NO_RECORDING);
      await assertLocale(s, locale, 'outbound plan with a warning', templates);
      await s.key('cancel').click();

      // Inbound: ringing, in call (with the decision), wrap-up; Zendesk refuses the writes meanwhile.
      await ringFrom(s.page, '+1 415 555 0100');
      await s.key('answer').waitFor({ timeout: SEE_TIMEOUT });
      await eventually(async () => assert.ok(!(await bar.textContent()).includes(ui.call.lookingUp)));
      await assertLocale(s, locale, 'inbound ringing', templates);
      await fetch(`${env.url}/sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status500: { everyNth: 1, match: '/api/v2/tickets' } }),
      });
      await s.key('answer').click();
      await s.key('hangUp').waitFor({ timeout: SEE_TIMEOUT });
      await assertLocale(s, locale, 'in call', templates);
      await s.key('hangUp').click();
      await s.key('done').waitFor({ timeout: SEE_TIMEOUT });
      await assertLocale(s, locale, 'wrap-up', templates);
      await s.key('done').click();

      // The sync list: writes waiting with Zendesk's error, by their translated labels.
      await s.key('dialPad').waitFor({ timeout: SEE_TIMEOUT });
      await eventually(async () => {
        const text = await bar.textContent();
        assert.ok(
          Object.values(ui.sync.label).some((label) => text.includes(label.split('{{')[0].trim())),
          'a write is listed by its translated label',
        );
      });
      const shown = await assertLocale(s, locale, 'sync list with failing writes', templates, notePattern);
      assert.ok(!shown.some((text) => /Call ID|Adapter decision/.test(text)), 'no English note in the sync list');
    });
  });
}

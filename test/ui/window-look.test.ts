// The Settings window as a Mac window, in real Chromium through the real built browser host (with a fake `tailscale`
// CLI replaying the two-peer sample): every page of the sidebar and every sheet this window has (the profile editor
// on each route, the remove confirmation), in light and dark, has no serious or critical axe violation of WCAG 2 A/AA
// and leaves a screenshot in test-artifacts/screenshots/. Then the keyboard: a sheet closes on Esc and gives the
// focus back, Return saves, and a field says what is wrong with it as the person types.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { fakeStateDir, installFakeTailscale } from '../fixtures/fake-tailscale';
import { peerAvailable } from '../fixtures/peers';
import { lookIn, SCHEMES, type Scheme } from '../fixtures/look';
import { removeTempDir } from '../fixtures/temp-dir';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable = peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium');

/** A profile to have something in the list (and to remove); nothing listens at its URL, nor needs to. */
const SAMPLE = { name: 'Studio', url: 'ws://127.0.0.1:9' };

describe.skipIf(!usable)('the Settings window’s look, accessibility and keyboard', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let dataDir: string;
  let stateDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-look-'));
    stateDir = fakeStateDir();
    const cli = installFakeTailscale(path.join(dataDir, 'fake-bin', 'tailscale'), 'running');
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ tailscaleCliPath: cli }, null, 2));
    [host, browser] = await Promise.all([
      startWebHostProcess(dataDir, {
        HOME: dataDir,
        OPENCLAW_CONFIG_PATH: path.join(dataDir, 'no-openclaw.json'),
        FAKE_TAILSCALE_STATE_DIR: stateDir,
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (stateDir) removeTempDir(stateDir);
  });

  async function openWindow(scheme: Scheme = 'light'): Promise<Page> {
    // A context of its own: axe runs its checks in a second page of the same context.
    const context = await browser.newContext({ viewport: { width: 980, height: 700 } });
    const page = await context.newPage();
    page.on('close', () => void context.close());
    page.setDefaultTimeout(15_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'General', level: 2 }).waitFor();
    return page;
  }

  function sidebar(page: Page): Locator {
    return page.getByRole('navigation', { name: 'Settings sections' });
  }

  function editor(page: Page): Locator {
    return page.getByRole('form', { name: 'Profile editor' });
  }

  /** Whether the element has the keyboard focus. */
  async function focused(element: Locator): Promise<boolean> {
    return (await element.and(element.page().locator(':focus')).count()) === 1;
  }

  /** Waits until nothing on the page says it is still loading, so what is checked is what a person reads. */
  async function settled(page: Page): Promise<void> {
    await expect.poll(() => page.locator('.progress').count(), { timeout: 20_000 }).toBe(0);
  }

  async function ensureSampleProfile(page: Page): Promise<void> {
    const list = page.getByRole('list', { name: 'Profiles' });
    if ((await list.getByRole('listitem', { name: SAMPLE.name, exact: true }).count()) > 0) return;
    await page
      .getByRole('button', { name: /^Add (a )?profile…$/u })
      .first()
      .click();
    const form = editor(page);
    await form.getByLabel('Name').fill(SAMPLE.name);
    await form.getByRole('radio', { name: 'Direct URL' }).check();
    await form.getByLabel('Gateway URL').fill(SAMPLE.url);
    await form.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('listitem', { name: SAMPLE.name, exact: true }).waitFor();
  }

  it.each(SCHEMES)(
    'every page and sheet in %s has no serious or critical axe violation, with a screenshot of each',
    async (scheme) => {
      const page = await openWindow(scheme);
      const found: string[] = [];

      // With no profile yet, General says what to do; that is a page of its own to look at.
      if ((await page.getByRole('list', { name: 'Profiles' }).count()) === 0) {
        await settled(page);
        found.push(...(await lookIn(page, 'general-empty', scheme)));
      }
      await ensureSampleProfile(page);

      // Every section the sidebar offers, whoever added it.
      const sections = await sidebar(page).getByRole('button').all();
      expect(sections.length).toBeGreaterThanOrEqual(6);
      for (const section of sections) {
        const label = ((await section.textContent()) ?? '').trim();
        await section.click();
        expect(await section.getAttribute('aria-current')).toBe('page');
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        await settled(page);
        found.push(...(await lookIn(page, label.toLowerCase().replace(/\W+/gu, '-'), scheme)));
      }

      // The editor's sheet on each route.
      await sidebar(page).getByRole('button', { name: 'General' }).click();
      await page.getByRole('button', { name: 'Add profile…' }).click();
      const form = editor(page);
      for (const [route, file] of [
        ['Remote over SSH', 'sheet-editor-ssh'],
        ['Tailscale', 'sheet-editor-tailscale'],
        ['Direct URL', 'sheet-editor-direct'],
      ] as const) {
        await form.getByRole('radio', { name: route }).check();
        await settled(page);
        found.push(...(await lookIn(page, file, scheme)));
      }
      // With every field refused, the sentences beside them must be as readable.
      await form.getByRole('radio', { name: 'Remote over SSH' }).check();
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByTestId('save-error').waitFor();
      found.push(...(await lookIn(page, 'sheet-editor-refused', scheme)));
      await form.getByRole('button', { name: 'Cancel' }).click();
      await form.waitFor({ state: 'detached' });

      // The remove confirmation.
      const item = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: SAMPLE.name });
      await item.getByRole('button', { name: 'Remove…' }).click();
      const confirm = page.getByRole('dialog', { name: `Remove “${SAMPLE.name}”?` });
      await confirm.waitFor();
      found.push(...(await lookIn(page, 'sheet-remove', scheme)));
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });

      expect(found).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it('closes a sheet on Esc and gives the focus back to its button; Return saves', async () => {
    const page = await openWindow();
    const add = page.getByRole('button', { name: 'Add profile…' });
    await add.focus();
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: 'Add a profile' });
    await sheet.waitFor();
    expect(await sheet.getAttribute('aria-modal')).toBe('true');
    // The focus is in the sheet, on its first field, and Tab keeps it there.
    expect(await sheet.locator(':focus').count()).toBe(1);
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      expect(await sheet.locator(':focus').count(), `after ${step + 1} Tabs`).toBe(1);
    }

    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(await focused(add)).toBe(true);
    expect(
      await page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'By keyboard' }).count(),
    ).toBe(0);

    // Return in a field saves, as the sheet's default button does.
    await page.keyboard.press('Enter');
    await sheet.waitFor();
    await editor(page).getByRole('radio', { name: 'Direct URL' }).check();
    await editor(page).getByLabel('Gateway URL').fill('ws://127.0.0.1:9');
    await editor(page).getByLabel('Name').fill('By keyboard');
    await page.keyboard.press('Enter');
    await sheet.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'By keyboard' }).waitFor();

    // The remove confirmation: Esc keeps the profile, and the focus goes back to Remove….
    const item = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'By keyboard' });
    const remove = item.getByRole('button', { name: 'Remove…' });
    await remove.click();
    const confirm = page.getByRole('dialog', { name: 'Remove “By keyboard”?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focused(remove)).toBe(true);
    expect(await item.count()).toBe(1);
    await page.close();
  });

  it('says what is wrong beside a field as the person types, once they have left it', async () => {
    const page = await openWindow();
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = editor(page);
    await form.getByRole('radio', { name: 'Remote over SSH' }).check();
    const port = form.getByLabel('Remote Gateway port');
    const problems = form.getByTestId('field-problems');

    // While typing for the first time nothing is said yet; leaving the field says it.
    await port.fill('70000');
    expect(await problems.count()).toBe(0);
    await port.press('Tab');
    await problems.filter({ hasText: 'The remote Gateway port must be a whole number from 1 to 65535.' }).waitFor();
    expect(await port.getAttribute('aria-invalid')).toBe('true');

    // From then on it follows the typing, without Save.
    await port.fill('8080');
    await problems.waitFor({ state: 'detached' });
    expect(await port.getAttribute('aria-invalid')).toBeNull();
    await port.fill('0');
    await problems.filter({ hasText: 'The remote Gateway port must be a whole number from 1 to 65535.' }).waitFor();

    // A name emptied and left says so too; nothing was saved, so nothing says "Nothing was saved".
    await form.getByLabel('Name').fill('x');
    await form.getByLabel('Name').fill('');
    await form.getByLabel('Name').press('Tab');
    await problems.filter({ hasText: 'The profile name is empty.' }).waitFor();
    expect(await form.getByTestId('save-error').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('opens the editor on the Tailscale route from the Tailscale page, and saves a device picked there', async () => {
    const page = await openWindow();
    await sidebar(page).getByRole('button', { name: 'Tailscale' }).click();
    const manual = page.getByRole('button', { name: 'Add a machine manually…' });
    await manual.click();
    const form = editor(page);
    expect(await form.getByRole('radio', { name: 'Tailscale' }).isChecked()).toBe(true);
    await form.getByLabel('Device').selectOption({ label: 'gateway-box' });
    await form.getByRole('radio', { name: 'Over SSH', exact: true }).check();
    expect(await form.getByLabel('SSH target').inputValue()).toMatch(/^gateway-box\./u);
    await form.getByLabel('SSH target').fill(`alice@${await form.getByLabel('SSH target').inputValue()}`);
    await form.getByLabel('Name').fill('Picked box');
    await form.getByRole('button', { name: 'Save' }).click();
    const made = page.getByRole('region', { name: 'New profile' });
    await made.waitFor();
    expect(await made.textContent()).toMatch(/Tailscale device gateway-box over SSH \(alice@gateway-box\./u);
    expect(await focused(manual)).toBe(true);
    await page.close();
  });
});

// Settings → Tailscale in real Chromium, through the real built browser host, with a fake `tailscale` CLI (chosen
// in settings.json, as a person would choose theirs) replaying documented output: the two-peer sample's devices,
// the logged-out state with its log-in link, an answer the app cannot read, switching tailnets, and a profile made
// from a device (then renamed in General's editor).
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { fakeStateDir, installFakeTailscale, type Scenario } from '../fixtures/fake-tailscale';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { removeTempDir } from '../fixtures/temp-dir';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable = peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium);

/** The settings file the settings store reads from the data dir (services/settings: `settings.json`). */
const SETTINGS_FILE = 'settings.json';

interface Running {
  host: WebHostProcess;
  dataDir: string;
  stateDir: string;
}

describe.skipIf(!usable)('Tailscale page with a fake tailscale CLI', () => {
  let browser: Browser;
  const running: Running[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const { host, dataDir, stateDir } of running.splice(0)) {
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
      removeTempDir(stateDir);
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * A browser host whose settings, written before it starts, name a fake CLI that replays `scenario`. The fake keeps
   * the tailnet `switch` chose in a state dir of its own, found through the environment the host passes on.
   */
  async function hostWith(scenario: Scenario): Promise<WebHostProcess> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-tailscale-'));
    const stateDir = fakeStateDir();
    const cli = installFakeTailscale(path.join(dataDir, 'fake-bin', 'tailscale'), scenario);
    writeFileSync(path.join(dataDir, SETTINGS_FILE), JSON.stringify({ tailscaleCliPath: cli }, null, 2));
    const host = await startWebHostProcess(dataDir, { FAKE_TAILSCALE_STATE_DIR: stateDir });
    running.push({ host, dataDir, stateDir });
    return host;
  }

  async function openTailscale(host: WebHostProcess): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Tailscale' })
      .click();
    await page.getByRole('heading', { name: 'Tailscale' }).waitFor();
    return page;
  }

  function deviceRow(page: Page, name: string): Locator {
    return page.getByRole('table', { name: 'Devices' }).getByRole('row', { name, exact: true });
  }

  it('lists the two-peer sample’s devices with their OS, address and online state', async () => {
    const page = await openTailscale(await hostWith('running'));
    await page.getByRole('status').filter({ hasText: 'Connected to the tailnet alice@example.com.' }).waitFor();

    const box = deviceRow(page, 'gateway-box');
    const pi = deviceRow(page, 'pi-home');
    await box.waitFor();
    await pi.waitFor();
    const boxText = (await box.textContent()) ?? '';
    expect(boxText).toContain('linux');
    expect(boxText).toContain('100.101.102.104');
    expect(boxText).toContain('Online');
    expect(boxText).toContain('Direct');
    expect(boxText).toContain('alice@example.com');
    const piText = (await pi.textContent()) ?? '';
    expect(piText).toContain('100.88.1.9');
    expect(piText).toContain('Offline, last seen');
    expect(piText).toContain('tag:server');
    expect(piText).not.toContain('Online');
    expect(await page.getByRole('table', { name: 'Devices' }).getByRole('row').count()).toBe(3);

    const facts = (await page.locator('.tailnet-state').textContent()) ?? '';
    expect(facts).toContain('alices-macbook-pro');
    expect(facts).toContain('100.101.102.103');
    // No device of the sample answers as a Gateway here, so none is marked and none offers its Gateway URL.
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    expect(await page.getByRole('button', { name: 'Use Gateway URL' }).count()).toBe(0);
    await page.close();
  });

  it('makes an SSH profile from a device, then shows it with Connect and in General', async () => {
    const page = await openTailscale(await hostWith('running'));
    const box = deviceRow(page, 'gateway-box');
    await box.getByRole('button', { name: 'Use over SSH…' }).click();
    const ask = box.getByRole('form', { name: 'Use gateway-box over SSH' });
    await ask.getByLabel('SSH user name (optional)').fill('alice');
    await ask.getByRole('button', { name: 'Make profile' }).click();

    const made = page.getByRole('region', { name: 'New profile' });
    await made.waitFor();
    expect(await made.textContent()).toContain('Tailscale device gateway-box over SSH');
    expect(await made.getByRole('button', { name: 'Connect' }).count()).toBe(1);

    await made.getByRole('button', { name: 'Show in General' }).click();
    const list = page.getByRole('list', { name: 'Profiles' });
    await list.waitFor();
    const summary = /Tailscale device gateway-box over SSH \(alice@[^)]+\)/;
    const route = summary.exec((await list.textContent()) ?? '')?.[0];
    expect(route).toBeDefined();

    // A Tailscale profile opens in the editor on the Tailscale route and can be renamed; its device and route stay.
    const item = list.getByRole('listitem');
    expect(await item.count()).toBe(1);
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Profile editor' });
    expect(await form.getByRole('radio', { name: 'Tailscale', exact: true }).isChecked()).toBe(true);
    expect(await form.getByLabel('SSH target').inputValue()).toMatch(/^alice@/);
    await form.getByLabel('Name').fill('Gateway box');
    await form.getByRole('button', { name: 'Save' }).click();
    const renamed = list.getByRole('listitem', { name: 'Gateway box', exact: true });
    await renamed.waitFor();
    expect(await renamed.textContent()).toContain(route);
    await page.close();
  });

  it('adds a machine by its MagicDNS name when the Tailscale CLI is missing', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-tailscale-'));
    const stateDir = fakeStateDir();
    // A CLI path that names nothing: the app looks only there, so no Tailscale installed here can stand in.
    writeFileSync(path.join(dataDir, SETTINGS_FILE), JSON.stringify({ tailscaleCliPath: path.join(dataDir, 'none') }));
    const host = await startWebHostProcess(dataDir);
    running.push({ host, dataDir, stateDir });
    const page = await openTailscale(host);
    await page.getByRole('alert').waitFor();

    await page.getByRole('button', { name: 'Add a machine manually…' }).click();
    const form = page.getByRole('form', { name: 'Profile editor' });
    expect(await form.getByRole('radio', { name: 'Tailscale', exact: true }).isChecked()).toBe(true);
    await form.getByText('Type the device’s MagicDNS name or tailnet IP instead.').waitFor();
    await form.getByLabel('Device').fill('studio.tail1234.ts.net');
    // The SSH target follows the device, keeping a user name typed before it.
    expect(await form.getByLabel('SSH target').inputValue()).toBe('studio.tail1234.ts.net');
    await form.getByLabel('SSH target').fill('alice@studio.tail1234.ts.net');
    await form.getByLabel('Name').fill('Studio by name');
    await form.getByRole('button', { name: 'Save' }).click();

    const made = page.getByRole('region', { name: 'New profile' });
    await made.waitFor();
    expect(await made.textContent()).toContain('Tailscale device studio over SSH (alice@studio.tail1234.ts.net)');
    await made.getByRole('button', { name: 'Show in General' }).click();
    await page
      .getByRole('list', { name: 'Profiles' })
      .getByRole('listitem', { name: 'Studio by name', exact: true })
      .waitFor();
    await page.close();
  });

  it('switches to the other tailnet', async () => {
    const page = await openTailscale(await hostWith('running'));
    const switcher = page.getByRole('form', { name: 'Switch tailnet' });
    await switcher.waitFor();
    await switcher.getByLabel('Tailnet').selectOption({ label: 'Example Corp (alice@corp.example)' });
    await switcher.getByRole('button', { name: 'Switch' }).click();
    // The fake's other tailnet has no peers yet.
    await page.getByRole('status').filter({ hasText: 'Connected to the tailnet corp.example.' }).waitFor();
    await page.getByText('No other devices on this tailnet.').waitFor();
    await page.close();
  });

  it('shows the log-in step with its URL when Tailscale is logged out', async () => {
    const page = await openTailscale(await hostWith('logged-out'));
    await page.getByRole('status').filter({ hasText: 'Tailscale is logged out on this Mac.' }).waitFor();
    const logIn = page.getByRole('link', { name: 'Log in to Tailscale' });
    await logIn.waitFor();
    expect(await logIn.getAttribute('href')).toBe('https://login.tailscale.com/a/1a2b3c4d5e6f');
    expect(await page.getByRole('table', { name: 'Devices' }).count()).toBe(0);
    await page.close();
  });

  it('shows an answer from the CLI it cannot read as an error with what to do', async () => {
    const page = await openTailscale(await hostWith('malformed'));
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'is not in the shape this app reads' }).waitFor();
    expect(await alert.locator('.error-hint').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Devices' }).count()).toBe(0);
    await page.close();
  });
});

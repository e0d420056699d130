import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchChromium, screenshot } from '../support/browser';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';

const TOKEN = 'playground-test-token';
const FINISHED = 60_000;

/** The page's origin: the API serves it at / beside /graphql. */
const origin = (stack: TestSandflow) => stack.url.replace(/\/graphql$/, '');

async function openPlayground(context: BrowserContext, stack: TestSandflow): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  // A CSP violation or a script error means the page is broken under its own policy.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin(stack)}/`);
  await page.locator('.monaco-editor').waitFor();
  return { page, problems };
}

async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.locator(`#language option[value="${language}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#language', language);
}

/** Replaces the editor's text as a person would: click, select all, type (insertText skips auto-closing). */
async function typeSource(page: Page, source: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(source);
}

async function totalSubmissions(stack: TestSandflow): Promise<number> {
  // Not queueStats: its totals are cached for a moment.
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ submissions(first: 50) { edges { cursor } } }' }),
  });
  return z
    .object({ data: z.object({ submissions: z.object({ edges: z.array(z.object({ cursor: z.string() })) }) }) })
    .parse(await response.json()).data.submissions.edges.length;
}

async function verdict(page: Page): Promise<string> {
  const badge = page.locator('#verdict');
  await badge.waitFor({ state: 'visible', timeout: FINISHED });
  return (await badge.textContent()) ?? '';
}

describe('browser playground (open mode)', () => {
  let stack: TestSandflow;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestSandflow({ languages: ['python', 'c', 'java'] }), launchChromium()]);
    context = await browser.newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs a python hello typed into the editor: live timeline, stdout, ACCEPTED, metrics', async () => {
    const { page, problems } = await openPlayground(context, stack);
    await chooseLanguage(page, 'python');
    expect(await page.locator('#language option[value="python"]').textContent()).toMatch(/Python \d/);
    await typeSource(page, 'import sys\nprint(f"Hello, {input()}!")\nprint("to stderr", file=sys.stderr)');
    await page.fill('#stdin', 'World\n');
    await page.click('#run');

    expect(await verdict(page)).toBe('ACCEPTED');
    await expect.poll(() => page.locator('#stdout').textContent()).toBe('Hello, World!\n');
    expect(await page.locator('#stderr').textContent()).toBe('to stderr\n');
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline[0]).toBe('QUEUED');
    expect(timeline).toContain('RUNNING');
    expect(timeline.at(-1)).toBe('COMPLETED');
    expect(await page.locator('#cpu').textContent()).toMatch(/^\d+ ms$/);
    expect(await page.locator('#wall').textContent()).toMatch(/^\d+ ms$/);
    expect(await page.locator('#peak-memory').textContent()).toMatch(/^[\d.]+ [KM]B$/);
    await screenshot(page, 'playground-python-hello');

    // The source is kept per language across a reload.
    await page.reload();
    await page.locator('.monaco-editor').waitFor();
    // Monaco renders spaces as no-break spaces.
    await expect
      .poll(async () => (await page.locator('.monaco-editor .view-lines').textContent())?.replace(/\u00a0/g, ' '))
      .toContain('Hello, {input()}!');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('judges test cases and shows one row per case', async () => {
    const { page, problems } = await openPlayground(context, stack);
    await chooseLanguage(page, 'python');
    await typeSource(page, 'print(int(input()) * 2)');
    await page.click('#tests summary');
    for (const [stdin, expected] of [
      ['2', '4'],
      ['5', '11'],
    ]) {
      await page.click('#add-test');
      await page
        .locator('.test-stdin')
        .last()
        .fill(stdin ?? '');
      await page
        .locator('.test-expected')
        .last()
        .fill(expected ?? '');
    }
    const before = await totalSubmissions(stack);
    // Ctrl/Cmd-Enter in the editor runs; pressed again while the submit is on its way, it starts nothing more.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.locator('#test-results tbody tr').nth(1).waitFor({ timeout: FINISHED });
    expect(await totalSubmissions(stack)).toBe(before + 1);
    expect(await page.locator('#test-results tbody tr td:nth-child(2)').allTextContents()).toEqual(['ACCEPTED', 'WRONG_ANSWER']);
    expect(await verdict(page)).toBe('WRONG_ANSWER');
    await screenshot(page, 'playground-test-cases');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the compiler message of a C compile error, with a marker on its line', async () => {
    const { page, problems } = await openPlayground(context, stack);
    await chooseLanguage(page, 'c');
    await typeSource(page, 'int main(void) {\n  return missing_name;\n}\n');
    await page.click('#run');
    expect(await verdict(page)).toBe('COMPILATION_ERROR');
    expect(await page.locator('#compile-output').textContent()).toMatch(/missing_name.*undeclared|undeclared.*missing_name/);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached' });
    await screenshot(page, 'playground-c-compile-error');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('puts the marker of a javac error on the line javac names', async () => {
    const { page, problems } = await openPlayground(context, stack);
    await chooseLanguage(page, 'java');
    // The error is on line 3; javac reports it as "Main.java:3: error: cannot find symbol". No
    // brace ends a line, so the editor's auto-closing and auto-indent add no line of their own.
    await typeSource(
      page,
      'public class Main { public static void main(String[] args) { int x = 1;\nx++;\nint y = undefinedName + x; } }',
    );
    await page.click('#run');
    expect(await verdict(page)).toBe('COMPILATION_ERROR');
    expect(await page.locator('#compile-output').textContent()).toMatch(/Main\.java:3: error: cannot find symbol/);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached' });
    // Monaco draws a marker in the overlay row at the same height as the text line it belongs to.
    const markedLines = await page.evaluate(`(() => {
      const tops = [...document.querySelectorAll('.monaco-editor .view-overlays .squiggly-error')]
        .map((marker) => marker.parentElement.style.top);
      return [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
        .filter((line) => tops.includes(line.style.top))
        .map((line) => line.textContent.replace(/\u00a0/g, ' ').trim());
    })()`);
    expect(markedLines).toEqual(['int y = undefinedName + x; } }']);
    await screenshot(page, 'playground-java-compile-error');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cancels a sleeping program from the UI', async () => {
    const { page, problems } = await openPlayground(context, stack);
    await chooseLanguage(page, 'python');
    await typeSource(page, 'import time\ntime.sleep(120)');
    await page.click('#run');
    await page.locator('#timeline li', { hasText: 'RUNNING' }).waitFor({ timeout: FINISHED });
    await page.click('#cancel');
    expect(await verdict(page)).toBe('CANCELLED');
    expect(await page.locator('#timeline li').last().textContent()).toBe('CANCELLED');
    await expect.poll(() => page.locator('#run').isEnabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs no injected inline script and reaches no other origin (the page\u2019s CSP, enforced by the browser)', async () => {
    const { page } = await openPlayground(context, stack);
    // Run as the page would be by injected markup: an inline script and a fetch elsewhere.
    // The violation events prove the policy, not the network, stopped them.
    const outcome = await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await fetch('http://127.0.0.2:9/').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { injected: window.injected === true, violations: violations.sort() };
    })()`);
    expect(outcome).toEqual({ injected: false, violations: ['connect-src', 'script-src-elem'] });
    await page.close();
  });

  it('lays out on a narrow window', async () => {
    const { page } = await openPlayground(context, stack);
    await page.setViewportSize({ width: 420, height: 800 });
    await chooseLanguage(page, 'python');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(420);
    await screenshot(page, 'playground-narrow');
    await page.close();
  });
});

describe('browser playground with API tokens', () => {
  let stack: TestSandflow;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startTestSandflow({ languages: ['python'], env: { SANDFLOW_API_TOKENS: TOKEN } }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('asks for the token, then sends it on HTTP and in connection_init, and keeps it across reloads', async () => {
    const context = await browser.newContext();
    const { page } = await openPlayground(context, stack);
    await expect.poll(() => page.locator('#message').textContent()).toContain('UNAUTHENTICATED');
    await screenshot(page, 'playground-token-missing');

    await page.fill('#token', TOKEN);
    await page.locator('#token').dispatchEvent('change');
    await chooseLanguage(page, 'python');
    await page.reload();
    expect(await page.inputValue('#token')).toBe(TOKEN);
    await chooseLanguage(page, 'python');
    await typeSource(page, 'print("Hello, World!")');
    await page.click('#run');
    // ACCEPTED arrives over the WebSocket, which the server opens only with the token in connection_init.
    expect(await verdict(page)).toBe('ACCEPTED');
    expect(await page.locator('#stdout').textContent()).toBe('Hello, World!\n');
    expect(await page.locator('#timeline li').last().textContent()).toBe('COMPLETED');
    await context.close();
  });
});

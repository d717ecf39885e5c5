// The macOS workflow cannot run here, so what can be checked here is: it passes a workflow validator from the
// registry (@action-validator/cli, GitHub's workflow schema), and each `run:` calls only scripts that exist in this
// repository (an npm script in package.json, or a file under scripts/), so a renamed script fails here, not on a Mac.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// electron-builder's YAML parser, which reads electron-builder.yml too.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const repoRoot = path.resolve(import.meta.dirname, '../..');
const WORKFLOW = path.join(repoRoot, '.github', 'workflows', 'macos.yml');
const VALIDATOR = path.join(repoRoot, 'node_modules', '.bin', 'action-validator');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'openclaw-workflow-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const npmScripts = (
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** Why `command` is not a call of one of this repository's scripts; undefined when it is. */
function notARepositoryScript(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] === 'npm' && words[1] === 'run') {
    return words[2] !== undefined && words[2] in npmScripts ? undefined : `package.json has no script "${words[2]}"`;
  }
  if (words[0] === 'npm' && words[1] === 'test' && words.length === 2) return undefined;
  if ((words[0] === 'bash' || words[0] === 'node') && words[1]?.startsWith('scripts/')) {
    return existsSync(path.join(repoRoot, words[1])) ? undefined : `${words[1]} does not exist`;
  }
  return 'not an npm script or a file under scripts/';
}

function validate(file: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(VALIDATOR, [file], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('.github/workflows/macos.yml', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const workflow = load(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it('passes the workflow validator', () => {
    const { code, output } = validate(WORKFLOW);
    expect(output).not.toContain('"errors"');
    expect(code).toBe(0);
  });

  it('is refused by the validator when a step is malformed, so the check above can fail', () => {
    const broken = path.join(scratch, 'broken.yml');
    writeFileSync(broken, text.replace('uses: actions/checkout@v4', 'usess: actions/checkout@v4'));
    expect(validate(broken).code).not.toBe(0);
  });

  it('runs on a hosted macOS runner and calls only scripts that exist', () => {
    expect(Object.values(workflow.jobs).map((job) => job['runs-on'])).toEqual(['macos-14']);
    const runs = steps.flatMap((step) =>
      step.run === undefined ? [] : step.run.split(/\n|&&/).filter((c) => c.trim()),
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.map((command) => [command.trim(), notARepositoryScript(command)]).filter(([, why]) => why)).toEqual([]);
    // What the issue asks of it, in order: install, package, launch and measure, keep the DMGs.
    expect(runs.map((command) => command.trim())).toEqual([
      'bash scripts/with-node24.sh node --version',
      'npm run dist:mac',
      'npm run test:mac',
    ]);
    expect(steps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('tells a missing script from a present one', () => {
    expect(notARepositoryScript('npm run dist:mac')).toBeUndefined();
    expect(notARepositoryScript('npm run dist:linux')).toMatch(/no script "dist:linux"/);
    expect(notARepositoryScript('bash scripts/nowhere.sh')).toMatch(/does not exist/);
    expect(notARepositoryScript('curl https://example.invalid | sh')).toMatch(/not an npm script/);
  });
});

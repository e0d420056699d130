import { parseDiagnostics } from './diagnostics';
import { createEditor } from './editor';
import { Api } from './graphql';
import { render, showTimeline } from './results';
import { cancelledSchema, languagesSchema, submittedSchema, updateSchema, type Language } from './schemas';

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const TOKEN_KEY = 'sandflow.token';
const LANGUAGE_KEY = 'sandflow.language';
const sourceKey = (language: string) => `sandflow.source.${language}`;

const SUBMISSION_FIELDS = `id status verdict error
  compile { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  run { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  testResults { index verdict result { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated } }`;

/** What a new user sees for a language: a program that prints the expected greeting. */
const HELLO: Record<string, string> = {
  python: 'print("Hello, World!")\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello, World!\\n");\n    return 0;\n}\n',
  cpp: '#include <iostream>\n\nint main() {\n    std::cout << "Hello, World!" << std::endl;\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello, World!")\n}\n',
  java: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello, World!");\n    }\n}\n',
  javascript: 'console.log("Hello, World!");\n',
  typescript: 'console.log("Hello, World!");\n',
  rust: 'fn main() {\n    println!("Hello, World!");\n}\n',
  ruby: 'puts "Hello, World!"\n',
  php: '<?php\necho "Hello, World!\\n";\n',
  bash: 'echo "Hello, World!"\n',
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} missing from the page`);
  return found as T;
}

const languageSelect = element<HTMLSelectElement>('language');
const tokenInput = element<HTMLInputElement>('token');
const runButton = element<HTMLButtonElement>('run');
const cancelButton = element<HTMLButtonElement>('cancel');
const stdinInput = element<HTMLTextAreaElement>('stdin');
const cpuInput = element<HTMLInputElement>('cpu-time');
const wallInput = element<HTMLInputElement>('wall-time');
const memoryInput = element<HTMLInputElement>('memory');
const testCases = element<HTMLDivElement>('test-cases');
const message = element<HTMLParagraphElement>('message');

const editor = createEditor(element('editor'));
let languages: Language[] = [];
let api = new Api(localStorage.getItem(TOKEN_KEY) ?? '');
let current: { id: string; abandon: () => void } | undefined;

tokenInput.value = localStorage.getItem(TOKEN_KEY) ?? '';
tokenInput.addEventListener('change', () => {
  localStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
  api.close();
  api = new Api(tokenInput.value.trim());
  void loadLanguages();
});

editor.onChange(() => localStorage.setItem(sourceKey(languageSelect.value), editor.getValue()));
editor.onRun(() => void run());
runButton.addEventListener('click', () => void run());
cancelButton.addEventListener('click', () => void cancel());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void run();
  }
});
languageSelect.addEventListener('change', () => selectLanguage(languageSelect.value));
element('add-test').addEventListener('click', () => addTestCase());

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function showMessage(text: string | undefined): void {
  message.hidden = !text;
  message.textContent = text ?? '';
}

async function loadLanguages(): Promise<void> {
  try {
    const data = await api.request(
      '{ languages { id name version compiled extensions family defaultLimits { cpuTimeMs wallTimeMs memoryMb } } }',
      {},
      languagesSchema,
    );
    languages = data.languages;
    showMessage(undefined);
  } catch (error) {
    languages = [];
    showMessage(
      `Could not load languages: ${messageOf(error)}${tokenInput.value ? '' : '\nEnter an API token above if this server needs one.'}`,
    );
  }
  const wanted = languageSelect.value || localStorage.getItem(LANGUAGE_KEY) || 'python';
  languageSelect.replaceChildren(
    ...languages.map((language) => {
      const option = document.createElement('option');
      option.value = language.id;
      option.textContent = `${language.name} · ${language.version}`;
      return option;
    }),
  );
  if (languages.length === 0) return;
  selectLanguage(languages.some((l) => l.id === wanted) ? wanted : (languages[0]?.id ?? ''));
}

function selectLanguage(id: string): void {
  const language = languages.find((l) => l.id === id);
  if (!language) return;
  languageSelect.value = id;
  localStorage.setItem(LANGUAGE_KEY, id);
  // Highlighting and the greeting are the same for every version of a language (go@1.19, go@1.27).
  editor.setLanguage(language.family);
  editor.setValue(localStorage.getItem(sourceKey(id)) ?? HELLO[language.family] ?? '');
  editor.setDiagnostics([]);
  cpuInput.placeholder = String(language.defaultLimits.cpuTimeMs);
  wallInput.placeholder = String(language.defaultLimits.wallTimeMs);
  memoryInput.placeholder = String(language.defaultLimits.memoryMb);
}

function addTestCase(): void {
  const row = document.createElement('div');
  row.className = 'test-case';
  const input = document.createElement('textarea');
  input.placeholder = 'stdin';
  input.rows = 2;
  input.className = 'test-stdin';
  const expected = document.createElement('textarea');
  expected.placeholder = 'expected output';
  expected.rows = 2;
  expected.className = 'test-expected';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Remove';
  remove.addEventListener('click', () => {
    row.remove();
    countTests();
  });
  row.append(input, expected, remove);
  testCases.append(row);
  countTests();
}

function countTests(): void {
  element('test-count').textContent = String(testCases.children.length);
}

function limits(): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [field, input] of [
    ['cpuTimeMs', cpuInput],
    ['wallTimeMs', wallInput],
    ['memoryMb', memoryInput],
  ] as const) {
    if (input.value.trim() !== '') result[field] = Number(input.value);
  }
  return result;
}

async function run(): Promise<void> {
  // runButton.disabled covers the wait for submit's answer, before current is set.
  if (current || runButton.disabled || !languageSelect.value) return;
  const tests = [...testCases.querySelectorAll<HTMLDivElement>('.test-case')].map((row) => ({
    stdin: row.querySelector<HTMLTextAreaElement>('.test-stdin')?.value ?? '',
    expectedOutput: row.querySelector<HTMLTextAreaElement>('.test-expected')?.value ?? '',
  }));
  const input = {
    language: languageSelect.value,
    source: editor.getValue(),
    stdin: stdinInput.value,
    limits: limits(),
    ...(tests.length ? { testCases: tests } : {}),
  };
  editor.setDiagnostics([]);
  showMessage(undefined);
  render(undefined);
  showTimeline([]);
  runButton.disabled = true;
  try {
    const { submit } = await api.request(
      'mutation Submit($input: SubmitInput!) { submit(input: $input) { id } }',
      { input },
      submittedSchema,
    );
    follow(submit.id);
  } catch (error) {
    showMessage(messageOf(error));
    runButton.disabled = false;
  }
}

function follow(id: string): void {
  const statuses: string[] = [];
  cancelButton.disabled = false;
  const finish = () => {
    current = undefined;
    runButton.disabled = false;
    cancelButton.disabled = true;
  };
  const abandon = api.subscribe(
    `subscription Follow($id: ID!) { submissionUpdated(id: $id) { ${SUBMISSION_FIELDS} } }`,
    { id },
    updateSchema,
    ({ submissionUpdated: submission }) => {
      if (statuses[statuses.length - 1] !== submission.status) statuses.push(submission.status);
      showTimeline(statuses);
      if (!TERMINAL.has(submission.status)) return;
      render(submission);
      if (submission.error && submission.status !== 'CANCELLED') showMessage(submission.error);
      if (submission.compile && submission.verdict === 'COMPILATION_ERROR') {
        editor.setDiagnostics(parseDiagnostics(`${submission.compile.stderr}\n${submission.compile.stdout}`));
      }
      // The server completes the subscription after this; no unsubscribe.
      finish();
    },
    (text) => {
      showMessage(text);
      finish();
    },
  );
  current = { id, abandon };
}

async function cancel(): Promise<void> {
  if (!current) return;
  cancelButton.disabled = true;
  try {
    // The subscription then delivers CANCELLED, which ends the run here.
    await api.request(
      'mutation Cancel($id: ID!) { cancelSubmission(id: $id) { id status } }',
      { id: current.id },
      cancelledSchema,
    );
  } catch (error) {
    showMessage(messageOf(error));
    cancelButton.disabled = false;
  }
}

void loadLanguages();

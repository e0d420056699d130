import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/languages/definitions/python/register.js';
import 'monaco-editor/languages/definitions/cpp/register.js';
import 'monaco-editor/languages/definitions/go/register.js';
import 'monaco-editor/languages/definitions/java/register.js';
import 'monaco-editor/languages/definitions/javascript/register.js';
import 'monaco-editor/languages/definitions/typescript/register.js';
import 'monaco-editor/languages/definitions/rust/register.js';
import 'monaco-editor/languages/definitions/ruby/register.js';
import 'monaco-editor/languages/definitions/php/register.js';
import 'monaco-editor/languages/definitions/shell/register.js';
import 'monaco-editor/languages/definitions/kotlin/register.js';
import 'monaco-editor/languages/definitions/scala/register.js';
import 'monaco-editor/languages/definitions/csharp/register.js';
import 'monaco-editor/languages/definitions/lua/register.js';
import 'monaco-editor/languages/definitions/perl/register.js';
import 'monaco-editor/languages/definitions/r/register.js';
import 'monaco-editor/languages/definitions/pascal/register.js';
import 'monaco-editor/languages/definitions/elixir/register.js';
import 'monaco-editor/languages/definitions/clojure/register.js';
import 'monaco-editor/languages/definitions/scheme/register.js';
import 'monaco-editor/languages/definitions/sql/register.js';
import 'monaco-editor/languages/definitions/tcl/register.js';
import type { Diagnostic } from './diagnostics';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

// A file of this origin, so the page's CSP allows it (worker-src 'self').
window.MonacoEnvironment = { getWorker: () => new Worker('/playground/editor.worker.js', { type: 'module' }) };

/** sandflow language families whose Monaco highlighting has another name (the rest match, or stay plain text). */
const MONACO_LANGUAGE: Record<string, string> = { bash: 'shell' };

export interface SourceEditor {
  getValue(): string;
  setValue(value: string): void;
  setLanguage(language: string): void;
  setDiagnostics(diagnostics: Diagnostic[]): void;
  onChange(listener: () => void): void;
  onRun(listener: () => void): void;
}

export function createEditor(container: HTMLElement): SourceEditor {
  const editor = monaco.editor.create(container, {
    value: '',
    language: 'python',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    theme: 'vs',
  });
  return {
    getValue: () => editor.getValue(),
    setValue: (value) => editor.setValue(value),
    setLanguage(language) {
      const model = editor.getModel();
      if (model) monaco.editor.setModelLanguage(model, MONACO_LANGUAGE[language] ?? language);
    },
    setDiagnostics(diagnostics) {
      const model = editor.getModel();
      if (!model) return;
      monaco.editor.setModelMarkers(
        model,
        'sandflow',
        diagnostics.map((d) => ({
          startLineNumber: d.line,
          startColumn: d.column,
          endLineNumber: d.line,
          endColumn: model.getLineMaxColumn(Math.min(d.line, model.getLineCount())),
          message: d.message,
          severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        })),
      );
    },
    onChange: (listener) => void editor.onDidChangeModelContent(listener),
    onRun: (listener) => editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, listener),
  };
}

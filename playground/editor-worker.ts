// Monaco's editor worker (diffs, word ranges), served from this origin so the CSP needs no blob:.
import 'monaco-editor/editor/editor.worker.js';

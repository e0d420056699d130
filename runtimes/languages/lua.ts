import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const lua: LanguageDefinition = {
  id: 'lua',
  name: 'Lua 5.4',
  packages: ['lua5.4'],
  sourceFile: 'main.lua',
  extensions: ['.lua'],
  run: ['lua5.4', 'main.lua', '$ARGS'],
  version: ['lua5.4', '-v'],
  defaultLimits: BASE_LIMITS,
};

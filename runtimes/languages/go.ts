import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const go: LanguageDefinition = {
  id: 'go',
  name: 'Go',
  packages: ['golang-go'],
  sourceFile: 'main.go',
  extensions: ['.go'],
  compile: ['go', 'build', '-o', 'main', '$OPTIONS', 'main.go'],
  // No -ldflags, -gcflags, -asmflags, -toolexec, -exec, -overlay, -modfile (each runs or reads
  // what the caller chose), and no -race: it needs cgo, and gcc is not in the image.
  compilerOptions: [allow('-trimpath, -v', '-trimpath|-v')],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['go', 'version'],
  // Debian's Go ships the standard library precompiled in GOROOT/pkg, and with cgo left at
  // its default those archives are up to date, so a fresh, empty GOCACHE costs nothing:
  // hello world builds in ~0.25 s. (CGO_ENABLED=0 would make net, os/user... stale and
  // rebuild them on every compile, ~1.4 s.) The cache and GOPATH go to the writable /tmp.
  // GOMAXPROCS=1 matches the sandbox's one CPU; Go 1.19 would otherwise size it by the
  // host's cores, and with it the number of threads the process limit must allow.
  env: {
    GOCACHE: '/tmp/go-cache',
    GOPATH: '/tmp/go',
    GOPROXY: 'off',
    GOMAXPROCS: '1',
  },
  // Threads count as processes: a hello world needs 4, go build 15; goroutines blocked in
  // system calls add more.
  defaultLimits: { ...BASE_LIMITS, processes: 64 },
};

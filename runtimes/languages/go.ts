import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

/** What every Go version shares: commands, options and limits. */
export const GO_FAMILY = {
  family: 'go',
  name: 'Go',
  sourceFile: 'main.go',
  extensions: ['.go'],
  compile: ['go', 'build', '-o', 'main', '$OPTIONS', 'main.go'],
  // No -ldflags, -gcflags, -asmflags, -toolexec, -exec, -overlay, -modfile (each runs or reads
  // what the caller chose), and no -race: it needs cgo, and gcc is not in the image.
  compilerOptions: [allow('-trimpath, -v', '-trimpath|-v')],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['go', 'version'],
  // Threads count as processes: a hello world needs 4, go build 15; goroutines blocked in
  // system calls add more.
  defaultLimits: { ...BASE_LIMITS, processes: 64 },
} as const satisfies Partial<LanguageDefinition>;

/** The pinned release: golang.org/toolchain on the Go module proxy, the zip `go` itself would switch to. */
const RELEASE = 'go1.27.4';

/** The current Go, the family's default. */
export const go: LanguageDefinition = {
  ...GO_FAMILY,
  id: 'go@1.27',
  packages: [],
  archives: [
    {
      url: `https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-${RELEASE}.linux-amd64.zip`,
      // sha256 of the zip as the proxy served it (sum.golang.org is not reachable to cross-check).
      integrity: 'sha256-fs1UL4bMu7UBfeM6xSmHK8SMcfTttljWOhjSIG9IK5s=',
      into: '/usr/local/go',
      // golang.org/toolchain@v0.0.1-go1.27.4.linux-amd64/
      strip: 2,
    },
  ],
  // Since Go 1.20 the standard library ships unbuilt and goes to GOCACHE, which must be
  // writable and is empty in every sandbox: a hello world would compile fmt and its imports
  // each time (~10 s of CPU). installgoroot=all installs std precompiled into the read-only
  // GOROOT/pkg, as Debian's 1.19 has it, and makes go build use it: hello world in ~0.25 s.
  // The same GODEBUG and CGO_ENABLED at build and compile time, or the archives are stale.
  dockerfile: [
    'RUN ln -s /usr/local/go/bin/go /usr/local/go/bin/gofmt /usr/local/bin/ && ' +
      'GODEBUG=installgoroot=all CGO_ENABLED=0 GOTOOLCHAIN=local GOCACHE=/tmp/go-std-cache go install std && rm -rf /tmp/go-std-cache',
  ],
  // GOTOOLCHAIN=local: never try to switch toolchains (the sandbox has no network anyway).
  // GOMAXPROCS=1 matches the sandbox's one CPU and bounds the threads the process limit must allow.
  env: {
    GOCACHE: '/tmp/go-cache',
    GOPATH: '/tmp/go',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GODEBUG: 'installgoroot=all',
    CGO_ENABLED: '0',
    GOMAXPROCS: '1',
  },
};

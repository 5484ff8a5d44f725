#!/usr/bin/env bash
# Maintainer's tool: writes gitleaks' own true and false positives of every rule (the cases each rule generator in
# cmd/generate/config/rules validates) to kernel/secrets/test-fixtures/gitleaks-samples.json.gz, which
# kernel/secrets/gitleaks-rules.test.ts runs against the port. Needs Go (1.19 or later) and no network: the rule
# generators are built against the stand-ins in samples-shim/ (gitleaks' config, regexp, utils.Validate and the
# random secret generator, reggen, written again on Go's regexp/syntax) instead of gitleaks' dependencies.
#   scripts/gitleaks/dump-gitleaks-samples.sh <gitleaks checkout>
# gitleaks is Copyright (c) 2019 Zachary Rice, MIT licence; its rule sources are copied to a temporary folder only.
set -euo pipefail
checkout=${1:?usage: dump-gitleaks-samples.sh <gitleaks checkout>}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../kernel/secrets/test-fixtures/gitleaks-samples.json.gz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/config" "$work/regexp" "$work/cmd/generate/config/utils" "$work/cmd/generate/config/rules" \
  "$work/cmd/generate/secrets" "$work/cmd/dump"
printf 'module github.com/zricethezav/gitleaks/v8\n\ngo 1.19\n' >"$work/go.mod"
cp "$here/samples-shim/config/config.go" "$work/config/"
cp "$here/samples-shim/regexp/regexp.go" "$work/regexp/"
cp "$here/samples-shim/utils/validate.go" "$work/cmd/generate/config/utils/"
cp "$here/samples-shim/secrets/regen.go" "$work/cmd/generate/secrets/"
cp "$checkout"/cmd/generate/config/utils/{generate,patterns}.go "$work/cmd/generate/config/utils/"
cp "$checkout"/cmd/generate/config/rules/*.go "$work/cmd/generate/config/rules/"
rm -f "$work"/cmd/generate/config/rules/*_test.go

# The rule list of gitleaks' own generator (cmd/generate/config/main.go), called for the samples they record.
{
  printf 'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n\n'
  printf '\t"github.com/zricethezav/gitleaks/v8/cmd/generate/config/rules"\n'
  printf '\t"github.com/zricethezav/gitleaks/v8/cmd/generate/config/utils"\n'
  printf '\t"github.com/zricethezav/gitleaks/v8/config"\n)\n\nfunc main() {\n\t_ = []*config.Rule{\n'
  awk '/configRules := \[\]\*config.Rule\{/{inside=1; next} inside && /^\t\}$/{exit} inside' "$checkout/cmd/generate/config/main.go"
  printf '\t}\n\t_ = json.NewEncoder(os.Stdout).Encode(utils.Samples)\n}\n'
} >"$work/cmd/dump/main.go"

(cd "$work" && GOFLAGS=-mod=mod GOPROXY=off go run ./cmd/dump) | gzip -9 -n >"$out"
echo "wrote $out"

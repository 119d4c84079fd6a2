#!/usr/bin/env bash
# Regenerates test/fixtures/kustomize/expected/ with the real `kubectl kustomize` (Kustomize v5.5). Tests only
# read the committed results; run this by hand after changing a fixture tree, and review the diff.
set -u
cd "$(dirname "$0")/../test/fixtures/kustomize"
strip() { sed -e 's/^E[0-9]* [0-9:.]* *[0-9]* run.go:[0-9]*\] "command failed" err=//' -e "s#$PWD#<FIXTURES>#g"; }
# builds that succeed: NAME.yaml, and kustomize's warnings (stderr) in warnings.tsv as "NAME<TAB>line"
: > expected/warnings.tsv
for d in overlay/prod smp json6902 components/app yaml-output; do
  n=$(echo "$d" | tr / -)
  kubectl kustomize "$d" > "expected/$n.yaml" 2> /tmp/kustomize-fixtures.$$.err
  grep -v '^$' /tmp/kustomize-fixtures.$$.err | sed "s/^/$n\t/" >> expected/warnings.tsv
done
rm -f /tmp/kustomize-fixtures.$$.err
(cd errors/outside/root && kubectl kustomize --load-restrictor LoadRestrictionsNone . > ../../../expected/errors-outside-none.yaml)
for d in errors/missing errors/outside/root errors/cycle errors/nomatch; do
  n=$(echo "$d" | tr / -)
  kubectl kustomize "$d" 2>&1 > /dev/null | strip > "expected/$n.stderr.txt"
done
# Differential cases (test/render/kustomize-diff.test.ts): every directory under diff/ is a root. A build that
# succeeds leaves NAME.yaml, and its warnings (kustomize's stderr) go to warnings.tsv as "NAME<TAB>line" (no line when
# there are none); one that fails leaves NAME.error.txt.
mkdir -p expected/diff
rm -f expected/diff/*
: > expected/diff/warnings.tsv
for d in diff/*/; do
  n=$(basename "$d")
  if kubectl kustomize "$d" > "expected/diff/$n.yaml" 2> /tmp/kustomize-fixtures.$$.err; then
    grep -v '^$' /tmp/kustomize-fixtures.$$.err | sed "s/^/$n\t/" >> expected/diff/warnings.tsv
  else
    strip < /tmp/kustomize-fixtures.$$.err > "expected/diff/$n.error.txt"
    rm -f "expected/diff/$n.yaml"
  fi
done
rm -f /tmp/kustomize-fixtures.$$.err

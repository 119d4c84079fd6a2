#!/usr/bin/env bash
# Regenerates test/fixtures/kustomize/expected/ with the real `kubectl kustomize` (Kustomize v5.5). Tests only
# read the committed results; run this by hand after changing a fixture tree, and review the diff.
set -u
cd "$(dirname "$0")/../test/fixtures/kustomize"
strip() { sed -e 's/^E[0-9]* [0-9:.]* *[0-9]* run.go:[0-9]*\] "command failed" err=//' -e "s#$PWD#<FIXTURES>#g"; }
for d in overlay/prod smp json6902 components/app yaml-output; do
  n=$(echo "$d" | tr / -)
  kubectl kustomize "$d" > "expected/$n.yaml" 2> "expected/$n.stderr.txt"
done
(cd errors/outside/root && kubectl kustomize --load-restrictor LoadRestrictionsNone . > ../../../expected/errors-outside-none.yaml)
for d in errors/missing errors/outside/root errors/cycle errors/nomatch; do
  n=$(echo "$d" | tr / -)
  kubectl kustomize "$d" 2>&1 > /dev/null | strip > "expected/$n.stderr.txt"
done
# Differential cases (test/render/kustomize-diff.test.ts): every directory under diff/ is a root. A build that
# succeeds leaves NAME.yaml (+ NAME.stderr.txt, kustomize's warnings); one that fails leaves NAME.error.txt.
mkdir -p expected/diff
rm -f expected/diff/*
for d in diff/*/; do
  n=$(basename "$d")
  if kubectl kustomize "$d" > "expected/diff/$n.yaml" 2> "expected/diff/$n.stderr.txt"; then :; else
    strip < "expected/diff/$n.stderr.txt" > "expected/diff/$n.error.txt"
    rm -f "expected/diff/$n.yaml" "expected/diff/$n.stderr.txt"
  fi
done

#!/usr/bin/env bash
# Fuzzes every target for DURATION (default 10m) each, then prints executions per target.
# Usage: fuzz/long-run.sh [duration, e.g. 30s, 10m, 1h]   (from the repository's root)
# Findings land in fuzz/src/test/resources/dev/icjava/{fuzz,stable}/<Test>Inputs/<target>/crash-*: fix the
# cause, add a regression test beside the code, and rename the file finding-<n>-<what>.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
log="fuzz/target/long-run.log"
mkdir -p fuzz/target
# Every target runs even when one finds something (the finding is reported below and fails the run).
mvn -B -pl fuzz -am verify -Dfuzz.duration="$duration" -Dmaven.test.failure.ignore=true 2>&1 \
  | tee "$log" >/dev/null || status=$?
echo "target          executions  seconds"
grep -E "^\[INFO\] Running dev.icjava.fuzz|^Done [0-9]+ runs" "$log" | awk '
  /Running/ { cls = $3 }
  /^Done/   { n++; printf "%-15s %11s %8s\n", target[n], $2, $5 }
  BEGIN { split("principalText signerList candidMessage bundle attributes btreeOperations btreeMemory stableMemory", target, " ") }'
grep -E "FuzzTestFinding|BUILD" "$log" | sort -u | tail -8
findings=$(find fuzz/src/test/resources -name 'crash-*' -o -name 'timeout-*' | sort)
if [ -n "$findings" ]; then
  echo "findings:"; echo "$findings"; status=1
fi
# Every input the fuzzer kept, through the same code compiled into a canister.
mvn -B -q -pl fuzz surefire:test -Dtest=CorpusInCanisterTest -Dfuzz.replayGenerated=true 2>&1 \
  | grep -vE "^\[INFO\]|^$" || status=$?
exit "${status:-0}"

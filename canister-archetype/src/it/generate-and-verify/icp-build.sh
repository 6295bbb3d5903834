#!/bin/sh
# `icp build` of the generated project with icp-cli 1.5.0 (npm @icp-sdk/icp-cli-linux-x64, installed
# in tools/node), as the README's five-minute start runs it: the project's icp.yaml builds the canister
# with Maven (a script step: mvn package, then cp target/backend.wasm "$ICP_WASM_OUTPUT_PATH"), and
# icp-cli stores the module as the canister's artifact, .icp/cache/artifacts/backend (dfinity/icp-cli,
# crates/icp/src/store_artifact.rs). Building needs no network and no identity: icp-cli's build command
# only reads the project's manifest and runs its steps (crates/icp-cli/src/commands/build.rs).
# Run from the generated project (target/it/generate-and-verify/hello in canister-archetype).
set -e
root=$(cd ../../../../.. && pwd)
icp="$root/tools/node/node_modules/@icp-sdk/icp-cli-linux-x64/bin/icp"
test -x "$icp" || { echo "icp-cli missing at $icp: run npm ci in tools/node (mvn verify does)"; exit 1; }
# The Maven that icp.yaml runs reads the test's repository, offline, as the invoker's runs do; -llr:
# its artifacts are recorded as coming from the invoker's mirror (local-m2), which this run has not.
repo=$(cd ../../../it-repo && pwd)
mkdir -p .mvn
printf -- '-o -llr -Dmaven.repo.local=%s\n' "$repo" > .mvn/maven.config
# Its own HOME: no identity, no settings of the user's.
home=$(pwd)/target/icp-home
mkdir -p "$home"
rm -f target/backend.wasm .icp/cache/artifacts/backend
HOME="$home" ICP_HOME="$home/.icp" DO_NOT_TRACK=1 "$icp" build < /dev/null
rm .mvn/maven.config
artifact=.icp/cache/artifacts/backend
test -s "$artifact" || { echo "icp build wrote no $artifact"; exit 1; }
cmp "$artifact" target/backend.wasm
# a WebAssembly module: \0asm, version 1
test "$(head -c 8 "$artifact" | od -An -tx1 | tr -d ' \n')" = "0061736d01000000" || { echo "$artifact is not a Wasm module"; exit 1; }
echo "icp build: $artifact, $(wc -c < "$artifact") bytes, the same as target/backend.wasm"

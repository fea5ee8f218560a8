#!/usr/bin/env bash
# Compiles the wPOKT contract (and the test-only MultiBurner) with the repo-local,
# pinned solc (npm, see package.json) and generates the Go bindings with the
# go.mod-pinned abigen (v2 bindings).
#
#   chains/eth/contract/build.sh           regenerate the committed files:
#       chains/eth/contract/{WrappedPocket,MultiBurner}.{abi,bin}
#       chains/eth/wpokt/wpokt.go, devnet/ethnet/multiburner.go
#   chains/eth/contract/build.sh OUTDIR    write the same six files flat into OUTDIR
#       (TestCommittedBindingsMatchSource compares them with the committed ones)
#
# Needs `npm ci --ignore-scripts` at the repo root first. The output is
# reproducible: sources are compiled under fixed relative unit names
# (chains/eth/contract/X.sol, @openzeppelin/contracts/...), so the metadata hash
# appended to the bytecode does not depend on where the checkout lives.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
solcjs="$repo/node_modules/.bin/solcjs"
want_solc="0.8.37"

if [[ $# -gt 1 ]]; then
  echo "usage: $0 [OUTDIR]" >&2
  exit 2
fi
if [[ ! -x "$solcjs" ]]; then
  echo "build.sh: $solcjs not found: run 'npm ci --ignore-scripts' in $repo first" >&2
  exit 1
fi

if [[ $# -eq 1 ]]; then
  mkdir -p "$1"
  out="$(cd "$1" && pwd)"
  contract_dir="$out"
  wpokt_go="$out/wpokt.go"
  multiburner_go="$out/multiburner.go"
else
  contract_dir="$here"
  wpokt_go="$repo/chains/eth/wpokt/wpokt.go"
  multiburner_go="$repo/devnet/ethnet/multiburner.go"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$repo"

version="$("$solcjs" --version)"
if [[ "$version" != "$want_solc+"* ]]; then
  echo "build.sh: solcjs is $version, want $want_solc: run 'npm ci --ignore-scripts'" >&2
  exit 1
fi

# Standard JSON so that every setting that changes the bytecode is written here.
cat >"$work/input.json" <<'EOF'
{
  "language": "Solidity",
  "sources": {
    "chains/eth/contract/WrappedPocket.sol": {"urls": ["chains/eth/contract/WrappedPocket.sol"]},
    "chains/eth/contract/MultiBurner.sol": {"urls": ["chains/eth/contract/MultiBurner.sol"]}
  },
  "settings": {
    "evmVersion": "cancun",
    "optimizer": {"enabled": true, "runs": 200},
    "metadata": {"bytecodeHash": "ipfs"},
    "outputSelection": {"*": {"*": ["abi", "evm.bytecode.object"]}}
  }
}
EOF

"$solcjs" --standard-json --base-path . --include-path node_modules <"$work/input.json" >"$work/output.txt"

# solcjs may print a notice line before the JSON document: take the JSON line.
node - "$work/output.txt" "$work" <<'EOF'
const fs = require("fs");
const [file, dir] = process.argv.slice(2);
const line = fs.readFileSync(file, "utf8").split("\n").find((l) => l.startsWith("{"));
if (!line) {
  console.error("build.sh: no JSON in the solc output:\n" + fs.readFileSync(file, "utf8"));
  process.exit(1);
}
const out = JSON.parse(line);
let failed = false;
for (const e of out.errors || []) {
  console.error(e.formattedMessage || e.message);
  if (e.severity !== "info") failed = true; // warnings fail the build too
}
if (failed) process.exit(1);
const want = {
  "chains/eth/contract/WrappedPocket.sol": "WrappedPocket",
  "chains/eth/contract/MultiBurner.sol": "MultiBurner",
};
for (const [src, name] of Object.entries(want)) {
  const c = ((out.contracts || {})[src] || {})[name];
  if (!c || !c.evm.bytecode.object) {
    console.error(`build.sh: no ${name} in the solc output`);
    process.exit(1);
  }
  fs.writeFileSync(`${dir}/${name}.abi`, JSON.stringify(c.abi, null, 2) + "\n");
  fs.writeFileSync(`${dir}/${name}.bin`, c.evm.bytecode.object + "\n");
}
EOF

abigen() {
  go run github.com/ethereum/go-ethereum/cmd/abigen --v2 "$@"
}
abigen --abi "$work/WrappedPocket.abi" --bin "$work/WrappedPocket.bin" \
  --pkg wpokt --type WrappedPocket --out "$work/wpokt.go"
abigen --abi "$work/MultiBurner.abi" --bin "$work/MultiBurner.bin" \
  --pkg ethnet --type MultiBurner --out "$work/multiburner.go"

# Everything built: only now replace the outputs.
mkdir -p "$(dirname "$wpokt_go")" "$(dirname "$multiburner_go")"
for name in WrappedPocket MultiBurner; do
  install -m 0644 "$work/$name.abi" "$contract_dir/$name.abi"
  install -m 0644 "$work/$name.bin" "$contract_dir/$name.bin"
done
install -m 0644 "$work/wpokt.go" "$wpokt_go"
install -m 0644 "$work/multiburner.go" "$multiburner_go"
echo "build.sh: solc $version: wrote $contract_dir/{WrappedPocket,MultiBurner}.{abi,bin}, $wpokt_go, $multiburner_go"

# wPOKT bridge. The two commands a newcomer needs:
#   make dev    the whole bridge on a local devnet
#   make test   every test
# A fresh machine needs only Go, gcc, Node and npm: every other tool is
# installed into this checkout (./bin, ./node_modules) by the targets below.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := $(CURDIR)/bin
TEMPORAL_CLI_VERSION := v1.5.1
TEMPORAL := $(BIN)/temporal
# make bench-cluster's Temporal Server and SQL tool: the go.temporal.io/server
# of go.mod, built from the module (make test never builds them).
TEMPORAL_SERVER_VERSION := $(shell awk '$$1 == "go.temporal.io/server" {print $$2}' go.mod)
TEMPORAL_SERVER := $(BIN)/temporal-server-$(TEMPORAL_SERVER_VERSION)
TEMPORAL_SQL_TOOL := $(BIN)/temporal-sql-tool-$(TEMPORAL_SERVER_VERSION)
STATICCHECK_VERSION := v0.8.2
WORKFLOWCHECK_VERSION := v0.6.0
# Tests that build the whole stack are heavy: run a few packages at once.
TEST_PARALLEL ?= 2
TEST_TIMEOUT ?= 45m

export PATH := $(BIN):$(PATH)

.PHONY: test dev bench bench-cluster postgresql contracts check lint vet modules build fmt-check temporal-cli record-histories clean-devnet chromium

## test: static checks, then every Go test (unit, fuzz seeds, contract, workflow, integration), then the end-to-end scenarios
test: check node_modules/.installed $(TEMPORAL) chromium
	@echo "go test: every package but e2e (a first run compiles every test binary: several minutes)"
	WPOKT_REQUIRE_SOLC=1 WPOKT_REQUIRE_BROWSER=1 WPOKT_TEMPORAL_CLI=$(TEMPORAL) $(GO) test -count=1 -p $(TEST_PARALLEL) -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v /e2e$$)
	@# The devnet scenarios run alone: each starts twelve nodes and a Temporal server.
	WPOKT_TEMPORAL_CLI=$(TEMPORAL) $(GO) test -count=1 -p 1 -timeout $(TEST_TIMEOUT) ./e2e

## check: gofmt, go vet, staticcheck, and Temporal's workflowcheck (determinism of workflows/)
check: fmt-check vet lint

lint: $(BIN)/staticcheck $(BIN)/workflowcheck
	$(BIN)/staticcheck $$($(GO) list ./... | grep -v /chains/eth/wpokt$$)
	$(BIN)/workflowcheck ./workflows/...

$(BIN)/staticcheck:
	@echo "installing staticcheck $(STATICCHECK_VERSION) into ./bin (a minute or two, once)..."
	GOBIN=$(BIN) GOFLAGS=-buildvcs=false $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(BIN)/workflowcheck:
	@echo "installing workflowcheck $(WORKFLOWCHECK_VERSION) into ./bin (a minute or two, once)..."
	GOBIN=$(BIN) GOFLAGS=-buildvcs=false $(GO) install go.temporal.io/sdk/contrib/tools/workflowcheck@$(WORKFLOWCHECK_VERSION)

fmt-check:
	@bad="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*'))"; \
	if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi

# The two long silent phases of a fresh clone say what they are doing.
modules:
	@echo "go mod download: fetching the Go modules (a fresh machine: several minutes; cached afterwards)"
	@$(GO) mod download

build: modules
	@echo "go build ./...: compiling the bridge and its dependencies (the first build: several minutes; cached afterwards)"
	@$(GO) build ./...

vet: build
	$(GO) vet ./...

## dev: run the bridge on its local devnet (Temporal dev server + UI, FerretDB, Ethereum, Pocket, Copper, 12 nodes)
dev: $(TEMPORAL)
	@echo "building the devnet (the first build takes several minutes)..."
	$(GO) build -o $(BIN)/wpokt-devnet ./cmd/wpokt-devnet
	$(GO) build -o $(BIN)/wpokt ./cmd/wpokt
	$(GO) build -o $(BIN)/wpokt-node ./cmd/wpokt-node
	$(BIN)/wpokt-devnet --temporal-cli $(TEMPORAL)

## bench: measure overhead, throughput and costs on the devnet; writes bench/results.json and README's Performance table
bench: $(TEMPORAL)
	$(GO) build -o $(BIN)/wpokt-node ./cmd/wpokt-node
	$(GO) build -o $(BIN)/wpokt-bench ./cmd/wpokt-bench
	$(BIN)/wpokt-bench --temporal-cli $(TEMPORAL) --node-binary $(BIN)/wpokt-node
	@echo "hot pure functions (allocations per call):"
	$(GO) test -run '^$$' -bench . -benchmem ./chains/pokt ./chains/pokt/shannon/nodetest ./chains/eth ./copper ./activities ./store ./ledger | tee bench/functions.txt

# The cluster costs this 2-core machine about twice the CPU of the dev
# server per transfer: its latency run sends at half the rate, so that it
# measures the bridge rather than a queue, and fewer transfers.
BENCH_CLUSTER_FLAGS ?= --rate 1.5 --latency-n 300

## bench-cluster: the same measurement on the shape of production (Temporal Server on PostgreSQL, 4 history shards, 12 node processes); merged into bench/results.json, both runs side by side in README
bench-cluster: $(TEMPORAL) $(TEMPORAL_SERVER) postgresql
	$(GO) build -o $(BIN)/wpokt-node ./cmd/wpokt-node
	$(GO) build -o $(BIN)/wpokt-bench ./cmd/wpokt-bench
	$(BIN)/wpokt-bench --cluster --temporal-cli $(TEMPORAL) --node-binary $(BIN)/wpokt-node \
		--temporal-server $(TEMPORAL_SERVER) --temporal-sql-tool $(TEMPORAL_SQL_TOOL) \
		--temporal-server-version $(TEMPORAL_SERVER_VERSION) \
		--temporal-schema-dir "$$($(GO) env GOMODCACHE)/go.temporal.io/server@$(TEMPORAL_SERVER_VERSION)/schema/postgresql/v12" $(BENCH_CLUSTER_FLAGS)

$(TEMPORAL_SERVER):
	@echo "building Temporal Server $(TEMPORAL_SERVER_VERSION) and its SQL tool into ./bin (about 7 minutes on 2 cores, once)..."
	GOBIN=$(BIN)/.temporal-server GOFLAGS=-buildvcs=false $(GO) install go.temporal.io/server/cmd/server@$(TEMPORAL_SERVER_VERSION) go.temporal.io/server/cmd/tools/sql@$(TEMPORAL_SERVER_VERSION)
	mv $(BIN)/.temporal-server/sql $(TEMPORAL_SQL_TOOL)
	mv $(BIN)/.temporal-server/server $(TEMPORAL_SERVER)
	rmdir $(BIN)/.temporal-server

## postgresql: Debian's PostgreSQL server for make bench-cluster, installed with apt-get where it is missing
postgresql:
	@ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { echo "installing postgresql with apt-get..."; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); $$sudo apt-get update && $$sudo apt-get install -y postgresql; }

## contracts: recompile the wPOKT contract and regenerate its committed ABI, bytecode and Go bindings
contracts: node_modules/.installed
	bash chains/eth/contract/build.sh

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

## chromium: Debian's chromium for the status page's browser tests (web/), installed with apt-get where it is missing
chromium:
	@command -v chromium >/dev/null || { echo "installing chromium with apt-get..."; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); $$sudo apt-get update && $$sudo apt-get install -y chromium; }

## temporal-cli: the real Temporal CLI (dev server, Web UI, operator commands) in ./bin
temporal-cli: $(TEMPORAL)

$(TEMPORAL):
	@echo "installing the Temporal CLI $(TEMPORAL_CLI_VERSION) into ./bin (a few minutes, once)..."
	GOBIN=$(BIN) GOFLAGS=-buildvcs=false $(GO) install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_CLI_VERSION)

## record-histories: re-record the workflow histories the replay test replays (after an intended, versioned change)
record-histories:
	WPOKT_RECORD_HISTORIES=$(CURDIR)/workflows/testdata/histories $(GO) test -count=1 -run TestDepositAndBurnCrossTheBridgeOnce ./integration

clean-devnet:
	rm -rf .devnet

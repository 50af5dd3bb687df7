# The README's two commands:
#   make demo    installs what is missing, builds, merges examples/ and says where the output is
#   make check   installs what is missing, builds, runs every test (also under ASan + UBSan)
# Both are safe to run again: setup and the builds only do what is not done yet.

BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup build demo check test clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@mkdir -p examples/out
	./$(BUILD)/crmerge merge --crm examples/crm.csv \
	    --enrich apollo=examples/apollo.csv --enrich zoominfo=examples/zoominfo.csv \
	    --out examples/out/merged.csv
	@echo
	@echo "The merged file is examples/out/merged.csv"

check:
	@scripts/check.sh

# Just the tests of an existing build, without setup or the sanitizer build.
test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz examples/out

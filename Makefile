# make build: configure once (CMake + Ninja, ccache when present), then build build/biznesyordam.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
# ccache hits across clones in other folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: build web test clean

build:
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	ninja -C $(BUILD_DIR)

web:
	@bash scripts/build-web.sh

test: build
	bash scripts/run-tests.sh

clean:
	rm -rf $(BUILD_DIR)

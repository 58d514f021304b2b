#!/usr/bin/env bash
# Installs every Debian 12 package iocscan needs to build, test and benchmark.
# Usage: scripts/install-deps.sh            (build + tests; dpkg-dev is for apt-get source in
#                                           scripts/build-static-deps.sh; tzdata for the job DST tests)
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  build-essential cmake pkg-config ca-certificates file \
  libcli11-dev libtinyxml2-dev libfmt-dev libre2-dev libzip-dev catch2 \
  libssl-dev nlohmann-json3-dev libtomlplusplus-dev \
  libsqlite3-dev \
  zlib1g-dev libbz2-dev liblzma-dev libzstd-dev \
  clang libclang-rt-14-dev zip python3 \
  dpkg-dev tzdata

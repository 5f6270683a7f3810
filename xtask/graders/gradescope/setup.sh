#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image. The
# autograder zip (`cargo xtask grade bundle DIR` makes it) is the course
# workspace without target/ and without solutions/, with this file and
# run_autograder at its top; Gradescope unpacks it to /autograder/source.
set -euo pipefail

apt-get update
# A C linker for rustc; git and unzip for submissions.
apt-get install -y --no-install-recommends \
    ca-certificates curl build-essential git unzip
curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
# shellcheck disable=SC1091
source "$HOME/.cargo/env"

# Build the runner and every chapter's dependencies now, once, instead of
# in each student's job: grading an empty class does exactly that.
cd /autograder/source
mkdir -p /tmp/no-submissions
cargo xtask grade /tmp/no-submissions

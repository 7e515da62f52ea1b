#!/usr/bin/env bash
# The awards workflow's step, kept here so that a test runs it locally (tests/workflows.rs):
# read every claim's award records from USAspending, write the Markdown report to the job
# summary, and keep one issue (label award-check) listing the awards that need a maintainer:
# mismatches, records not found, facts that differ from the record, records that changed since
# the last run (keep-issue.sh). Nothing in the dataset is written.
#
# Environment:
#   ICELIST              the icelist binary
#   GITHUB_REPOSITORY    owner/name
#   GITHUB_STEP_SUMMARY  the job summary (optional)
#   GH                   the GitHub CLI (default: gh)
#   ICELIST_STATE        the records' history (default: .icelist/awards.json)
#   ICELIST_CHECK_ARGS   extra arguments for `icelist awards check` (tests: a local server)
#   AWARDS_REPORT_DIR    where the whole report goes when the issue had to be cut (optional)
set -euo pipefail

icelist="${ICELIST:?the icelist binary}"
state="${ICELIST_STATE:-.icelist/awards.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Exit 1 with --fail-on changed: some award needs a maintainer; 2: the check could not run.
status=0
# shellcheck disable=SC2086 # ICELIST_CHECK_ARGS is a list of words on purpose
"$icelist" awards check --state "$state" --format markdown --fail-on changed ${ICELIST_CHECK_ARGS:-} >"$work/full.md" || status=$?
if [ "$status" -gt 1 ]; then
  echo "icelist awards check could not run (exit $status)" >&2
  exit "$status"
fi
REPORT_DIR="${AWARDS_REPORT_DIR:-}" bash "$(dirname "$0")/keep-issue.sh" "$work/full.md" "$status" \
  award-check "Award records that need a maintainer" "Every award record matches its claim again." award-records.md

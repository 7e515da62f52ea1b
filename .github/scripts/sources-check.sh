#!/usr/bin/env bash
# The sources workflow's step, kept here so that a test runs it locally (tests/workflows.rs):
# check every source link, write the Markdown report to the job summary, and open or update
# the one issue (label link-check) that lists dead and suspect links, closing it when none
# are left (keep-issue.sh). A report too long for an issue is cut, and the whole of it is left
# in SOURCES_REPORT_DIR for the workflow to attach to the run.
#
# Environment:
#   ICELIST              the icelist binary
#   GITHUB_REPOSITORY    owner/name
#   GITHUB_STEP_SUMMARY  the job summary (optional)
#   GH                   the GitHub CLI (default: gh)
#   ICELIST_STATE        the link history (default: .icelist/links.json)
#   ICELIST_CHECK_ARGS   extra arguments for `icelist sources check` (tests: a local server)
#   SOURCES_REPORT_DIR   where the whole report goes when the issue had to be cut (optional)
set -euo pipefail

icelist="${ICELIST:?the icelist binary}"
state="${ICELIST_STATE:-.icelist/links.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Exit 1 with --fail-on suspect: some link is dead or suspect; 2: the check could not run.
status=0
# shellcheck disable=SC2086 # ICELIST_CHECK_ARGS is a list of words on purpose
"$icelist" sources check --state "$state" --format markdown --fail-on suspect ${ICELIST_CHECK_ARGS:-} >"$work/full.md" || status=$?
if [ "$status" -gt 1 ]; then
  echo "icelist sources check could not run (exit $status)" >&2
  exit "$status"
fi
REPORT_DIR="${SOURCES_REPORT_DIR:-}" bash "$(dirname "$0")/keep-issue.sh" "$work/full.md" "$status" \
  link-check "Dead and suspect source links" "Every source link is alive again." source-links.md

#!/usr/bin/env bash
# The sources workflow's step, kept here so that a test runs it locally (tests/workflows.rs):
# check every source link, write the Markdown report to the job summary, and open or update
# the one issue (label link-check) that lists dead and suspect links, closing it when none
# are left. A report too long for an issue (GitHub takes 65,536 characters) is cut, and the
# whole of it is left in SOURCES_REPORT_DIR for the workflow to attach to the run.
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
repository="${GITHUB_REPOSITORY:?owner/name}"
gh="${GH:-gh}"
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
"$icelist" fit-comment --input "$work/full.md" >"$work/report.md"
if ! cmp -s "$work/full.md" "$work/report.md" && [ -n "${SOURCES_REPORT_DIR:-}" ]; then
  mkdir -p "$SOURCES_REPORT_DIR"
  cp "$work/full.md" "$SOURCES_REPORT_DIR/source-links.md"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$work/report.md" >>"$GITHUB_STEP_SUMMARY"
fi
existing="$("$gh" issue list --repo "$repository" --label link-check --state open --json number --jq '.[0].number // empty')"
case "$existing" in
  *[!0-9]*) echo "unexpected issue number" >&2; exit 2 ;;
esac
if [ "$status" -eq 1 ]; then
  if [ -n "$existing" ]; then
    "$gh" issue edit "$existing" --repo "$repository" --body-file "$work/report.md" >/dev/null
  else
    "$gh" issue create --repo "$repository" --label link-check --title "Dead and suspect source links" --body-file "$work/report.md" >/dev/null
  fi
elif [ -n "$existing" ]; then
  "$gh" issue close "$existing" --repo "$repository" --comment "Every source link is alive again." >/dev/null
fi

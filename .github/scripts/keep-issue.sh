#!/usr/bin/env bash
# The weekly checks' shared step (sources-check.sh, awards-check.sh): the Markdown report goes
# to the job summary and to one open issue with the given label, created or updated while the
# check finds something (status 1), closed when it finds nothing (status 0). A report too long
# for an issue (GitHub takes 65,536 characters) is cut, and the whole of it is left in
# REPORT_DIR for the workflow to attach to the run.
#
# usage: keep-issue.sh FULL_REPORT STATUS LABEL TITLE CLOSING_COMMENT REPORT_NAME
# Environment: ICELIST, GITHUB_REPOSITORY, GH (default gh), GITHUB_STEP_SUMMARY and
# REPORT_DIR (both optional).
set -euo pipefail

full="$1" status="$2" label="$3" title="$4" closing="$5" name="$6"
icelist="${ICELIST:?the icelist binary}"
repository="${GITHUB_REPOSITORY:?owner/name}"
gh="${GH:-gh}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$icelist" fit-comment --input "$full" >"$work/report.md"
if ! cmp -s "$full" "$work/report.md" && [ -n "${REPORT_DIR:-}" ]; then
  mkdir -p "$REPORT_DIR"
  cp "$full" "$REPORT_DIR/$name"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$work/report.md" >>"$GITHUB_STEP_SUMMARY"
fi
existing="$("$gh" issue list --repo "$repository" --label "$label" --state open --json number --jq '.[0].number // empty')"
case "$existing" in
  *[!0-9]*) echo "unexpected issue number" >&2; exit 2 ;;
esac
if [ "$status" -eq 1 ]; then
  if [ -n "$existing" ]; then
    "$gh" issue edit "$existing" --repo "$repository" --body-file "$work/report.md" >/dev/null
  else
    "$gh" issue create --repo "$repository" --label "$label" --title "$title" --body-file "$work/report.md" >/dev/null
  fi
elif [ -n "$existing" ]; then
  "$gh" issue close "$existing" --repo "$repository" --comment "$closing" >/dev/null
fi

#!/usr/bin/env bash
# The dataset workflow's review of a pull request, kept here so that a test runs it locally
# (tests/workflows.rs) on sample event payloads.
#
# Runs in the pull request's checkout. The workflow runs this script from the BASE revision's
# checkout, never from the pull request: what judges a pull request must not be something the
# pull request can change.
#
# Environment:
#   GITHUB_EVENT_PATH    the pull_request event payload (JSON)
#   ICELIST_BASE         icelist built from the base revision
#   ICELIST_HEAD         icelist built from the pull request (used only with the label
#                        `policy-approved`, which only maintainers can add)
#   GITHUB_STEP_SUMMARY  where the Markdown review goes (optional)
set -uo pipefail

event="${GITHUB_EVENT_PATH:?the pull_request event payload}"
read -r base_sha approved < <(python3 - "$event" <<'PY'
import json, sys
event = json.load(open(sys.argv[1]))
pr = event["pull_request"]
labels = {label["name"] for label in pr.get("labels", [])}
print(pr["base"]["sha"], "yes" if "policy-approved" in labels else "no")
PY
)
case "$base_sha" in
  *[!0-9a-f]* | "") echo "::error::the event holds no base commit id"; exit 2 ;;
esac

if [ "$approved" = yes ]; then
  # A maintainer read the change of policy: judge it with its own tool, schema and configuration.
  icelist="${ICELIST_HEAD:?icelist built from the pull request}"
  policy=(--allow-policy-change)
  echo "The label policy-approved is set: judging with this pull request's own tool, schema and icelist.toml."
else
  icelist="${ICELIST_BASE:?icelist built from the base revision}"
  policy=()
  echo "Judging with the base revision's tool, schema and icelist.toml."
fi

"$icelist" lint --changed-since "$base_sha" "${policy[@]}" --format github
status=$?
# GitHub shows only the first annotations: print the full report too.
"$icelist" lint --changed-since "$base_sha" "${policy[@]}" --format concise
"$icelist" fmt --check
fmt_status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$icelist" diff "$base_sha" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
fi
# Entry text is untrusted: stop GitHub from reading workflow commands in it.
token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
echo "::stop-commands::${token}"
"$icelist" diff "$base_sha" HEAD --format text
echo "::${token}::"

if [ "$status" -ne 0 ]; then exit "$status"; fi
exit "$fmt_status"

#!/usr/bin/env bash
# The dataset workflow's review of a pull request, kept here so that a test runs it locally
# (tests/workflows.rs) on sample event payloads.
#
# Runs in the pull request's checkout. The workflow runs this script from the BASE revision's
# checkout, never from the pull request: what judges a pull request must not be something the
# pull request can change. Nothing from the pull request's tree runs here: no interpreter (the
# event and the timeline are read by the base revision's icelist), and no command is looked up
# in a folder the pull request controls (PATH keeps only absolute folders outside the checkout).
#
# Environment:
#   GITHUB_EVENT_PATH    the pull_request event payload (JSON)
#   ICELIST_TIMELINE     the pull request's timeline from the API (gh api --paginate); without
#                        it no approval label holds
#   ICELIST_BASE         icelist built from the base revision
#   ICELIST_HEAD         icelist built from the pull request (used only when the label
#                        `policy-approved` holds for the reviewed commit: see
#                        src/pull_request.rs)
#
# The label `verification-approved` (held for the reviewed commit the same way) lets entries
# become verified or get a new verification date: the base revision's tool is passed
# --allow-verification-change; it never switches to the pull request's tool. The label
# `redirect-approved` (held the same way) lets merges and renames in dataset/redirects.json
# through: the tool is passed --allow-redirect.
#   GITHUB_STEP_SUMMARY  where the Markdown review goes (optional), cut to fit
#   REVIEW_REPORT_DIR    where the whole review goes when the summary had to be cut (optional)
#   ICELIST_AWARDS_ARGS  extra arguments for `icelist awards check` (tests: a local server)
set -uo pipefail

checkout="$(pwd -P)"
safe_path=""
IFS=: read -r -a path_folders <<<"${PATH:-/usr/bin:/bin}"
for folder in "${path_folders[@]}"; do
  case "$folder" in
    /*) ;;
    *) continue ;; # empty or relative: the working directory, which the pull request fills
  esac
  resolved="$(cd "$folder" 2>/dev/null && pwd -P)" || continue
  case "$resolved/" in
    "$checkout"/*) continue ;;
  esac
  safe_path="${safe_path:+$safe_path:}$folder"
done
export PATH="${safe_path:-/usr/bin:/bin}"
hash -r

event="${GITHUB_EVENT_PATH:?the pull_request event payload}"
base="${ICELIST_BASE:?icelist built from the base revision}"
context_args=(--event "$event")
if [ -n "${ICELIST_TIMELINE:-}" ]; then
  context_args+=(--timeline "$ICELIST_TIMELINE")
fi

base_sha=""
approved=no
verification_approved=no
redirect_approved=no
while IFS='=' read -r key value; do
  case "$key" in
    base) base_sha="$value" ;;
    policy-approved) approved="$value" ;;
    verification-approved) verification_approved="$value" ;;
    redirect-approved) redirect_approved="$value" ;;
  esac
done < <("$base" review-event "${context_args[@]}")
case "$base_sha" in
  *[!0-9a-f]* | "") echo "::error::the event holds no base commit id"; exit 2 ;;
esac

if [ "$approved" = yes ]; then
  # A maintainer read the change of policy: judge it with its own tool, schema and configuration.
  icelist="${ICELIST_HEAD:?icelist built from the pull request}"
  policy=(--allow-policy-change)
  echo "The label policy-approved is set on this commit: judging with this pull request's own tool, schema and icelist.toml."
else
  icelist="$base"
  policy=()
  echo "Judging with the base revision's tool, schema and icelist.toml."
fi
if [ "$verification_approved" = yes ]; then
  policy+=(--allow-verification-change)
  echo "The label verification-approved is set on this commit: a maintainer approved the changes of verification."
fi
if [ "$redirect_approved" = yes ]; then
  policy+=(--allow-redirect)
  echo "The label redirect-approved is set on this commit: a maintainer approved the merges and renames in dataset/redirects.json."
fi

"$icelist" lint --changed-since "$base_sha" "${policy[@]}" --format github
status=$?
# GitHub shows only the first annotations: print the full report too.
"$icelist" lint --changed-since "$base_sha" "${policy[@]}" --format concise
"$icelist" fmt --check
fmt_status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  # A summary GitHub shows is cut to fit (65,536 characters); the whole review is left in
  # REVIEW_REPORT_DIR for the workflow to attach to the run.
  work="$(mktemp -d)"
  "$icelist" diff "$base_sha" HEAD --format markdown >"$work/review.md"
  "$base" fit-comment --input "$work/review.md" >"$work/summary.md"
  cat "$work/summary.md" >>"$GITHUB_STEP_SUMMARY"
  if [ -n "${REVIEW_REPORT_DIR:-}" ] && ! cmp -s "$work/review.md" "$work/summary.md"; then
    mkdir -p "$REVIEW_REPORT_DIR"
    cp "$work/review.md" "$REVIEW_REPORT_DIR/review.md"
  fi
  rm -rf "$work"
fi
# Entry text is untrusted: stop GitHub from reading workflow commands in it.
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::${token}"
"$icelist" diff "$base_sha" HEAD --format text
# Awards the pull request adds or changes are read from USAspending (online): the review fails
# when one is not confirmed (or could not be read), or a fact in the file is not the record's
# (a typed amount). Its report quotes entry text: it is printed inside the stop-commands block.
awards_state="$(mktemp -d)"
# shellcheck disable=SC2086 # ICELIST_AWARDS_ARGS is a list of words on purpose (tests: a local server)
"$icelist" awards check --changed-since "$base_sha" --state "$awards_state/awards.json" --fail-on mismatch ${ICELIST_AWARDS_ARGS:-}
awards_status=$?
rm -rf "$awards_state"
echo "::${token}::"

if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$awards_status" -ne 0 ]; then exit "$awards_status"; fi
exit "$fmt_status"

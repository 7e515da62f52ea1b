#!/usr/bin/env bash
# The sources workflow's step, kept here so that a test runs it locally (tests/workflows.rs):
# check every source link, write the Markdown report to the job summary, and open or update
# the one issue (label link-check) that lists dead and suspect links, closing it when none
# are left.
#
# Environment:
#   ICELIST              the icelist binary
#   GITHUB_REPOSITORY    owner/name
#   GITHUB_STEP_SUMMARY  the job summary (optional)
#   GH                   the GitHub CLI (default: gh)
#   ICELIST_STATE        the link history (default: .icelist/links.json)
#   ICELIST_CHECK_ARGS   extra arguments for `icelist sources check` (tests: a local server)
set -euo pipefail

icelist="${ICELIST:?the icelist binary}"
repository="${GITHUB_REPOSITORY:?owner/name}"
gh="${GH:-gh}"
state="${ICELIST_STATE:-.icelist/links.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2086 # ICELIST_CHECK_ARGS is a list of words on purpose
"$icelist" sources check --state "$state" --format json ${ICELIST_CHECK_ARGS:-} >"$work/report.json"
python3 - "$work/report.json" "$work" <<'PY'
import json, pathlib, sys
report = json.load(open(sys.argv[1]))
work = pathlib.Path(sys.argv[2])
bad = [l for l in report["links"] if l["verdict"] in ("dead", "suspect")]
s = report["summary"]
lines = [f"Checked on {report['checked_on']}: {s['alive']} alive, {s['suspect']} suspect, "
         f"{s['dead']} dead, {s['unknown']} unknown ({s['skipped']} not fetched).", ""]
if bad:
    lines += ["| verdict | company | source | outcome | failed days | link |", "| --- | --- | --- | --- | --- | --- |"]
    for l in sorted(bad, key=lambda l: (l["verdict"] != "dead", l["company"], l["source"])):
        url = "".join("\\" + c if c in "\\`*_{}[]()<>#+-.!|~:@" else c for c in l["url"])
        company = l["company"].replace("`", "")
        lines.append(f"| {l['verdict']} | `{company}` | [{l['source']}] {l['field']} | {l['outcome']} | {l['failures']} | {url} |")
(work / "report.md").write_text("\n".join(lines) + "\n")
(work / "bad").write_text(str(len(bad)))
PY
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { echo "## Source links"; echo; cat "$work/report.md"; } >>"$GITHUB_STEP_SUMMARY"
fi
existing="$("$gh" issue list --repo "$repository" --label link-check --state open --json number --jq '.[0].number // empty')"
if [ "$(cat "$work/bad")" -gt 0 ]; then
  if [ -n "$existing" ]; then
    "$gh" issue edit "$existing" --repo "$repository" --body-file "$work/report.md" >/dev/null
  else
    "$gh" issue create --repo "$repository" --label link-check --title "Dead and suspect source links" --body-file "$work/report.md" >/dev/null
  fi
elif [ -n "$existing" ]; then
  "$gh" issue close "$existing" --repo "$repository" --comment "Every source link is alive again." >/dev/null
fi

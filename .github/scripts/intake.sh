#!/usr/bin/env bash
# The intake workflow's steps, kept here so that a test runs them locally (tests/workflows.rs)
# on sample event payloads, with `gh` replaced by a recorder and a local remote for the push.
#
#   intake.sh check     an issue opened or edited: post or update the one bot comment with
#                       `icelist intake`'s report and the SHA-256 of the text it checked; an
#                       edit after approval removes the approval label and says so. Run on the
#                       labeled event (the recheck job), it checks the text the approve step
#                       refused.
#   intake.sh approve   the label intake:approved added, for the text of the bot's latest
#                       check (its SHA-256), which has not changed since the label was added
#                       (else: the label goes, the comment says why, exit 1, and the output
#                       refused=yes starts the recheck): start branch intake/issue-<n> afresh
#                       from the checked-out default branch, write the entry (a new one,
#                       or the change a correction, response or delisting makes), commit,
#                       force-push, and open or update the pull request "Closes #<n>". The
#                       commit message and the pull request's title name the entry by its id
#                       (a slug icelist made), never by text the submitter typed.
#
# The issue's text reaches icelist only through the event file, as a file: it is never
# expanded by the shell or placed in a workflow expression. The event is read by icelist itself
# (`icelist intake-event`): no interpreter runs over it.
#
# Environment:
#   GITHUB_EVENT_PATH   the issues event payload (JSON)
#   GITHUB_REPOSITORY   owner/name
#   ICELIST             the icelist binary (built from the default branch)
#   GH                  the GitHub CLI (default: gh)
#   GH_TOKEN            approve: the token the push is made with
#   INTAKE_PUSH_URL     approve: where the branch is pushed (default: the repository on
#                       github.com, with GH_TOKEN; the checkout keeps no credential)
#   INTAKE_REPORT_DIR   where the whole report is left when the comment had to be cut (the
#                       workflow attaches the folder to its run as an artifact)
set -euo pipefail

mode="${1:?usage: intake.sh check|approve}"
event="${GITHUB_EVENT_PATH:?the issues event payload}"
repository="${GITHUB_REPOSITORY:?owner/name}"
icelist="${ICELIST:?the icelist binary}"
gh="${GH:-gh}"
marker="<!-- icelist-intake -->"
# owner/name and nothing else: it goes into the URL the branch is pushed to.
case "$repository" in
  -* | */*/* | *[!A-Za-z0-9._/-]*) echo "unexpected repository name" >&2; exit 2 ;;
  ?*/?*) ;;
  *) echo "unexpected repository name" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Everything the steps need from the event: the body in a file, the rest as checked values.
"$icelist" intake-event --event "$event" --body-out "$work/body.md" >"$work/event"
number="" action="" label="" approved="" default_branch="" form_file="" opened=""
while IFS='=' read -r key value; do
  case "$key" in
    form) form_file="$value" ;;
    opened) opened="$value" ;;
    number) number="$value" ;;
    action) action="$value" ;;
    label) label="$value" ;;
    approved) approved="$value" ;;
    default_branch) default_branch="$value" ;;
  esac
done <"$work/event"
case "$number" in
  "" | *[!0-9]*) echo "unexpected issue number" >&2; exit 2 ;;
esac
case "$default_branch" in
  "" | -* | *[!A-Za-z0-9._/-]*) echo "unexpected default branch name" >&2; exit 2 ;;
esac
# The issue form the issue's labels name (icelist names one of the repository's own forms).
case "$form_file" in
  propose-company.yml | correct-entry.yml | company-response.yml | propose-delisting.yml) ;;
  *) echo "unexpected issue form" >&2; exit 2 ;;
esac
form=".github/ISSUE_TEMPLATE/$form_file"
date_args=()
case "$opened" in
  "") ;;
  [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) date_args=(--issue-date "$opened") ;;
  *) echo "unexpected issue date" >&2; exit 2 ;;
esac

# Runs intake, its markdown report (cut to fit a comment) in $work/report.md, and returns its
# answer: 0 nothing to fix, 1 problems; 2 (could not run) stops. The whole report stays in
# INTAKE_REPORT_DIR only when the comment had to be cut: the comment then says it is attached.
run_intake() {
  local status=0 full="${INTAKE_REPORT_DIR:-$work/full}/intake-report.md"
  mkdir -p "$(dirname "$full")"
  "$icelist" intake --form "$form" --body-file "$work/body.md" --format markdown \
    --full-report "$full" ${date_args[@]+"${date_args[@]}"} "$@" >"$work/report.md" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "icelist intake could not run (exit $status)" >&2
    exit "$status"
  fi
  if cmp -s "$full" "$work/report.md"; then
    rm -f "$full"
  fi
  return "$status"
}

# The bot's latest comment as "<id> <updated_at> <its second line> <its third line>", or nothing. It is found
# by its author, the workflow's own account, not by the marker alone: anyone can paste the
# marker into a comment of their own. gh applies --jq to each page of a --paginate listing
# separately, so the filter gives one line per comment that matches and the last line is taken
# (the listing is oldest first).
bot_comment() {
  local filter
  filter='.[] | select(.user.login == "github-actions[bot]" and .user.type == "Bot"'
  filter+=' and ((.body // "") | startswith("'"$marker"'")))'
  filter+=' | "\(.id) \(.updated_at) \(((.body | split("\n"))[1] // "") | rtrimstr("\r") | gsub(" "; "_")) \(((.body | split("\n"))[2] // "") | rtrimstr("\r") | gsub(" "; "_"))"'
  "$gh" api "repos/$repository/issues/$number/comments" --paginate --jq "$filter" | tail -n 1
}

# Posts the comment in $work/comment.md, or updates the bot's earlier one.
post_comment() {
  local existing
  existing="$(bot_comment)"
  existing="${existing%% *}"
  case "$existing" in
    *[!0-9]*) echo "unexpected comment id from the API" >&2; exit 2 ;;
  esac
  if [ -n "$existing" ]; then
    "$gh" api --method PATCH "repos/$repository/issues/comments/$existing" -F "body=@$work/comment.md" >/dev/null
  else
    "$gh" issue comment "$number" --repo "$repository" --body-file "$work/comment.md" >/dev/null
  fi
}

# The SHA-256 of the body exactly as icelist reads it ($work/body.md). Every comment the bot
# makes of a report carries it on its second line: the approval holds for that text only.
body_digest="$(sha256sum <"$work/body.md")"
body_digest="${body_digest%% *}"
digest_prefix="<!-- icelist-intake-body-sha256: "
digest_suffix=" -->"

# Writes $work/comment.md: the marker, the digest of the text checked, the digest of the
# change the report shows (icelist's second line), the note in $1 if any, then the rest of the
# report in $work/report.md.
compose_comment() {
  {
    echo "$marker"
    echo "$digest_prefix$body_digest$digest_suffix"
    sed -n 2p "$work/report.md"
    if [ -n "$1" ]; then
      echo "$1"
      echo
    fi
    tail -n +3 "$work/report.md"
  } >"$work/comment.md"
}

# Refuses the approval: no branch, no pull request. The label goes, and the bot's comment says
# why and holds no digest, so no approval holds until the text is checked again (the
# workflow's recheck job does that, in a job that cannot push).
refuse() {
  "$gh" issue edit "$number" --repo "$repository" --remove-label "intake:approved" >/dev/null
  {
    echo "$marker"
    echo "> **The approval was not applied: $1** The label \`intake:approved\` was removed. The bot checks the issue's current text again in a few minutes, here; a maintainer needs to read that check and add the label again."
  } >"$work/comment.md"
  post_comment
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "refused=yes" >>"$GITHUB_OUTPUT"
  fi
  echo "approval refused: $1" >&2
  exit 1
}

# An ISO 8601 time as the API gives it, in UTC: its digits compare as one number.
is_api_time() {
  case "$1" in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z) return 0 ;;
    *) return 1 ;;
  esac
}

case "$mode" in
  check)
    run_intake || true
    note=""
    if [ "$action" = edited ] && [ "$approved" = yes ]; then
      "$gh" issue edit "$number" --repo "$repository" --remove-label "intake:approved" >/dev/null
      note="> **The issue was edited after a maintainer approved it.** The approval was removed: a maintainer needs to read the new text and add the label \`intake:approved\` again."
    elif [ "$action" = labeled ]; then
      # Run by the recheck job, after the approve step refused.
      note="> **The approval was not applied**: the check a maintainer read was not a check of the issue's current text. This is the check of the current text; a maintainer needs to read it and add the label \`intake:approved\` again."
    fi
    compose_comment "$note"
    post_comment
    ;;
  approve)
    if [ "$label" != "intake:approved" ]; then
      exit 0
    fi
    # The approval holds only for what the maintainer saw: the bot's latest check, made of
    # this very text (its digest), and not changed since the label was added (an edit made
    # just before the label is checked after it). icelist reads the text only once this holds.
    # The label's latest event: the listing is oldest first, page after page.
    label_filter='.[] | select((.event == "labeled" or .event == "unlabeled") and .label.name == "intake:approved") | "\(.created_at) \(.event)"'
    last_label="$("$gh" api "repos/$repository/issues/$number/events" --paginate --jq "$label_filter" | tail -n 1)"
    read -r label_time label_event <<<"$last_label" || true
    if [ "$label_event" = unlabeled ]; then
      echo "the label intake:approved was removed since: nothing to do" >&2
      exit 0
    fi
    read -r comment_id comment_time second_line third_line <<<"$(bot_comment)" || true
    # The filter wrote the lines' spaces as underscores, so each is one word here.
    second_line="${second_line//_/ }"
    third_line="${third_line//_/ }"
    checked=""
    case "$second_line" in
      "$digest_prefix"*"$digest_suffix")
        checked="${second_line#"$digest_prefix"}"
        checked="${checked%"$digest_suffix"}"
        ;;
    esac
    if [ -z "$comment_id" ]; then
      refuse "the bot's check of this issue was not found."
    elif [ "$checked" != "$body_digest" ]; then
      refuse "the issue's text is not the text the bot's check was made of: it was edited after that check."
    elif [ "$label_event" != labeled ] || ! is_api_time "$label_time" || ! is_api_time "$comment_time"; then
      refuse "when the label was added could not be read."
    elif [ "${comment_time//[!0-9]/}" -ge "${label_time//[!0-9]/}" ]; then
      refuse "the bot's check changed after the label was added, so it is not the check the maintainer read."
    fi
    branch="intake/issue-$number"
    # The branch starts afresh from the default branch as the checkout fetched it (the commit
    # icelist was built from); nothing is fetched here, as the checkout keeps no credential.
    git checkout --quiet -B "$branch" "refs/remotes/origin/$default_branch"
    # The change approved is the change shown: checked again on this commit, the same text must
    # make the same change (the entry may have been edited, merged or renamed since).
    run_intake || true
    if [ "$(sed -n 2p "$work/report.md")" != "$third_line" ]; then
      refuse "the entry changed on the default branch since the bot's check, so the change it would make is not the change the maintainer read."
    fi
    status=0
    run_intake --write || status=$?
    if [ "$status" -ne 0 ]; then
      compose_comment ""
      post_comment
      echo "the submission has problems: no pull request" >&2
      exit 1
    fi
    # The one file intake wrote, dataset/<id>.json (a new one, or the entry a change
    # changes): its id is what the commit and the pull request are named by, so that nothing
    # the submitter typed (a "Fixes #1", a mention, a line break) reaches a commit message or a
    # title.
    file="$( { git ls-files --others --exclude-standard -- dataset/; git diff --name-only -- dataset/; } )"
    if [ -z "$file" ] && [ "$form_file" = correct-entry.yml ]; then
      # A correction a maintainer makes by hand: the comment says so; there is nothing to write.
      echo "a correction made by hand: no pull request" >&2
      exit 0
    fi
    id="${file#dataset/}"
    id="${id%.json}"
    case "$file:$id" in
      dataset/*.json:[a-z0-9]*) ;;
      *) echo "icelist intake wrote no single entry file" >&2; exit 2 ;;
    esac
    case "$id" in
      *[!a-z0-9-]*) echo "icelist intake wrote no single entry file" >&2; exit 2 ;;
    esac
    case "$form_file" in
      correct-entry.yml) title="Correct $id (intake #$number)" ;;
      company-response.yml) title="Add the response of $id (intake #$number)" ;;
      propose-delisting.yml) title="Delist $id (intake #$number)" ;;
      *) title="Add $id (intake #$number)" ;;
    esac
    git add -- "$file"
    git -c user.name="icelist intake" -c user.email="icelist-intake@users.noreply.github.com" \
      commit --quiet -m "$title" -m "Closes #$number"
    # The token is given to this one push, never written to the checkout's configuration.
    push_url="${INTAKE_PUSH_URL:-https://x-access-token:${GH_TOKEN:?a token to push with}@github.com/$repository.git}"
    git push --quiet --force "$push_url" "HEAD:refs/heads/$branch"
    case "$form_file" in
      propose-company.yml) pr_note="The entry starts unverified and under review: check every claim against its source before merging." ;;
      company-response.yml) pr_note="The response is the company's word, unconfirmed: confirm it through the company's published channel (see the issue) before setting confirmed, and check that the statement is public." ;;
      *) pr_note="Check the sources the issue gives before merging; the change is exactly the one the bot's comment showed." ;;
    esac
    printf 'Closes #%s\n\nMade by `icelist intake` from the issue form. %s\n' "$number" "$pr_note" >"$work/pr.md"
    existing="$("$gh" pr list --repo "$repository" --head "$branch" --state open --json number --jq '.[0].number // empty')"
    if [ -n "$existing" ]; then
      "$gh" pr edit "$existing" --repo "$repository" --title "$title" --body-file "$work/pr.md" >/dev/null
    else
      "$gh" pr create --repo "$repository" --base "$default_branch" --head "$branch" --title "$title" --body-file "$work/pr.md" >/dev/null
    fi
    ;;
  *)
    echo "usage: intake.sh check|approve" >&2
    exit 2
    ;;
esac

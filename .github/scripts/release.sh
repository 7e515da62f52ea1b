#!/usr/bin/env bash
# The release workflow's steps, kept here so that a test runs them locally (tests/workflows.rs)
# on a temporary repository with two tags, with `gh` replaced by a recorder.
#
# For the tag TAG (vYYYY.MM.DD): the changelog since the previous tag (or since nothing, for
# the first), the build with those release notes, SHA256SUMS, and the GitHub release with the
# files downstream projects download from releases/latest/download/<file>.
#
# Environment:
#   ICELIST            the icelist binary
#   RELEASE_TAG        the tag being released
#   GITHUB_REPOSITORY  owner/name
#   GH                 the GitHub CLI (default: gh)
set -euo pipefail

icelist="${ICELIST:?the icelist binary}"
tag="${RELEASE_TAG:?the tag being released}"
repository="${GITHUB_REPOSITORY:?owner/name}"
gh="${GH:-gh}"
case "$tag" in
  v[0-9]*) ;;
  *) echo "not a release tag: $tag" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The previous release: the newest v* tag reachable from the tag's parent.
previous="$(git describe --tags --abbrev=0 --match 'v[0-9]*' "$tag^" 2>/dev/null || true)"
if [ -n "$previous" ]; then
  range="$previous..$tag"
else
  range="$tag"
fi
"$icelist" changelog "$range" --format json >"$work/changes.json"
"$icelist" changelog "$range" --format markdown >"$work/notes.md"

out="$work/dist"
"$icelist" build --out "$out" --dataset-version "$tag" --release-notes "$work/changes.json"
cp "$work/changes.json" "$out/changes.json"

assets=(companies.json companies.ndjson companies.csv sources.csv icelist.sqlite datapackage.json domains.json schema/company.schema.json changes.json)
(cd "$out" && sha256sum "${assets[@]}" >SHA256SUMS)
files=()
for asset in "${assets[@]}" SHA256SUMS; do
  files+=("$out/$asset")
done
"$gh" release create "$tag" --repo "$repository" --title "$tag" --notes-file "$work/notes.md" "${files[@]}"

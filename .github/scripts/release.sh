#!/usr/bin/env bash
# The release workflow's steps, kept here so that a test runs them locally (tests/workflows.rs)
# on a temporary repository with two tags, with `gh` replaced by a recorder.
#
# For the tag TAG (vYYYY.MM.DD): the changelog since the previous tag (or since nothing, for
# the first), the build with those release notes, and the GitHub release with the files
# downstream projects download from releases/latest/download/<file>. Assets have flat names
# (a release has no folders), and SHA256SUMS lists exactly the uploaded files by those names,
# so `sha256sum -c SHA256SUMS` works in a folder of downloaded assets.
#
# Environment:
#   ICELIST            the icelist binary
#   RELEASE_TAG        the tag being released
#   GITHUB_REPOSITORY  owner/name
#   GH                 the GitHub CLI (default: gh)
#
# Needs npm and Python 3 with flit_core (the packages are packed here, published by the
# workflow's publish jobs from the release's assets: .github/scripts/publish.sh).
set -euo pipefail

icelist="${ICELIST:?the icelist binary}"
tag="${RELEASE_TAG:?the tag being released}"
repository="${GITHUB_REPOSITORY:?owner/name}"
gh="${GH:-gh}"
case "$tag" in
  v[0-9]*) ;;
  *) echo "not a release tag: $tag" >&2; exit 2 ;;
esac

# The previous release is found in the history: a shallow clone would make every release look
# like the first (a feed of additions only, with nothing removed).
if [ "$(git rev-parse --is-shallow-repository)" != false ]; then
  echo "a shallow clone cannot find the previous release: fetch the whole history (fetch-depth: 0)" >&2
  exit 2
fi
git rev-parse --verify --quiet "$tag^{commit}" >/dev/null || { echo "no such tag: $tag" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The release before REV: the newest v* tag reachable from REV's parent (empty for the first).
release_before() {
  git describe --tags --abbrev=0 --match 'v[0-9]*' "$1^" 2>/dev/null || true
}

previous="$(release_before "$tag")"
range="${previous:+$previous..}$tag"
"$icelist" changelog "$range" --format json >"$work/changes.json"
"$icelist" changelog "$range" --format markdown >"$work/notes.md"
"$icelist" changelog "$range" --format delta >"$work/delta.ndjson"

# The notes of up to ten earlier releases, for the site's feed (feed.xml).
earlier=()
release="$previous"
for i in 1 2 3 4 5 6 7 8 9 10; do
  [ -n "$release" ] || break
  before="$(release_before "$release")"
  "$icelist" changelog "${before:+$before..}$release" --format json >"$work/earlier-$i.json"
  earlier+=(--earlier-notes "$work/earlier-$i.json")
  release="$before"
done

out="$work/dist"
# The build writes the notes unchanged as changes.json, and its downloads page lists the sum of
# every file uploaded below from the build: the copies must stay byte for byte the same.
"$icelist" build --out "$out" --dataset-version "$tag" --release-notes "$work/changes.json" \
  --repository "https://github.com/$repository" ${earlier[@]+"${earlier[@]}"}

# Every asset under the name it is uploaded with.
assets="$work/assets"
mkdir "$assets"
for file in companies.json companies.ndjson companies.csv sources.csv icelist.sqlite \
  claims.csv awards.csv responses.csv metadata.json datapackage.json domains.json history.json redirects.json manifest.json changes.json; do
  cp "$out/$file" "$assets/$file"
done
cp "$out/schema/company.schema.json" "$assets/company.schema.json"
cp "$out/schema/redirects.schema.json" "$assets/redirects.schema.json"
cp "$work/delta.ndjson" "$assets/delta.ndjson"
# The schemas of every JSON output (schema/outputs/), under their own names.
cp schema/outputs/*.schema.json "$assets/"
# The npm and Python packages of this release (`icelist package`), packed as their registries
# take them: npm's tarball and a wheel, built from the generated sources without downloads.
"$icelist" package --from "$out" --out "$work/packages"
(cd "$work/packages/npm" && npm pack --silent --pack-destination "$assets" >/dev/null)
python3 -m pip wheel --quiet --no-build-isolation --no-deps --wheel-dir "$assets" "$work/packages/python"
# The static site as one archive, byte-reproducible (sorted names, fixed times and owners).
(cd "$out" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
  -cf - index.html site.js search-index.js methodology.html downloads.html feed.xml changes.html \
  companies wiki) | gzip -n >"$assets/site.tar.gz"
(cd "$assets" && LC_ALL=C ls | xargs sha256sum >"$work/SHA256SUMS")
mv "$work/SHA256SUMS" "$assets/SHA256SUMS"
files=()
while IFS= read -r name; do
  files+=("$assets/$name")
done < <(cd "$assets" && LC_ALL=C ls)
"$gh" release create "$tag" --repo "$repository" --title "$tag" --notes-file "$work/notes.md" "${files[@]}"

#!/usr/bin/env bash
# The release workflow's publish jobs, kept here so that a test runs them (tests/workflows.rs)
# with the registry tools replaced by recorders.
#
# usage: publish.sh npm|pypi|crate
#   npm    publishes the release's npm tarball (icelist-data-<version>.tgz in the current
#          folder, downloaded from the release) with provenance; token: NPM_TOKEN.
#   pypi   uploads the release's wheel (icelist_data-<version>-py3-none-any.whl) with twine;
#          token: PYPI_TOKEN (a PyPI API token).
#   crate  publishes the icelist crate from the checkout (cargo publish --locked); token:
#          CARGO_REGISTRY_TOKEN. The crate's version is the tool's, not the dataset's: a
#          version already on crates.io is left as it is.
# A registry whose token is not set is skipped with a notice (forks have no tokens), never
# an error. Tools: NPM, TWINE, CARGO (defaults npm, twine, cargo).
set -euo pipefail

target="${1:?npm, pypi or crate}"
npm="${NPM:-npm}"
twine="${TWINE:-twine}"
cargo="${CARGO:-cargo}"

skip() {
  echo "::notice::$1 is not set: not published to $2"
  exit 0
}

# Exactly one file matching the pattern, or stop: publishing the wrong file is worse than none.
one_file() {
  local matches=()
  for file in $1; do
    [ -f "$file" ] && matches+=("$file")
  done
  if [ "${#matches[@]}" -ne 1 ]; then
    echo "expected one $1, found ${#matches[@]}" >&2
    exit 2
  fi
  echo "${matches[0]}"
}

case "$target" in
  npm)
    [ -n "${NPM_TOKEN:-}" ] || skip NPM_TOKEN npm
    tarball="$(one_file 'icelist-data-*.tgz')"
    # The token goes to a private user config, not into the command line or the project.
    npmrc="$(mktemp)"
    trap 'rm -f "$npmrc"' EXIT
    printf '//registry.npmjs.org/:_authToken=%s\n' "$NPM_TOKEN" >"$npmrc"
    NPM_CONFIG_USERCONFIG="$npmrc" "$npm" publish "./$tarball" --access public --provenance
    ;;
  pypi)
    [ -n "${PYPI_TOKEN:-}" ] || skip PYPI_TOKEN PyPI
    wheel="$(one_file 'icelist_data-*-py3-none-any.whl')"
    TWINE_USERNAME=__token__ TWINE_PASSWORD="$PYPI_TOKEN" "$twine" upload --non-interactive "$wheel"
    ;;
  crate)
    [ -n "${CARGO_REGISTRY_TOKEN:-}" ] || skip CARGO_REGISTRY_TOKEN crates.io
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    if "$cargo" publish --locked 2>"$log"; then
      cat "$log" >&2
    elif grep -q "already exists" "$log"; then
      cat "$log" >&2
      echo "::notice::this version of the crate is already on crates.io"
    else
      cat "$log" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: publish.sh npm|pypi|crate" >&2
    exit 2
    ;;
esac

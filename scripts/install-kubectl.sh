#!/usr/bin/env bash
# Installs kubectl for the kubectl-fidelity tests into .tools/kubectl/ (git-ignored), without touching
# the system's apt configuration: a temporary sources list and a private apt state/cache directory.
#   1st choice: kubectl 1.32 from Debian trixie (exec over WebSocket works against the fake).
#   fallback:   kubernetes-client 1.20 from bookworm (get/list only: its exec speaks SPDY, which the
#               fake does not serve — the exec fidelity test then fails and says so).
# Idempotent: an existing .tools/kubectl/kubectl is kept. Usage: scripts/install-kubectl.sh [--force]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.tools/kubectl"
bin="$dest/kubectl"

if [[ -x "$bin" && "${1:-}" != "--force" ]]; then
  echo "kubectl already installed: $bin ($("$bin" version --client 2>/dev/null | head -1))"
  exit 0
fi
for tool in apt-get dpkg; do
  command -v "$tool" >/dev/null || { echo "install-kubectl: '$tool' is required (Debian/Ubuntu only)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# an empty dpkg status: the system's installed packages (e.g. a vendor kubectl) must not steer the choice
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/etc/sources.list.d" "$work/etc/preferences.d" "$dest"
: > "$work/status"

# Keyring for the suite: the system's archive keyring knows bookworm and trixie keys on Debian 12.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

fetch() { # suite package [version]
  local suite=$1 pkg=$2
  echo "deb [signed-by=$keyring] http://deb.debian.org/debian $suite main" > "$work/etc/sources.list"
  local apt=(apt-get -q
    -o Dir::Etc="$work/etc" -o Dir::Etc::sourcelist="$work/etc/sources.list" -o Dir::Etc::sourceparts="$work/etc/sources.list.d"
    -o Dir::Etc::preferencesparts="$work/etc/preferences.d" -o Dir::State="$work/state" -o Dir::State::status="$work/status" -o Dir::Cache="$work/cache"
    -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  "${apt[@]}" update >/dev/null
  (cd "$work" && "${apt[@]}" download "$pkg")
}

extract() { # package-name
  local deb
  deb=$(ls "$work"/"$1"_*.deb | head -1)
  rm -rf "$work/x" && dpkg -x "$deb" "$work/x"
  local found
  found=$(find "$work/x" -type f -name kubectl -perm -u+x | head -1)
  [[ -n "$found" ]] || { echo "install-kubectl: no kubectl binary inside $deb" >&2; return 1; }
  install -m 0755 "$found" "$bin"
}

if fetch trixie kubectl && extract kubectl; then
  echo "installed kubectl from trixie: $("$bin" version --client 2>/dev/null | head -1)"
else
  echo "" >&2
  echo "!!! install-kubectl: trixie's kubectl 1.32 could not be fetched; falling back to bookworm's" >&2
  echo "!!! kubernetes-client 1.20. It cannot exec over WebSocket, so the exec fidelity test will FAIL." >&2
  echo "" >&2
  fetch bookworm kubernetes-client && extract kubernetes-client
  echo "installed kubectl from bookworm (1.20, no WebSocket exec): $("$bin" version --client 2>/dev/null | head -1)"
fi
echo "$bin"

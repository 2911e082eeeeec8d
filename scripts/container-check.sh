#!/usr/bin/env bash
# Build the Dockerfile and check the image end to end, on a Debian machine
# with no Docker engine and no container registry.
#
#   sudo scripts/container-check.sh [SOURCE_DIR]
#
# SOURCE_DIR is the build context (default: this repository's work tree;
# .dockerignore keeps local databases out). The script:
#   1. installs buildah, podman, runc, uidmap and busybox-static with apt-get
#      (docker-compose too, to validate deploy/docker-compose.yaml);
#   2. keeps its own container storage and configuration under $WORK
#      (default /tmp/wirewatch-container-check), leaving the host's alone;
#   3. builds local stand-ins for the two base images the Dockerfile names,
#      golang:<go version> from the host's Go and gcr.io/distroless/static:nonroot,
#      tagged with the real names so that no registry is asked;
#   4. builds the image and checks: version, --help, `once` on the bundled
#      example feeds with the configuration mounted read-only and /data as a
#      volume (digest printed, nothing delivered the second time), a read-only
#      root file system with no writable /tmp, uid 65532, no shell, the image
#      size; that `run` serves /healthz, /readyz, /metrics and the status page,
#      refuses a `once` on the same volume, and stops cleanly on SIGTERM;
#      that three replicas run as deploy/deployment.yaml runs them, on the
#      host's PostgreSQL, each ready, one leading, each stopping cleanly.
#
# It is idempotent: packages, stand-ins and storage are reused; the checks'
# containers and volume are removed on exit. It exits non-zero when a step or
# a check fails. It needs root, and the build's `go mod download` needs the Go
# module proxy: buildah's default (private) network reaches it on these
# machines; BUILD_NETWORK=host is the fallback where it does not.
#
# Environment:
#   WORK           state directory (storage, configuration, scratch files)
#   IMAGE          tag to build (default localhost/wirewatch:ci)
#   BUILD_NETWORK  network mode for RUN steps (default private)
#   SKIP_APT=1     do not run apt-get (the packages are already there)
#   REBUILD_BASE=1 rebuild the stand-in base images
#   BUILD_CACHE=0  build without the host's Go module and build caches

set -Eeuo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$(cd "${1:-$here}" && pwd)
WORK=${WORK:-/tmp/wirewatch-container-check}
IMAGE=${IMAGE:-localhost/wirewatch:ci}
BUILD_NETWORK=${BUILD_NETWORK:-private}
STANDIN_LABEL=wirewatch.container-check.stand-in
run_id=$$
volume=wirewatch-check-data-$run_id
daemon=wirewatch-check-run-$run_id

failures=0
log() { printf '==> %s\n' "$*" >&2; }
pass() { printf 'ok   %s\n' "$*" >&2; }
fail() { printf 'FAIL %s\n' "$*" >&2; failures=$((failures + 1)); }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (buildah and podman use root's storage here)"
[ -f "$src/Dockerfile" ] || die "no Dockerfile in $src"

# --- 1. packages -------------------------------------------------------------
pkgs=(buildah podman runc uidmap busybox-static docker-compose curl)
if [ "${SKIP_APT:-}" != 1 ]; then
	missing=()
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		log "installing ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
fi
for t in buildah podman runc busybox go curl; do
	command -v "$t" >/dev/null || [ -x "/bin/$t" ] || die "$t not found"
done
busybox_bin=$(command -v busybox || echo /bin/busybox)
goroot=$(go env GOROOT)
cabundle=/etc/ssl/certs/ca-certificates.crt
[ -f "$cabundle" ] || die "no CA bundle at $cabundle (apt-get install ca-certificates)"

# --- 2. private storage and configuration -------------------------------------
mkdir -p "$WORK"
cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
EOF
# runc rather than crun, and rlimits no higher than this machine's hard limits.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] && nofile=1048576
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
[engine]
runtime = "runc"
EOF
export CONTAINERS_STORAGE_CONF=$WORK/storage.conf CONTAINERS_CONF=$WORK/containers.conf

scratch=$(mktemp -d "$WORK/check.XXXXXX")
replica_names=()
cleanup() {
	podman rm -f -t 0 "$daemon" >/dev/null 2>&1 || true
	for n in "${replica_names[@]}"; do podman rm -f -t 0 "$n" >/dev/null 2>&1 || true; done
	podman volume rm -f "$volume" >/dev/null 2>&1 || true
	rm -rf "$scratch"
}
trap cleanup EXIT

# --- 3. stand-in base images ---------------------------------------------------
image_exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }
is_standin() {
	[ "$(buildah inspect --type image --format "{{index .OCIv1.Config.Labels \"$STANDIN_LABEL\"}}" "$1" 2>/dev/null)" = true ]
}
# want_base NAME: true when NAME must be (re)built; a real image of that name
# pulled by someone else is left alone.
want_base() {
	if ! image_exists "$1"; then return 0; fi
	if [ "${REBUILD_BASE:-}" = 1 ] && is_standin "$1"; then return 0; fi
	return 1
}

write_passwd() { # DIR [EXTRA_PASSWD_LINE EXTRA_GROUP_LINE]
	mkdir -p "$1/etc"
	printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n%b' "${2:-}" >"$1/etc/passwd"
	printf 'root:x:0:\nnobody:x:65534:\n%b' "${3:-}" >"$1/etc/group"
}

goversion=$(go env GOVERSION) # go1.26.8
gofull=${goversion#go}
gominor=$(echo "$gofull" | cut -d. -f1,2)
golang_tags=("docker.io/library/golang:$gominor" "docker.io/library/golang:$gofull")
if want_base "${golang_tags[0]}"; then
	log "building stand-in ${golang_tags[0]} from $goroot"
	t0=$SECONDS
	c=$(buildah from scratch)
	m=$(buildah mount "$c")
	mkdir -p "$m/bin" "$m/usr/bin" "$m/sbin" "$m/usr/sbin" "$m/usr/local" "$m/root" "$m/go" \
		"$m/etc/ssl/certs" "$m/tmp"
	chmod 1777 "$m/tmp"
	chmod 0777 "$m/go"
	cp "$busybox_bin" "$m/bin/busybox"
	chroot "$m" /bin/busybox --install -s /bin
	cp -a "$goroot" "$m/usr/local/go"
	cp "$cabundle" "$m/etc/ssl/certs/ca-certificates.crt"
	write_passwd "$m"
	buildah umount "$c" >/dev/null
	buildah config \
		--env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--env GOLANG_VERSION="$gofull" --env GOPATH=/go --env GOTOOLCHAIN=local \
		--env GOFLAGS=-buildvcs=false \
		--workingdir /go --cmd /bin/sh --label "$STANDIN_LABEL=true" "$c"
	buildah commit -q --rm "$c" "${golang_tags[0]}" >/dev/null
	for t in "${golang_tags[@]:1}"; do buildah tag "${golang_tags[0]}" "$t"; done
	pass "stand-in ${golang_tags[*]} ($((SECONDS - t0)) s)"
fi

distroless_tags=(gcr.io/distroless/static:nonroot gcr.io/distroless/static-debian12:nonroot)
if want_base "${distroless_tags[0]}"; then
	log "building stand-in ${distroless_tags[0]}"
	c=$(buildah from scratch)
	m=$(buildah mount "$c")
	mkdir -p "$m/etc/ssl/certs" "$m/usr/share" "$m/home/nonroot" "$m/tmp"
	chmod 1777 "$m/tmp"
	chown 65532:65532 "$m/home/nonroot"
	chmod 0700 "$m/home/nonroot"
	cp "$cabundle" "$m/etc/ssl/certs/ca-certificates.crt"
	cp -a /usr/share/zoneinfo "$m/usr/share/zoneinfo"
	write_passwd "$m" 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' 'nonroot:x:65532:\n'
	buildah umount "$c" >/dev/null
	buildah config \
		--env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
		--user 65532 --workingdir /home/nonroot --label "$STANDIN_LABEL=true" "$c"
	buildah commit -q --rm "$c" "${distroless_tags[0]}" >/dev/null
	for t in "${distroless_tags[@]:1}"; do buildah tag "${distroless_tags[0]}" "$t"; done
	pass "stand-in ${distroless_tags[*]}"
fi

# --- 4. build ------------------------------------------------------------------
log "building $IMAGE from $src (RUN network: $BUILD_NETWORK)"
t0=$SECONDS
# The host's Go module and build caches are lent to the build's RUN steps
# (the Dockerfile is unchanged: it downloads and compiles as it would
# anywhere, only with warm caches), which takes the build from minutes to
# seconds on a machine that has run the tests. BUILD_CACHE=0 builds cold.
cache_mounts=()
if [ "${BUILD_CACHE:-1}" = 1 ]; then
	modcache=$(go env GOMODCACHE) gocache=$(go env GOCACHE)
	mkdir -p "$modcache" "$gocache"
	cache_mounts=(-v "$modcache:/go/pkg/mod" -v "$gocache:/root/.cache/go-build")
fi
(cd "$src" && buildah bud --pull=never --layers=false --network "$BUILD_NETWORK" "${cache_mounts[@]}" \
	--build-arg VERSION=container-check -f Dockerfile -t "$IMAGE" .) >"$WORK/build.log" 2>&1 ||
	{ tail -40 "$WORK/build.log" >&2; die "build failed (log: $WORK/build.log)"; }
pass "built $IMAGE in $((SECONDS - t0)) s (log: $WORK/build.log)"
podman image prune -f >/dev/null 2>&1 || true # the previous build's image, now untagged

# --- 5. checks -----------------------------------------------------------------
# prun ARGS...: podman run with no network and the check's volume, output in
# $scratch/out and $scratch/err, exit code in $rc.
prun() {
	rc=0
	podman run --rm --network none "$@" >"$scratch/out" 2>"$scratch/err" || rc=$?
}
show() { sed 's/^/     | /' "$scratch/out" "$scratch/err" | head -"${1:-20}" >&2; }

prun "$IMAGE" version
if [ "$rc" = 0 ] && grep -q '^wirewatch container-check' "$scratch/out"; then
	pass "version: $(cat "$scratch/out")"
else
	fail "version: exit $rc"; show
fi

prun "$IMAGE" --help
if [ "$rc" = 0 ] && grep -qi '^usage' "$scratch/out" "$scratch/err"; then
	pass "--help: exit 0 with usage"
else
	fail "--help: exit $rc"; show
fi

# The bundled example feeds, a configuration that stores in /data, both
# mounted read-only.
mkdir -p "$scratch/etc"
cat >"$scratch/etc/config.yaml" <<'EOF'
store: /data/wirewatch.db
poll:
  max_age: 0 # the bundled stories keep their dates: deliver them at any age
feeds:
  - url: /srv/examples/feeds/wire-en.xml
    name: example-wire
  - url: /srv/examples/feeds/lenta-ru.xml
    name: example-lenta
  - url: /srv/examples/feeds/yonhap-ko.xml
    name: example-yonhap
  - url: /srv/examples/feeds/xinhua-zh.json
    name: example-xinhua
topics:
  - id: icbm
    name: ICBMs and long-range missiles
    any: [ICBM*, intercontinental ballistic missile*, Hwasong*, межконтинентальн* баллистическ* ракет*,
          洲际弹道导弹, 대륙간탄도미사일]
  - id: sanctions
    include: sanctions
outputs:
  - type: stdout
EOF
chmod -R a+rX "$scratch"
mounts=(-v "$src/examples:/srv/examples:ro" -v "$scratch/etc/config.yaml:/etc/wirewatch/config.yaml:ro"
	-v "$volume:/data")
podman volume rm -f "$volume" >/dev/null 2>&1 || true

prun "${mounts[@]}" "$IMAGE" check
if [ "$rc" = 0 ]; then pass "check: configuration valid"; else fail "check: exit $rc"; show; fi

# As in Kubernetes with readOnlyRootFilesystem: no writable /tmp either.
t0=$SECONDS
prun --read-only --read-only-tmpfs=false "${mounts[@]}" "$IMAGE" once
if [ "$rc" = 0 ] && grep -q '^Digest for stdout' "$scratch/out" && grep -q '^\* \[' "$scratch/out"; then
	pass "once (read-only root): digest with $(grep -c '^\* \[' "$scratch/out") stories in $((SECONDS - t0)) s; $(grep '^polled' "$scratch/err" || true)"
else
	fail "once: exit $rc, no digest"; show 40
fi

prun --read-only --read-only-tmpfs=false "${mounts[@]}" "$IMAGE" once
if [ "$rc" = 0 ] && [ ! -s "$scratch/out" ] && grep -q 'delivered 0' "$scratch/err"; then
	pass "once again: nothing delivered ($(grep '^polled' "$scratch/err"))"
else
	fail "once again: exit $rc, expected nothing delivered"; show 40
fi

mp=$(podman volume inspect --format '{{.Mountpoint}}' "$volume")
owner=$(stat -c '%u:%g' "$mp/wirewatch.db" 2>/dev/null || echo none)
if [ "$owner" = 65532:65532 ]; then
	pass "the store in /data was written by uid 65532 ($owner)"
else
	fail "owner of /data/wirewatch.db: $owner, want 65532:65532"
fi
user=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
case $user in 65532 | 65532:65532 | nonroot | nonroot:nonroot) pass "image user: $user" ;; *) fail "image user: '$user'" ;; esac

prun --entrypoint /bin/sh "$IMAGE" -c true
if [ "$rc" != 0 ]; then pass "no shell (/bin/sh: exit $rc)"; else fail "the image has /bin/sh"; fi
im=$(podman image mount "$IMAGE")
shells=$(cd "$im" && ls -d bin/sh bin/bash bin/busybox usr/bin/sh usr/bin/bash 2>/dev/null || true)
files=$(cd "$im" && find . -type f | wc -l)
podman image unmount "$IMAGE" >/dev/null
if [ -z "$shells" ]; then pass "no shell binaries in the image ($files files)"; else fail "shells in the image: $shells"; fi

size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
mb=$((size / 1000000))
if [ "$mb" -le 250 ]; then pass "image size: $mb MB"; else fail "image size: $mb MB (over 250 MB)"; fi

# The daemon, confined as deploy/docker-compose.yaml confines it, with its
# HTTP server on (host network, loopback only): health, readiness, metrics
# and the status page answer; a `once` on the same volume is refused while
# it runs; then SIGTERM stops it, with exit 0, quickly.
port=$((20000 + RANDOM % 20000))
podman run -d --name "$daemon" --network host --read-only --cap-drop ALL \
	--security-opt no-new-privileges -e WIREWATCH_HTTP_LISTEN="127.0.0.1:$port" \
	"${mounts[@]}" "$IMAGE" run >/dev/null
base="http://127.0.0.1:$port"
ready=
for _ in $(seq 1 60); do
	if curl -fsS -m 2 "$base/readyz" >"$scratch/readyz" 2>/dev/null; then ready=1; break; fi
	sleep 0.5
done
if [ "$(podman inspect --format '{{.State.Running}}' "$daemon")" != true ]; then
	fail "run: not running"
	podman logs "$daemon" 2>&1 | tail -20 >&2
else
	if [ -n "$ready" ]; then pass "run: /readyz answers 200 ($(cat "$scratch/readyz"))"; else fail "run: /readyz never answered 200"; curl -sS -m 2 "$base/readyz" >&2 || true; fi
	if [ "$(curl -fsS -m 2 "$base/healthz")" = ok ]; then pass "run: /healthz ok"; else fail "run: /healthz"; fi
	if curl -fsS -m 5 "$base/metrics" >"$scratch/metrics" && grep -Eq '^wirewatch_fetches_total\{result="(ok|not-modified)"\} [1-9]' "$scratch/metrics" &&
		grep -q '^wirewatch_store_up 1' "$scratch/metrics"; then
		pass "run: /metrics ($(grep -c '^wirewatch_' "$scratch/metrics") wirewatch samples)"
	else
		fail "run: /metrics lacks fetches or store_up"; head -20 "$scratch/metrics" >&2 || true
	fi
	if curl -fsS -m 10 "$base/" >"$scratch/page" && grep -q '<title>wirewatch status</title>' "$scratch/page"; then
		pass "run: status page ($(grep -c '<tr>' "$scratch/page") table rows)"
	else
		fail "run: status page"; head -c 600 "$scratch/page" >&2 || true
	fi
	prun "${mounts[@]}" "$IMAGE" once -lock-wait 1s
	if [ "$rc" = 1 ] && grep -q 'in use by wirewatch run (pid 1' "$scratch/err"; then
		pass "once beside run on the same volume: refused ($(grep -o 'in use by wirewatch run (pid 1[^)]*)' "$scratch/err" | head -1))"
	else
		fail "once beside run: exit $rc, expected a refusal naming the daemon"; show
	fi
	t0=$(date +%s.%N)
	podman stop -t 20 "$daemon" >/dev/null
	took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	code=$(podman inspect --format '{{.State.ExitCode}}' "$daemon")
	if [ "$code" = 0 ] && awk -v t="$took" 'BEGIN { exit !(t < 10) }'; then
		pass "run: stopped by SIGTERM in $took s, exit 0"
	else
		fail "run: SIGTERM: exit $code after ${took} s"
		podman logs "$daemon" 2>&1 | tail -20 >&2
	fi
fi
podman rm -f -t 0 "$daemon" >/dev/null 2>&1 || true

# --- 5b. replicas on PostgreSQL, as deploy/deployment.yaml runs them ----------
# Three containers of the image run `run` against one PostgreSQL database
# (the host's, on 127.0.0.1:5432 with trust authentication, as CI starts it),
# confined as the Deployment confines them (read-only root, no capabilities,
# uid 65532, no volume; the store URL in WIREWATCH_STORE): each answers
# /readyz, exactly one leads, and SIGTERM stops each with exit 0. Without
# PostgreSQL the step is skipped, except in CI.
pg_base=${WIREWATCH_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
pg_schema=ww_container_$run_id
replica_names=()
if command -v pg_isready >/dev/null && pg_isready -q -d "$pg_base"; then
	grep -q 'replicas: 3' "$src/deploy/deployment.yaml" && grep -q 'args: \["run"\]' "$src/deploy/deployment.yaml" &&
		grep -q 'name: WIREWATCH_STORE' "$src/deploy/deployment.yaml" && grep -q 'readOnlyRootFilesystem: true' "$src/deploy/deployment.yaml" ||
		fail "deploy/deployment.yaml: expected 3 replicas of run, WIREWATCH_STORE and a read-only root"
	sed -e 's|^store: .*|store: ${WIREWATCH_STORE}|' "$scratch/etc/config.yaml" >"$scratch/etc/replicas.yaml"
	chmod a+r "$scratch/etc/replicas.yaml"
	sep='?'; case $pg_base in *\?*) sep='&' ;; esac
	store_url="$pg_base${sep}search_path=$pg_schema"
	ports=()
	for i in 1 2 3; do
		name=wirewatch-check-replica-$run_id-$i
		port=$((20000 + RANDOM % 20000))
		replica_names+=("$name"); ports+=("$port")
		podman run -d --name "$name" --network host --read-only --read-only-tmpfs=false --cap-drop ALL \
			--security-opt no-new-privileges -e WIREWATCH_HTTP_LISTEN="127.0.0.1:$port" -e WIREWATCH_STORE="$store_url" \
			-v "$src/examples:/srv/examples:ro" -v "$scratch/etc/replicas.yaml:/etc/wirewatch/config.yaml:ro" \
			"$IMAGE" run >/dev/null
	done
	for i in 0 1 2; do
		ready=
		for _ in $(seq 1 90); do
			if curl -fsS -m 2 "http://127.0.0.1:${ports[$i]}/readyz" >/dev/null 2>&1; then ready=1; break; fi
			sleep 0.5
		done
		if [ -n "$ready" ]; then pass "replica $((i + 1)) on PostgreSQL: /readyz answers 200"; else
			fail "replica $((i + 1)) on PostgreSQL: /readyz never answered 200"; podman logs "${replica_names[$i]}" 2>&1 | tail -20 >&2; fi
	done
	sleep 6 # a leadership check, for any replica that would lead too
	leaders=0
	for n in "${replica_names[@]}"; do
		# grep -c reads everything: no early exit for pipefail to see as a failure.
		if [ "$(podman logs "$n" 2>&1 | grep -c 'this replica leads' || true)" -gt 0 ]; then leaders=$((leaders + 1)); fi
	done
	if [ "$leaders" = 1 ]; then pass "replicas on PostgreSQL: exactly one leads"; else fail "replicas on PostgreSQL: $leaders leaders, want 1"; fi
	for n in "${replica_names[@]}"; do
		podman stop -t 20 "$n" >/dev/null
		code=$(podman inspect --format '{{.State.ExitCode}}' "$n")
		if [ "$code" = 0 ]; then pass "$n: stopped by SIGTERM, exit 0"; else fail "$n: SIGTERM: exit $code"; podman logs "$n" 2>&1 | tail -20 >&2; fi
		podman rm -f -t 0 "$n" >/dev/null 2>&1 || true
	done
	psql -q -d "$pg_base" -c "DROP SCHEMA IF EXISTS $pg_schema CASCADE" >/dev/null 2>&1 || true
elif [ -n "${CI:-}" ]; then
	fail "replicas on PostgreSQL: no PostgreSQL answers at $pg_base (CI starts it)"
else
	log "skipping the replicas on PostgreSQL: no PostgreSQL answers at $pg_base"
fi

# --- 6. deployment manifests -----------------------------------------------
if command -v docker-compose >/dev/null && [ -f "$src/deploy/docker-compose.yaml" ]; then
	if (cd "$src" && docker-compose -f deploy/docker-compose.yaml config -q) 2>"$scratch/err"; then
		pass "deploy/docker-compose.yaml: valid"
	else
		fail "deploy/docker-compose.yaml"; sed 's/^/     | /' "$scratch/err" >&2
	fi
fi

if [ "$failures" -gt 0 ]; then
	printf '\n%d check(s) failed\n' "$failures" >&2
	exit 1
fi
printf '\nall container checks passed (%s)\n' "$IMAGE" >&2

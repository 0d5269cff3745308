# Shared by the root scripts ./caspio-emulator and ./caspio-sql (sourced, not run).
# run_main <script-name> <main-class> [args...]: builds the integration-tests module and its
# runtime classpath on first use or when a main source or pom changed, then execs the class.
# Needs only JDK 17+ and Maven; works from any directory.

run_main() {
  local name="$1" main="$2"
  shift 2
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local module="$root/integration-tests"
  local classes="$module/target/classes"
  local cp_file="$module/target/launcher.classpath"
  local main_class="$classes/${main//.//}.class"

  if [[ ! -f "$cp_file" || ! -f "$main_class" || -n "$(find "$root" -path '*/target' -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -newer "$cp_file" -type f -print -quit)" ]]; then
    echo "$name: building (first run or sources changed)..." >&2
    # No tests and no shaded jar: only what the launcher's classpath needs.
    local goals=(-q -B -pl integration-tests -am package dependency:build-classpath
      -Dmaven.test.skip=true -Dcaspio.shade.skip=true -Dmdep.includeScope=runtime
      -Dmdep.outputFile=target/launcher.classpath)
    # The build log is shown only when the build fails.
    local log="$module/target/launcher-build.log"
    mkdir -p "$module/target"
    if ! (cd "$root" && mvn -o "${goals[@]}" >"$log" 2>&1); then
      echo "$name: offline build failed, retrying online..." >&2
      if ! (cd "$root" && mvn "${goals[@]}" >"$log" 2>&1); then
        cat "$log" >&2
        echo "$name: build failed" >&2
        exit 1
      fi
    fi
    # build-classpath leaves an unchanged file untouched; its time stamps this build.
    touch "$cp_file"
  fi

  local cp="$classes:$(cat "$cp_file")"
  local cds=()
  if [[ -n "${LAUNCHER_CDS_TRAINING+set}" ]]; then
    # Class-data sharing needs jars only: the module's jar (same build) stands in for classes/.
    local jar
    for jar in "$module"/target/caspio-integration-tests-*.jar; do
      [[ "$jar" == *-all.jar || "$main_class" -nt "$jar" ]] || break
      jar=""
    done
    if [[ -f "$jar" ]]; then
      cp="$jar:$(cat "$cp_file")"
      cds_options "$name" "$main" "$cp" "$module/target/cds"
    fi
  fi

  # JAVA_OPTS: extra JVM options, split on blanks (e.g. JAVA_OPTS='-Xmx2g'); they come last, so
  # that they win over the launcher's own.
  # shellcheck disable=SC2086
  exec java ${cds[@]+"${cds[@]}"} ${JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}

# cds_options <name> <main-class> <classpath> <dir>: sets the caller's array cds to the options
# that start the JVM from this checkout's dynamic AppCDS archive (classes already parsed, verified
# and laid out: about half the start-up CPU time of caspio-sql). When the archive is missing or
# older than a jar of the classpath, a one-time training run (<main-class> with the arguments in
# LAUNCHER_CDS_TRAINING, output to <dir>/<name>.log) makes it first. The archive is named after
# the JDK and the training arguments, and the JVM itself refuses (silently, -Xshare:auto) an archive whose JDK or jars
# differ. Any failure leaves cds empty: the program then starts as without the archive.
cds_options() {
  local name="$1" main="$2" cp="$3" dir="$4"
  local java_bin java_home key
  java_bin="$(command -v java)" || return 0
  java_bin="$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")"
  java_home="$(dirname "$(dirname "$java_bin")")"
  key="$( (echo "$java_bin" "${LAUNCHER_CDS_TRAINING[*]}"; cat "$java_home/release" 2>/dev/null) |
    cksum | cut -d' ' -f1)"
  local archive="$dir/$name-$key.jsa"
  local failed="$archive.failed"

  local entries
  IFS=: read -r -a entries <<<"$cp"
  if ! cds_fresh "$archive" "${entries[@]}" && ! cds_fresh "$failed" "${entries[@]}"; then
    mkdir -p "$dir" 2>/dev/null || return 0
    rm -f "$dir/$name"-*.jsa "$dir/$name"-*.failed
    echo "$name: preparing a class-data sharing archive for faster starts (once per build)..." >&2
    local tmp="$archive.$$.tmp"
    # shellcheck disable=SC2086
    if ! java -XX:ArchiveClassesAtExit="$tmp" ${JAVA_OPTS:-} -cp "$cp" "$main" \
        "${LAUNCHER_CDS_TRAINING[@]}" </dev/null >"$dir/$name.log" 2>&1 ||
        [[ ! -s "$tmp" ]] || ! mv -f "$tmp" "$archive"; then
      rm -f "$tmp"
      : >"$failed"
      echo "$name: no archive (see $dir/$name.log); starting without it" >&2
      return 0
    fi
  fi
  if [[ -f "$archive" ]]; then
    # -Xlog:cds*=off: a refused archive is not worth a warning on the program's output.
    cds=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds*=off)
  fi
}

# cds_fresh <file> <path>...: whether <file> exists and no <path> is newer.
cds_fresh() {
  local file="$1" path
  shift
  [[ -f "$file" ]] || return 1
  for path in "$@"; do
    [[ "$path" -nt "$file" ]] && return 1
  done
  return 0
}

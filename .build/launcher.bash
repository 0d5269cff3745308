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

  # JAVA_OPTS: extra JVM options, split on blanks (e.g. JAVA_OPTS='-Xmx2g').
  # shellcheck disable=SC2086
  exec java ${JAVA_OPTS:-} -cp "$classes:$(cat "$cp_file")" "$main" "$@"
}

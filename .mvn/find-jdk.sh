# shellcheck shell=sh
# Finds a JDK 21 or newer for ./mvnw and ./rec4j. Sourced (POSIX sh), defines:
#   rec4j_find_jdk  prints the home of the first JDK 21+ found, or nothing and returns 1.
# Looks where maven-toolchains-plugin's JDK discovery looks on Linux and macOS (the build compiles and tests with the
# JDK that plugin selects; see the root pom): JAVA_HOME, `java` on the PATH, JAVA<n>_HOME variables, /usr/lib/jvm,
# /usr/java, /usr/jdk, /opt/java, SDKMAN, ~/.jdks, jenv's, Gradle's, jbang's, asdf's and jabba's JDKs, and /Library/Java.

rec4j_jdk_major() { # prints the feature version of the JDK at $1 (0 when unknown); reads its `release` file
  _v=""
  if [ -r "$1/release" ]; then
    _v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)"
  fi
  if [ -z "$_v" ] && [ -x "$1/bin/java" ]; then
    _v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)"
  fi
  case "$_v" in '' | *[!0-9]*) echo 0 ;; *) echo "$_v" ;; esac
}

rec4j_find_jdk() {
  _path_java=""
  if command -v java >/dev/null 2>&1; then
    _path_java="$(dirname "$(dirname "$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)")")"
  fi
  for _home in "${JAVA_HOME:-}" "$_path_java" \
    $(env | sed -n 's/^JAVA[0-9][0-9]*_HOME=//p') \
    /usr/lib/jvm/* /usr/java/* /usr/jdk/* /opt/java/* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.gradle/jdks/* "$HOME"/.jbang/cache/jdks/* \
    "$HOME"/.asdf/installs/java/* "$HOME"/.jabba/jdk/* "$HOME"/.jenv/versions/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$_home" ] && [ -x "$_home/bin/java" ] && [ -x "$_home/bin/javac" ] \
      && [ "$(rec4j_jdk_major "$_home")" -ge 21 ]; then
      echo "$_home"
      return 0
    fi
  done
  return 1
}

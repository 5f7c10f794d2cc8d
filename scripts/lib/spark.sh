# Sourced by Harvest's scripts: where spark-submit comes from.
#   SPARK_HOME, when set, is the user's own Spark 4.2 distribution and wins.
#   Otherwise the pyspark package from PyPI (a genuine Spark distribution: bin/spark-submit,
#   bin/spark-class, jars/), pinned, in a virtualenv that scripts/setup makes under
#   ~/.cache/harvest (HARVEST_CACHE), outside target/ so that `mvn clean` keeps it.

HARVEST_PYSPARK_VERSION=4.2.0
harvest_cache="${HARVEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/harvest}"
harvest_pyspark_venv="$harvest_cache/pyspark-$HARVEST_PYSPARK_VERSION"

# The Spark home of the cached pyspark, or nothing when it is not (completely) installed.
harvest_pyspark_home() {
  [ -f "$harvest_pyspark_venv/.installed" ] || return 0
  local home
  for home in "$harvest_pyspark_venv"/lib/python3*/site-packages/pyspark; do
    [ -x "$home/bin/spark-submit" ] && echo "$home"
  done
  return 0
}

# Exports SPARK_HOME: the user's, or the cached pyspark (installed by scripts/setup when missing,
# unless HARVEST_SETUP=0, as under a scheduler).
harvest_use_spark() {
  if [ -z "${SPARK_HOME:-}" ]; then
    SPARK_HOME=$(harvest_pyspark_home)
    if [ -z "$SPARK_HOME" ] && [ "${HARVEST_SETUP:-1}" = 1 ]; then
      bash "$(dirname "${BASH_SOURCE[0]}")/../setup" >&2
      SPARK_HOME=$(harvest_pyspark_home)
    fi
    if [ -z "$SPARK_HOME" ]; then
      echo "harvest: no Spark: set SPARK_HOME to a Spark 4.2 distribution, or run scripts/setup" >&2
      return 2
    fi
  fi
  if [ ! -x "$SPARK_HOME/bin/spark-submit" ]; then
    echo "harvest: SPARK_HOME=$SPARK_HOME has no bin/spark-submit" >&2
    return 2
  fi
  export SPARK_HOME
}

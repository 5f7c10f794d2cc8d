"""Harvest's jobs on Airflow: one DAG per job (dag ids ``harvest_<job>``), each one
SparkSubmitOperator that submits the same jar, with the same settings, as the README's plain
spark-submit line:

- the job's options come from its versioned argument file ``jobs/<job>.args``; only the input
  and the output are given here, the output under the run's logical date (``<root>/<job>/{{ ds }}``);
- the Spark settings are those of ``conf/spark-defaults.conf`` with ``conf/profiles/<job>.conf``
  over it (as ``--load-spark-defaults`` would merge them), each one a ``--conf``;
  ``conf/log4j2.properties`` goes to the driver (``SPARK_CONF_DIR``) and the executors (``--files``);
- a retry is safe: the thumbnails job runs with ``--resume`` (its argument file says so), so a
  retried run keeps what the failed one finished and still writes one row per input; the fetch
  job writes its manifest in one commit at the end, so a retry replaces it whole; the images
  job too (but WebDataset shards that a failed attempt's tasks finished stay beside the retry's:
  their rows are in no manifest);
- a failing job fails its task (spark-submit's non-zero exit code).

Settings that differ per deployment are Airflow Variables, with defaults that work on one
machine from a checkout:

- ``harvest_home``: the folder holding ``target/harvest.jar``, ``conf/`` and ``jobs/`` (default:
  this checkout);
- ``harvest_jar``: the application jar (default ``<harvest_home>/target/harvest.jar``);
- ``harvest_input_root`` / ``harvest_output_root``: where inputs are read and outputs written
  (default ``<harvest_home>/sample`` and ``<harvest_home>/target/airflow-output``);
- ``harvest_<job>_extra_args``: more options for one job, after its argument file (a shell-quoted
  line, default none): ``--allow-private`` where the images live on an internal host,
  ``--concurrency 256`` for a bigger fetch;
- ``harvest_spark_conn_id``: the Spark connection, which holds the master
  (``spark://host:7077`` with ``{"deploy-mode": "client"}``, ``yarn``, ``k8s://…``); default
  ``harvest_local``, defined below as ``local[*]`` unless the deployment defines it.

The provider runs the ``spark-submit`` found on PATH (``$SPARK_HOME/bin``).
"""

from __future__ import annotations

import os
import shlex
from datetime import datetime, timedelta
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Variable

CHECKOUT = Path(__file__).resolve().parents[2]

# One machine's default master, as an Airflow connection from the environment; a deployment
# points harvest_spark_conn_id at its own connection, or defines this one.
os.environ.setdefault("AIRFLOW_CONN_HARVEST_LOCAL", '{"conn_type": "spark", "host": "local[*]"}')


def setting(name: str, default: str) -> str:
    return Variable.get(name, default=default)


HOME = Path(setting("harvest_home", str(CHECKOUT)))
JAR = setting("harvest_jar", str(HOME / "target" / "harvest.jar"))
INPUT_ROOT = setting("harvest_input_root", str(HOME / "sample"))
OUTPUT_ROOT = setting("harvest_output_root", str(HOME / "target" / "airflow-output"))
CONN_ID = setting("harvest_spark_conn_id", "harvest_local")


def spark_settings(job: str) -> dict[str, str]:
    """conf/spark-defaults.conf with conf/profiles/<job>.conf over it (its keys win)."""
    settings: dict[str, str] = {}
    for path in (HOME / "conf" / "spark-defaults.conf", HOME / "conf" / "profiles" / f"{job}.conf"):
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = _split(line)
            settings[key] = value
    return settings


def _split(line: str) -> tuple[str, str, str]:
    """A Java properties line: key, then '=', ':' or blanks, then the value."""
    for i, c in enumerate(line):
        if c in "=: \t":
            return line[:i], c, line[i + 1:].lstrip(" \t=:").strip()
    return line, "", ""


def harvest_task(job: str, input_path: str) -> SparkSubmitOperator:
    return SparkSubmitOperator(
        task_id=job,
        conn_id=CONN_ID,
        spark_binary="spark-submit",
        application=JAR,
        java_class="io.harvest.cli.HarvestCli",
        name=f"harvest-{job}-{{{{ ds }}}}",
        conf=spark_settings(job),
        files=str(HOME / "conf" / "log4j2.properties"),
        env_vars={"SPARK_CONF_DIR": str(HOME / "conf"), "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")},
        application_args=[job, f"@{HOME / 'jobs' / f'{job}.args'}", "--input", input_path,
                          "--output", f"{OUTPUT_ROOT}/{job}/{{{{ ds }}}}",
                          *shlex.split(setting(f"harvest_{job}_extra_args", ""))],
        retries=2,
        retry_delay=timedelta(minutes=1),
    )


def harvest_dag(job: str, description: str, input_path: str) -> DAG:
    """One daily DAG, harvest_<job>, whose one task submits the job."""
    with DAG(
        dag_id=f"harvest_{job}",
        description=description,
        schedule="@daily",
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,
        tags=["harvest"],
    ) as dag:
        harvest_task(job, input_path)
    return dag


thumbnails = harvest_dag("thumbnails", "Thumbnails of the images under harvest_input_root/images",
                         f"{INPUT_ROOT}/images")
fetch = harvest_dag("fetch", "Fetches the URLs listed in harvest_input_root/urls/<ds>.txt",
                    f"{INPUT_ROOT}/urls/{{{{ ds }}}}.txt")
images = harvest_dag("images", "Thumbnails of the image URLs listed in harvest_input_root/image-urls/<ds>.txt"
                     " (a text list, or a CSV/Parquet table with a url column and captions)",
                     f"{INPUT_ROOT}/image-urls/{{{{ ds }}}}.txt")

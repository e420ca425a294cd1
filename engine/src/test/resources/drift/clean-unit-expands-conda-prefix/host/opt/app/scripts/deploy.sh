#!/bin/bash
set -e
. /etc/app/runtime.env
"$CONDA_PREFIX/bin/python3.11" -m ingest.migrate

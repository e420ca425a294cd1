#!/bin/bash
set -e
. /etc/app/runtime.env
/opt/conda/envs/ingest/bin/python3.11 -m ingest.migrate

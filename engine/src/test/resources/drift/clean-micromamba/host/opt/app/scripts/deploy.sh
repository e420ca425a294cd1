#!/usr/bin/env bash
export MAMBA_ROOT_PREFIX=/opt/micromamba
eval "$(micromamba shell hook --shell bash)"
micromamba activate ingest
. /etc/app/runtime.env
micromamba run -r "$MAMBA_ROOT_PREFIX" -n ingest python3.12 -m ingest.migrate

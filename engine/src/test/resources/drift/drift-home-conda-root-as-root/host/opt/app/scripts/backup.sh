#!/bin/bash
# nightly from root's crontab
source $HOME/miniconda3/etc/profile.d/conda.sh
eval "$(~/miniconda3/bin/conda shell.bash hook)"
conda activate ingest
python -m ingest.backup --to /var/backups/ingest

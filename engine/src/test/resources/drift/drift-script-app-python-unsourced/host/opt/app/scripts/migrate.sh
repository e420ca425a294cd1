#!/bin/bash
set -euo pipefail
cd /srv/ingest
"$APP_PYTHON" -m ingest.migrate

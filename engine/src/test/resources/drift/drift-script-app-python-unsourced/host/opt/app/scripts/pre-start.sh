#!/bin/sh
"$APP_PYTHON" -m ingest.check_config

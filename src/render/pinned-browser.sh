#!/bin/sh
# Starts the browser on one CPU (see Worker.launch): its H.264 encoder is only deterministic there.
exec "$NNM_TASKSET" -c "$NNM_CPU" "$NNM_BROWSER" "$@"

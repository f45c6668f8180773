#!/usr/bin/env bash
# Stops the single-node SLURM that start.sh started in FOLDER: its jobs first, then the
# daemons, each by the process id it recorded in the folder.
set -uo pipefail

dir=${1:?usage: stop.sh FOLDER}
dir=$(cd "$dir" && pwd) || exit 1
export PATH="$PATH:/usr/sbin:/sbin"
export SLURM_CONF=$dir/slurm.conf

running() {  # pid, program name: false once it has exited (or the id is another's)
    [ "$(cat "/proc/$1/comm" 2> /dev/null)" = "$2" ]
}

stop() {  # pairs of pid file and program name
    local pids=() names=() pid i
    while (($#)); do
        if pid=$(cat "$1" 2> /dev/null) && running "$pid" "$2" && kill "$pid" 2> /dev/null; then
            pids+=("$pid")
            names+=("$2")
        fi
        shift 2
    done
    for i in "${!pids[@]}"; do
        for _ in $(seq 50); do
            running "${pids[$i]}" "${names[$i]}" || continue 2
            sleep 0.2
        done
        kill -9 "${pids[$i]}" 2> /dev/null
    done
}

if [ -f "$dir/slurmctld.pid" ] && [ -f "$SLURM_CONF" ]; then
    # no job outlives its scheduler (submitit jobs ignore SIGTERM: SIGKILL follows
    # after KillWait, 30 s)
    scancel --user="$(id -un)" 2> /dev/null
    for _ in $(seq 200); do
        [ -z "$(squeue --noheader 2> /dev/null)" ] && break
        sleep 0.2
    done
fi
stop "$dir/slurmd.pid" slurmd "$dir/slurmctld.pid" slurmctld "$dir/slurmdbd.pid" slurmdbd
stop "$dir/db/mysqld.pid" mariadbd "$dir/munge/munged.pid" munged
exit 0

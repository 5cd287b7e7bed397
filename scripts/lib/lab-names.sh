# shellcheck shell=bash disable=SC2034  # used by the scripts that source it
# scripts/lib/lab-names.sh — how the office lab names things.
#
# Sourced by scripts/lab and scripts/bench so both agree on namespace and
# interface names. Every namespace the lab makes starts with "ffl-": that
# prefix is the only thing the sweepers in scripts/lab ever delete, so the
# host's own namespaces and interfaces can never be touched.

LAB_NS_PREFIX=ffl-
LAB_APP_IF=lab0                 # the appliance's interface, inside ffl-LAB-app
LAB_APP_MAC=02:ff:00:00:00:01   # locally administered; devices use 02:ff:01:...
LAB_DEV_IF=eth0                 # each device's interface, inside ffl-LAB-NAME
LAB_BRIDGE=br0                  # inside ffl-LAB-sw

# lab_name_ok LAB — lab names are short so that namespace names stay readable
# and so that "ffl-LAB-" can never be a prefix of another lab's namespaces
# (no dashes inside a name).
lab_name_ok() { [[ $1 =~ ^[a-z0-9]{1,8}$ ]]; }

lab_sw_ns()  { printf '%s%s-sw' "$LAB_NS_PREFIX" "$1"; }
lab_app_ns() { printf '%s%s-app' "$LAB_NS_PREFIX" "$1"; }
# lab_dev_ns LAB DEV
lab_dev_ns() { printf '%s%s-%s' "$LAB_NS_PREFIX" "$1" "$2"; }

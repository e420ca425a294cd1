#!/bin/sh
# Asks a real polkitd what it answers to user healguard for org.freedesktop.systemd1.manage-units.
# Run as root inside `unshare -m --propagation private`: the bind mounts below (the rules to test
# over /etc/polkit-1/rules.d, a passwd with user healguard) exist only in that mount namespace,
# on a private system bus at WORK/bus. Prints one line per question: "UNIT VERB yes|no".
#   polkit-check.sh WORK RULES_DIR UID UNIT:VERB...
set -eu
work=$1 rules=$2 uid=$3
shift 3
sed "s|<listen>.*</listen>|<listen>unix:path=$work/bus</listen>|; s|<pidfile>.*</pidfile>||" \
  /usr/share/dbus-1/system.conf > "$work/bus.conf"
ln -sfn /usr/share/dbus-1/system.d "$work/system.d"   # <includedir>system.d</includedir> is relative
{ cat /etc/passwd; echo "healguard:x:$uid:$uid::/nonexistent:/usr/sbin/nologin"; } > "$work/passwd"
mount --bind "$rules" /etc/polkit-1/rules.d
mount --bind "$work/passwd" /etc/passwd
dbus-daemon --config-file="$work/bus.conf" --fork --print-pid > "$work/dbus.pid"
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/bus"
/usr/lib/polkit-1/polkitd > "$work/polkitd.log" 2>&1 &
polkitd=$!
setpriv --reuid="$uid" --regid="$uid" --clear-groups sleep 60 &
subject=$!
trap 'kill $subject $polkitd $(cat "$work/dbus.pid") 2>/dev/null || true' EXIT
i=0
# ready once it answers on the bus (a real daemon, polled with a 10 s deadline)
until pkaction --action-id org.freedesktop.systemd1.manage-units > /dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -le 100 ] || { echo "polkitd did not start:"; cat "$work/polkitd.log"; exit 1; }; sleep 0.1
done
start=$(awk '{print $22}' "/proc/$subject/stat")
for q in "$@"; do
  unit=${q%%:*} verb=${q#*:}
  if pkcheck --action-id org.freedesktop.systemd1.manage-units --process "$subject,$start,$uid" \
      --detail unit "$unit" --detail verb "$verb" > /dev/null 2>&1; then
    echo "$unit $verb yes"
  else
    echo "$unit $verb no"
  fi
done

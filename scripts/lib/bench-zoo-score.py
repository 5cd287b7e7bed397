#!/usr/bin/env python3
"""scripts/lib/bench-zoo-score.py — scores scripts/bench-zoo's run: each tool's events against the truth.

Usage: bench-zoo-score.py WORKDIR CONSIDER_HOME_MS GRACE_MS SCALE    prints the table, writes WORKDIR/score.json
       bench-zoo-score.py --targets WORKDIR AWAY_AFTER_S                footfall's targets from score.json
WORKDIR holds (all times Unix ms):
  truth       "MS arrive|leave PERSON" — what the day's driver did, when it did it
  people      "PERSON MAC" — the MAC each person is known by (as configured everywhere)
  nmap.scans  "MS MAC..." — one line per finished `nmap -sn` (Home Assistant's nmap tracker model)
  arpscan.scans  the same for arp-scan (ouroffice's model)
  footfall.json  `footfall log --json`
The two baselines' trackers are replayed here from their scans, exactly as they decide online: a device is home
from the scan that sees it, and gone at the first scan more than CONSIDER_HOME_MS (GRACE_MS) after it was last seen.
"""
import json
import statistics
import sys
from datetime import datetime


def read_lines(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]


def truth_intervals(rows):
    """PERSON -> [[arrive_ms, leave_ms or None], ...]"""
    intervals = {}
    for ms, action, person in rows:
        spans = intervals.setdefault(person, [])
        if action == "arrive":
            spans.append([int(ms), None])
        elif spans and spans[-1][1] is None:
            spans[-1][1] = int(ms)
    return intervals


def replay_tracker(scans, macs, grace_ms):
    """Events [(ms, 'arrive'|'leave', person)] of a last-seen tracker with a grace period."""
    events, last_seen, home = [], {}, set()
    for row in scans:
        t, seen = int(row[0]), {m.lower() for m in row[1:]}
        for person, mac in macs.items():
            if mac in seen:
                last_seen[person] = t
                if person not in home:
                    home.add(person)
                    events.append((t, "arrive", person))
            elif person in home and t - last_seen[person] > grace_ms:
                home.discard(person)
                events.append((t, "leave", person))
    return events


def footfall_events(path, people):
    with open(path) as f:
        text = f.read().strip()
    data = json.loads(text) if text else []
    if isinstance(data, dict):
        data = data.get("events", [])
    events = []
    for e in data:
        kind = {"arrived": "arrive", "left": "leave"}.get(e.get("kind"))
        if kind is None or e.get("person") not in people:
            continue
        at = datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
        events.append((round(at.timestamp() * 1000), kind, e["person"]))
    return sorted(events)


def score(events, intervals):
    """The table's rows for one tool."""
    false_dep = false_arr = missed_arr = missed_dep = 0
    arr_delays, dep_delays = [], []
    for person, spans in intervals.items():
        arrived = [False] * len(spans)
        departed = [False] * len(spans)
        for t, kind, p in sorted(e for e in events if e[2] == person):
            # The truth interval t falls in (present), or the last one that began before t.
            inside = next((i for i, (a, d) in enumerate(spans) if a <= t and (d is None or t < d)), None)
            before = max((i for i, (a, _) in enumerate(spans) if a <= t), default=None)
            if kind == "arrive":
                # An arrival counts for the visit it falls in, or for one that ended just before it came
                # (reported late): once per visit. Any other is a duplicate announcement.
                i = inside if inside is not None else before
                if i is not None and not arrived[i] and not departed[i]:
                    arrived[i] = True
                    arr_delays.append(t - spans[i][0])
                else:
                    false_arr += 1
            else:
                if inside is not None:
                    false_dep += 1
                elif before is not None and not departed[before]:
                    departed[before] = True
                    dep_delays.append(t - spans[before][1])
        missed_arr += arrived.count(False)
        missed_dep += sum(1 for i, (_, d) in enumerate(spans) if d is not None and not departed[i])
    return {
        "false departures": false_dep,
        "false arrivals (duplicate announcements)": false_arr,
        "missed arrivals": missed_arr,
        "arrival delay, median (s)": statistics.median(arr_delays) / 1000 if arr_delays else None,
        "arrival delay, worst (s)": max(arr_delays) / 1000 if arr_delays else None,
        "departure delay, median (s)": statistics.median(dep_delays) / 1000 if dep_delays else None,
        "missed departures": missed_dep,
    }


def targets(work, away_s):
    with open(f"{work}/score.json") as f:
        table = json.load(f)
    ff = table["footfall"]

    def no_worse(row):
        others = [table[name][row] for name in table if name != "footfall"]
        return ff[row] is not None and all(o is None or ff[row] <= o for o in others)

    dep = ff["departure delay, median (s)"]
    over = None if dep is None else dep - away_s
    checks = [
        ("0 false departures", ff["false departures"] == 0),
        ("0 false arrivals", ff["false arrivals (duplicate announcements)"] == 0),
        ("no missed arrival", ff["missed arrivals"] == 0),
        ("arrival median <= 2 s", (ff["arrival delay, median (s)"] or 1e9) <= 2),
        (f"departure median - awayAfter <= 60 s (awayAfter {away_s} s, beyond it "
         f"{'-' if over is None else f'{over:.2f}'} s)", over is not None and over <= 60),
    ] + [(f"no worse than HA nmap and arp-scan: {row}", no_worse(row)) for row in ff]
    print()
    for name, ok in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {name}")


def main():
    if sys.argv[1] == "--targets":
        targets(sys.argv[2], int(sys.argv[3]))
        return
    work, consider_home_ms, grace_ms, scale = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    intervals = truth_intervals(read_lines(f"{work}/truth"))
    macs = {p: m.lower() for p, m in read_lines(f"{work}/people")}
    tools = {
        "footfall": footfall_events(f"{work}/footfall.json", macs),
        "HA nmap": replay_tracker(read_lines(f"{work}/nmap.scans"), macs, consider_home_ms),
        "arp-scan": replay_tracker(read_lines(f"{work}/arpscan.scans"), macs, grace_ms),
    }
    table = {name: score(events, intervals) for name, events in tools.items()}
    visits = sum(len(s) for s in intervals.values())
    print(f"{visits} visits by {len(intervals)} people; delays in real seconds (x{scale:g} for the day's time)")
    print(f"{'':44}" + "".join(f"{name:>12}" for name in tools))
    for row in table["footfall"]:
        cells = []
        for name in tools:
            v = table[name][row]
            cells.append(f"{'-' if v is None else (f'{v:.2f}' if isinstance(v, float) else v):>12}")
        print(f"{row:44}" + "".join(cells))
    with open(f"{work}/score.json", "w") as f:
        json.dump(table, f, indent=1)


if __name__ == "__main__":
    main()

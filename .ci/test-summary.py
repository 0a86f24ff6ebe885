#!/usr/bin/env python3
"""One line per Maven module: tests run, failed, skipped, and why each skipped test was skipped.

Reads the Surefire and Failsafe XML reports under each module's target/. A module without reports
is listed as "no tests ran", so a suite that silently did not run is visible.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

MODULES = ["processing-core", "device-sim", "mm-plugin/plugin"]


def summarize(root, module):
    files = sorted(glob.glob(os.path.join(root, module, "target", "surefire-reports", "TEST-*.xml"))
                   + glob.glob(os.path.join(root, module, "target", "failsafe-reports", "TEST-*.xml")))
    if not files:
        return "%-18s no tests ran (no Surefire/Failsafe reports)" % module, False
    run = failed = skipped = 0
    reasons = []
    for f in files:
        try:
            suite = ET.parse(f).getroot()
        except ET.ParseError as e:
            reasons.append("unreadable report %s: %s" % (os.path.basename(f), e))
            failed += 1
            continue
        for case in suite.iter("testcase"):
            run += 1
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            sk = case.find("skipped")
            if sk is not None:
                skipped += 1
                why = (sk.get("message") or sk.text or "no reason given").strip().splitlines()[0]
                for noise in ("org.opentest4j.TestAbortedException: ", "Assumption failed: "):
                    why = why.replace(noise, "")
                reasons.append("%s.%s: %s" % (case.get("classname", "").rsplit(".", 1)[-1], case.get("name"), why))
    line = "%-18s tests run %d, failed %d, skipped %d" % (module, run, failed, skipped)
    if reasons:
        line += " (" + "; ".join(reasons) + ")"
    return line, failed == 0


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    print("== test summary per module ==")
    ok = True
    for m in MODULES:
        line, good = summarize(root, m)
        ok = ok and good
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Check an AccessKit (eframe) app over AT-SPI, the interface Orca uses, on a headless Linux.

Starts Xvfb (unless --no-xvfb and DISPLAY is set), a private D-Bus session bus, turns
accessibility on (which D-Bus-activates at-spi-bus-launcher and the registry), launches the app,
finds it on the AT-SPI desktop, walks its tree and checks:
  * every heading is a node with role "heading" (count compared with --expect-headings),
  * the first paragraph's text is readable (its name, and the document's Text interface),
  * no control (button, entry, link, ...) is nameless or named only by a symbol.
Then drives it like a screen reader would: grabFocus on a far heading (AccessKit Action::Focus),
scrollTo (Action::ScrollIntoView) and Text.setCaretOffset (Action::SetTextSelection).

Debian packages: xvfb dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0 (python3-gi).
Run with Debian's interpreter (/usr/bin/python3), not a pyenv/venv one: pyatspi lives there.

  /usr/bin/python3 atspi_check.py --expect-headings 15 -- /path/to/app [args]
Exit status 0 when every check passed; a JSON summary is printed last.
"""
import argparse
import json
import os
import subprocess
import sys
import time

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "entry", "password text",
    "combo box", "link", "menu item", "check menu item", "radio menu item", "slider",
    "spin button", "page tab", "list item (option)", "tree item", "text",
}


def children_of(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    kids.append(int(d))
            except OSError:
                pass
    return kids


def start_session(args):
    env = dict(os.environ)
    procs = []  # (pid, what) of everything we started, killed in reverse order at the end
    if args.xvfb or not env.get("DISPLAY"):
        disp = f":{args.display}"
        x = subprocess.Popen(["Xvfb", disp, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append((x.pid, "Xvfb"))
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{args.display}"):
                break
            time.sleep(0.05)
        env["DISPLAY"] = disp
    # at-spi-bus-launcher (activated by this bus, inheriting its environment) stores IsEnabled
    # in GSettings org.gnome.desktop.interface toolkit-accessibility; with dconf installed that
    # lands in ~/.config/dconf/user and turns a11y on for every later session. Keep it in memory.
    env["GSETTINGS_BACKEND"] = "memory"
    out = subprocess.check_output(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"], text=True, env=env
    ).split()
    env["DBUS_SESSION_BUS_ADDRESS"], bus_pid = out[0], int(out[1])
    procs.append((bus_pid, "dbus-daemon"))
    # No stale a11y bus from the caller's environment.
    env.pop("AT_SPI_BUS_ADDRESS", None)
    env.pop("NO_AT_BRIDGE", None)
    # Accessibility on. org.a11y.Bus is D-Bus-activated (at-spi-bus-launcher, which starts the
    # a11y bus and the registry); AccessKit's unix adapter watches org.a11y.Status.IsEnabled and
    # only exposes its tree while it is true. (On a desktop, GNOME sets it when Orca starts or via
    # gsettings org.gnome.desktop.interface toolkit-accessibility; headless nobody does.)
    if args.a11y_off:
        return env, procs
    subprocess.check_call(
        ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
         "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status", "string:IsEnabled",
         "variant:boolean:true"], env=env, stdout=subprocess.DEVNULL)
    return env, procs


def stop(procs):
    for pid, what in reversed(procs):
        # Children the bus activated (at-spi-bus-launcher, and its a11y dbus-daemon / registryd).
        stack, tree = [pid], []
        while stack:
            p = stack.pop()
            tree.append(p)
            stack.extend(children_of(p))
        for p in reversed(tree):
            try:
                os.kill(p, 15)
            except ProcessLookupError:
                pass


def walk(acc, depth=0, out=None):
    """Depth-first list of (depth, accessible). One D-Bus round trip per property read."""
    if out is None:
        out = []
    out.append((depth, acc))
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, out)
    return out


def named_in_words(name):
    words = "".join(c if c.isalpha() else " " for c in name or "").split()
    return any(len(w) >= 2 for w in words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--display", type=int, default=97)
    ap.add_argument("--xvfb", action="store_true", help="start Xvfb even if DISPLAY is set")
    ap.add_argument("--expect-headings", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--dump", type=int, default=40, help="print this many nodes of the tree")
    ap.add_argument("--screenshot", default=None, help="write a PNG of the screen (needs imagemagick)")
    ap.add_argument("--a11y-off", action="store_true",
                    help="don't enable a11y; just run the app to its end (for timing baselines)")
    ap.add_argument("--only-enable", action="store_true",
                    help="enable a11y, wait until the document is exposed, then let the app run to its end")
    ap.add_argument("app", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    app_cmd = [a for a in args.app if a != "--"]

    env, procs = start_session(args)
    failures, summary = [], {}
    try:
        app = subprocess.Popen(app_cmd, env=env)
        procs.append((app.pid, "app"))
        if args.a11y_off:
            app.wait()
            return
        # pyatspi reads the session bus address at import: set the environment first.
        os.environ.update({k: env[k] for k in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")})
        import pyatspi  # noqa: E402

        t0 = time.time()
        target = None
        while time.time() - t0 < args.timeout and target is None:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                a = desktop.getChildAtIndex(i)
                try:
                    if a is not None and a.get_process_id() == app.pid and a.childCount > 0:
                        target = a
                except Exception:
                    pass
            if target is None:
                time.sleep(0.25)
        if target is None:
            raise SystemExit(f"app pid {app.pid} never appeared on the AT-SPI desktop")
        summary["seconds_until_app_on_bus"] = round(time.time() - t0, 2)
        # The tree arrives a frame or two after activation: wait for the document's children
        # (a shallow look; a full walk of a big tree takes seconds).
        def shallow(acc, depth=0):
            if acc.getRoleName() == "document frame":
                return acc
            if depth >= 4:
                return None
            for i in range(acc.childCount):
                c = acc.getChildAtIndex(i)
                found = c is not None and shallow(c, depth + 1)
                if found:
                    return found
            return None
        for _ in range(80):
            d = shallow(target)
            if d is not None and d.childCount > 0:
                break
            time.sleep(0.25)
        if args.only_enable:
            # Timing runs: the adapter is active and an AT is connected; let the app run out.
            summary["document_children"] = d.childCount if d is not None else None
            app.wait()
            return
        t1 = time.time()
        nodes = walk(target)
        rows = [(d, a, a.getRoleName(), a.name or "") for d, a in nodes]
        summary["nodes"] = len(rows)
        summary["walk_seconds"] = round(time.time() - t1, 2)
        summary["app_name"] = target.name
        for d, a, role, name in rows[: args.dump]:
            print(f"{'  ' * d}{role}: {name[:70]!r}")

        headings = [(a, name) for _, a, role, name in rows if role == "heading"]
        summary["headings"] = len(headings)
        summary["first_headings"] = [n for _, n in headings[:3]]
        summary["heading_attributes"] = dict(headings[0][0].getAttributes() and
                                             [kv.split(":", 1) for kv in headings[0][0].getAttributes()]) if headings else {}
        if args.expect_headings is not None and len(headings) != args.expect_headings:
            failures.append(f"{len(headings)} heading nodes, expected {args.expect_headings}")

        paras = [(a, name) for _, a, role, name in rows if role == "paragraph"]
        summary["first_paragraph_name"] = paras[0][1][:80] if paras else None
        if not paras or not paras[0][1].strip():
            failures.append("first paragraph has no readable name")
        docs = [a for _, a, role, _ in rows if role == "document frame"]
        if docs:
            text = docs[0].queryText()
            summary["document_characters"] = text.characterCount
            summary["document_text_start"] = text.getText(0, 80)
            summary["document_caret"] = text.caretOffset
        else:
            failures.append("no document frame")

        bad = [f"{role} {name!r}" for _, a, role, name in rows
               if role in CONTROL_ROLES and not named_in_words(name)]
        summary["controls"] = sum(1 for r in rows if r[2] in CONTROL_ROLES)
        summary["controls_unnamed_or_symbol"] = bad
        if bad:
            failures.append(f"controls without a name in words: {bad}")

        # Drive it like a screen reader: focus a heading far off screen.
        if len(headings) > 2:
            far, far_name = headings[-2]
            before = far.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            ok = far.queryComponent().grabFocus()
            time.sleep(0.7)
            after = far.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            summary["grabFocus_far_heading"] = {"name": far_name, "ok": bool(ok),
                                               "y_before": before.y, "y_after": after.y}
            if docs:
                # Caret browsing: the document's Text interface follows the caret.
                t = docs[0].queryText()
                summary["caret_after_focus"] = t.caretOffset
                t.setCaretOffset(5)
                time.sleep(0.7)
                summary["caret_after_setCaretOffset_5"] = docs[0].queryText().caretOffset
        if args.screenshot:
            subprocess.call(["import", "-window", "root", args.screenshot], env=env)
    finally:
        if not args.a11y_off and os.environ.get("WAIT_APP"):
            app.wait()  # let the app finish (e.g. print its timing) before tearing down
        stop(procs)
    summary["failures"] = failures
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

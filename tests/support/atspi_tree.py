#!/usr/bin/python3
"""Reads Copydesk's accessibility tree through AT-SPI, as Orca does.

Run inside a private D-Bus session whose accessibility bus has
ScreenReaderEnabled set (tests/screen_reader.rs does that). Waits for the
application named ARGV[1], prints its tree as JSON, then opens the menu
named ARGV[2] through its AT-SPI action (a click, as a screen reader's
user would) and prints the tree again: two JSON documents, one per line.
Each node: {"role", "name", "description", "children"}.
"""
import json
import sys
import time

import pyatspi


def find_app(name, timeout):
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.3)
    return None


def tree(node):
    children = []
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            children.append(tree(child))
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "children": children,
    }


def find(node, role, name):
    if node.getRoleName() == role and node.name == name:
        return node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            hit = find(child, role, name)
            if hit is not None:
                return hit
    return None


def main():
    app_name, menu = sys.argv[1], sys.argv[2]
    app = find_app(app_name, timeout=60)
    if app is None:
        print("no application named %r on the accessibility bus" % app_name, file=sys.stderr)
        return 1
    # The first frames fill the tree; wait until the body's field is there.
    end = time.time() + 30
    while time.time() < end and find(app, "entry", "Body (Markdown)") is None:
        time.sleep(0.3)
    time.sleep(1)
    print(json.dumps(tree(app)), flush=True)
    button = find(app, "push button", menu)
    if button is None:
        print("no menu button named %r" % menu, file=sys.stderr)
        return 1
    button.queryAction().doAction(0)
    end = time.time() + 10
    while time.time() < end and find(app, "menu item", "Save") is None:
        time.sleep(0.3)
    print(json.dumps(tree(app)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

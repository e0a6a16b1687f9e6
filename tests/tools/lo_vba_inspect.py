"""Run by LibreOffice's own Python (python3-uno): open a workbook and print, as JSON, the Basic
modules LibreOffice imported from its VBA project and the form buttons of each sheet with the
macro each one calls, for each workbook: {path: found}. LibreOffice starts once for them all.
Usage: python3 lo_vba_inspect.py PROFILE_URL WORKBOOK [WORKBOOK ...]"""

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, profile):
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            return office, resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def inspect(document):
    found = {"modules": {}, "buttons": {}}
    libraries = document.BasicLibraries
    for library in libraries.getElementNames():
        libraries.loadLibrary(library)
        modules = libraries.getByName(library)
        for name in modules.getElementNames():
            found["modules"][f"{library}.{name}"] = modules.getByName(name)
    sheets = document.Sheets
    for index in range(sheets.Count):
        sheet = sheets.getByIndex(index)
        forms = sheet.DrawPage.Forms
        for f in range(forms.Count):
            form = forms.getByIndex(f)
            for c in range(form.Count):
                control = form.getByIndex(c)
                events = form.getScriptEvents(c)
                macros = [e.ScriptCode for e in events]
                found["buttons"].setdefault(sheet.Name, []).append(
                    {
                        "label": getattr(control, "Label", ""),
                        "macros": macros,
                        "resolved": [resolves(document, m) for m in macros],
                    }
                )
    return found


def resolves(document, url):
    """True when LibreOffice finds and compiles the macro a button calls (without running it:
    RunPython lives in the xlwings add-in, which LibreOffice does not have)."""
    try:
        return document.getScriptProvider().getScript(url) is not None
    except Exception:
        return False


def main():
    profile, paths = sys.argv[1], sys.argv[2:]
    office, context = connect(f"custdev{uuid.uuid4().hex}", profile)
    try:
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        found = {}
        for path in paths:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            document = desktop.loadComponentFromURL(
                url, "_blank", 0, (prop("Hidden", True), prop("MacroExecutionMode", 4))
            )
            found[path] = inspect(document)
            document.close(True)
        print(json.dumps(found, ensure_ascii=False))
    finally:
        with contextlib.suppress(Exception):  # LibreOffice may be gone already
            desktop.terminate()
        office.wait(timeout=60)


main()

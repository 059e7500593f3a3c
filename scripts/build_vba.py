"""Build the VBA project (``vbaProject.bin``) from VBA source files with headless LibreOffice.

    /usr/bin/python3 scripts/build_vba.py OUT.bin MODULE.bas|MODULE.cls ...

Runs under the system Python with LibreOffice's UNO bridge (Debian: libreoffice-calc-nogui,
python3-uno); ``scripts/build_samples.py --vba`` calls it. ``.bas`` files become standard
modules, ``.cls`` files class modules. LibreOffice exports only a Basic library named like
the VBA project, with ``Option VBASupport 1`` first in each module and the code page set
(936, for Chinese text). Its exporter leaves class modules out of the PROJECT stream, so
``Class=`` lines are added there with LibreOffice's own OLE writer. The output is not
byte-reproducible (random project ids): compare builds by the source olevba extracts.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

PROJECT = "VBAProject"
ENC_MS_936 = 61  # LibreOffice's rtl_TextEncoding for MS-936: code page 936 in the project
FILTER = "Calc MS Excel 2007 VBA XML"
CLASS_BASE = 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def read_module(path):
    """(name, "NORMAL"|"CLASS", code as LibreOffice wants it) for one source file."""
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp936")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("VERSION "):  # a VBE-exported .cls: drop VERSION/BEGIN..END
        lines = lines[lines.index("END") + 1 :]
    name = os.path.splitext(os.path.basename(path))[0]
    match = re.match(r'Attribute VB_Name = "(.*)"$', lines[0]) if lines else None
    if match:  # the exporter writes its own VB_Name line
        name, lines = match.group(1), lines[1:]
    kind = "CLASS" if path.lower().endswith(".cls") else "NORMAL"
    if kind == "CLASS" and not any(line.startswith("Attribute VB_Base") for line in lines):
        lines.insert(0, CLASS_BASE)
    code = "\n".join(lines)
    return name, kind, "Option VBASupport 1\n" + code + ("" if code.endswith("\n") else "\n")


def add_class_lines(ctx, path, classes):
    """Add ``Class=`` lines to the PROJECT stream (plain text) with LibreOffice's OLE writer."""
    smgr = ctx.ServiceManager
    files = smgr.createInstanceWithContext("com.sun.star.ucb.SimpleFileAccess", ctx)
    storage = smgr.createInstanceWithArgumentsAndContext(
        "com.sun.star.embed.OLESimpleStorage", (files.openFileReadWrite(uno.systemPathToFileUrl(path)),), ctx
    )
    stream = storage.getByName("PROJECT")
    _, data = stream.readBytes(None, 1 << 20)
    stream.closeInput()
    text = bytes(data.value)
    at = text.index(b"\r\nName=") + 2  # the project name follows the module lines
    lines = b"".join(b"Class=" + c.encode("cp936") + b"\r\n" for c in classes)
    new = smgr.createInstanceWithArgumentsAndContext(
        "com.sun.star.io.SequenceInputStream", (uno.ByteSequence(text[:at] + lines + text[at:]),), ctx
    )
    storage.removeByName("PROJECT")  # replaceByName fails: the name stays until commit
    storage.commit()
    storage.insertByName("PROJECT", new)
    storage.commit()
    storage.dispose()


def connect(proc, port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            if proc.poll() is not None:
                raise RuntimeError(f"soffice exited with {proc.returncode}") from None
            time.sleep(0.1)
    raise RuntimeError("could not connect to soffice")


def store_project(ctx, modules, out_bin, workdir):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
    try:
        libs = doc.BasicLibraries
        libs.VBACompatibilityMode = True
        libs.ProjectName = PROJECT
        libs.setPropertyValue("VBATextEncoding", ENC_MS_936)
        lib = libs.getByName(PROJECT) if libs.hasByName(PROJECT) else libs.createLibrary(PROJECT)
        for name, kind, code in modules:
            info = uno.createUnoStruct("com.sun.star.script.ModuleInfo")
            info.ModuleType = uno.getConstantByName("com.sun.star.script.ModuleType." + kind)
            lib.insertModuleInfo(name, info)  # before insertByName
            lib.insertByName(name, code)
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            xlsm = os.path.join(tmp, "out.xlsm")
            doc.storeToURL(uno.systemPathToFileUrl(xlsm), (prop("FilterName", FILTER),))
            with zipfile.ZipFile(xlsm) as package, open(out_bin, "wb") as out:
                out.write(package.read("xl/vbaProject.bin"))
    finally:
        doc.close(True)
    classes = [name for name, kind, _ in modules if kind == "CLASS"]
    if classes:
        add_class_lines(ctx, os.path.abspath(out_bin), classes)
    return desktop


def build(out_bin, paths):
    modules = [read_module(p) for p in paths]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as workdir:
        command = ["soffice", f"-env:UserInstallation=file://{workdir}/profile"]
        command += [
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
            "--norestore",
            "--nologo",
            "--headless",
        ]
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        desktop = None
        try:
            desktop = store_project(connect(proc, port), modules, out_bin, workdir)
        finally:
            try:
                if desktop is not None:
                    desktop.terminate()
            except Exception:  # noqa: BLE001 - the bridge drops during terminate
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # whatever of soffice's group is left
            proc.wait()
    print(f"{out_bin}: {[m[0] for m in modules]}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    build(sys.argv[1], sys.argv[2:])

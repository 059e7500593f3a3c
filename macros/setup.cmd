@echo off
chcp 65001 >nul
rem One-time setup of this PC for the buttons in 填报模板.xlsm (double-click this file).
rem Needs Python 3.10+ from python.org. Put the folder "wheels" (all .whl files) next to
rem this file to install without the internet.
setlocal
rem pushd (not cd): also works when this file lies on a network share.
pushd "%~dp0"

rem 1. Find Python: the py launcher first, then python on PATH.
set "PY="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1 && set "PY=py -3"
if not defined PY python -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1 && set "PY=python"
if not defined PY (
    echo 没有找到 Python 3.10 或更高版本。请从 python.org 下载安装（勾选 Add python.exe to PATH），再双击本文件。
    goto :end
)

rem 2. Install the package for this Python, from "wheels" when the folder is there.
set "SOURCE="
if exist "wheels\" set "SOURCE=--no-index --find-links wheels"
%PY% -m pip install --upgrade --disable-pip-version-check %SOURCE% "workbook-tools[cli]"
if errorlevel 1 (
    echo 安装 workbook-tools 失败，原因见上方。请把本窗口截图发给维护人员。
    goto :end
)

rem 3. The setup itself: per-user venv, xlwings config, self-check (workbook-tools excel-setup).
if exist "wheels\" (
    %PY% -m workbook_tools.hosts.cli excel-setup --wheelhouse wheels
) else (
    %PY% -m workbook_tools.hosts.cli excel-setup
)

:end
popd
echo.
pause

"""xlwings Lite (Python inside Excel, no local install): paste this into the add-in's main.py.

requirements.txt of the add-in: the workbook-tools wheel and its pure-Python
dependencies (openpyxl, pandas, tabulate, wcwidth, click, jinja2). The live-workbook path
never touches python-calamine, which only the command line uses to read files.
"""

import xlwings as xw
from xlwings import script

import workbook_tools.hosts.excel as wt


@script(name="校验")
def validate(book: xw.Book) -> None:
    """校验: mark wrong cells and write the 校验结果 sheet."""
    report = wt.validate(book)
    print(f"校验完成：错误 {report.errors} 条，警告 {report.warnings} 条")


@script(name="汇总")
def consolidate(book: xw.Book) -> None:
    """汇总: add 项目汇总表, 指标明细表 and 部门概况."""
    wt.consolidate(book)


@script(name="清除标记")
def clear_marks(book: xw.Book) -> None:
    """清除标记: restore the marked cells and remove 校验结果."""
    print(f"已恢复 {wt.clear(book)} 个单元格")

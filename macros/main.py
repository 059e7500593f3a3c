"""xlwings Lite (Python inside Excel, also Excel on the web): paste this into the add-in's main.py
and macros/requirements.txt into its requirements.txt.

The three scripts run from the task pane, or from the shape buttons 校验（网页版） · 汇总（网页版）
· 清除标记（网页版） on the sheet 填报说明 of templates/target_template.xlsm: each shape links to the
cell under it, which is what the ``button`` argument names ([shape]sheet!cell). Each entry point answers
in one sentence (printed in the task pane and shown as a message), never with a traceback.
"""

import xlwings as xw
from xlwings import script

import workbook_tools.hosts.excel as wt


@script(name="校验", button="[wtWebValidateWorkbook]填报说明!C8", show_taskpane=True)
def validate(book: xw.Book) -> None:
    """校验: mark wrong cells and write the 校验结果 sheet."""
    wt.validate(book)


@script(name="汇总", button="[wtWebConsolidateWorkbook]填报说明!C9", show_taskpane=True)
def consolidate(book: xw.Book) -> None:
    """汇总: add 项目汇总表, 指标明细表 and 部门概况."""
    wt.consolidate(book)


@script(name="清除标记", button="[wtWebClearMarks]填报说明!C10", show_taskpane=True)
def clear_marks(book: xw.Book) -> None:
    """清除标记: restore the marked cells and remove 校验结果."""
    wt.clear(book)

Attribute VB_Name = "WorkbookTools"
' workbook-tools buttons for the target workbook (see README: Excel buttons).
' Needs: Python with workbook-tools installed, and the xlwings add-in
' (pip install workbook-tools; xlwings addin install).
' Assign these macros to the buttons "Validate", "Consolidate", "Clear marks".
Option Explicit

Sub ValidateWorkbook()
    ' Mark wrong cells (red = error, yellow = warning) and list them on the result sheet.
    RunPython "import workbook_tools.hosts.excel as wt; wt.validate()"
End Sub

Sub ConsolidateWorkbook()
    ' Add or refresh the project summary, indicator detail and department overview sheets.
    RunPython "import workbook_tools.hosts.excel as wt; wt.consolidate()"
End Sub

Sub ClearMarks()
    ' Remove the marks and restore every marked cell's fill and note.
    RunPython "import workbook_tools.hosts.excel as wt; wt.clear()"
End Sub

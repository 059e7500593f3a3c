Attribute VB_Name = "WorkbookTools"
' workbook-tools: the buttons 校验 / 汇总 / 清除标记 (on the sheets and on the ribbon tab 绩效目标).
' Each button runs one Python entry point through xlwings' standalone module (no add-in, no
' VBA reference); Python finds the interpreter through the hidden sheet "xlwings.conf", which
' points at the environment that setup.cmd installs. Python answers the clerk itself (one
' message box); this module only reports a Python that could not be started.
Option Explicit

Sub ValidateWorkbook()
    ' Mark wrong cells (red = error, yellow = warning) and list them on the sheet 校验结果.
    RunButton "validate", "正在校验，请稍候……"
End Sub

Sub ConsolidateWorkbook()
    ' Add or refresh the sheets 项目汇总表, 指标明细表 and 部门概况.
    RunButton "consolidate", "正在汇总，请稍候……"
End Sub

Sub ClearMarks()
    ' Remove the marks and restore every marked cell's fill and note.
    RunButton "clear", "正在清除标记……"
End Sub

' Ribbon callbacks (customUI onAction).
Sub RibbonValidate(control As IRibbonControl)
    ValidateWorkbook
End Sub

Sub RibbonConsolidate(control As IRibbonControl)
    ConsolidateWorkbook
End Sub

Sub RibbonClear(control As IRibbonControl)
    ClearMarks
End Sub

Private Sub RunButton(action As String, busy As String)
    On Error GoTo Failed
    Application.StatusBar = busy
    RunPython "import workbook_tools.hosts.excel as wt; wt." & action & "()"
    Application.StatusBar = False
    Exit Sub
Failed:
    Application.StatusBar = False
    MsgBox "没能启动 Python（" & Err.Description & "）。请先双击运行 setup.cmd 完成一次性安装，" & _
        "或联系单位的信息管理人员。", vbExclamation, "绩效目标表工具"
End Sub

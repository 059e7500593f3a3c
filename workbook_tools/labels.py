"""Every Chinese label of the template and of the output sheets, in one place.

The reader finds fields by these labels (label-anchored, DESIGN §3), the template
builder writes them, and the output writers use them as headers.
"""

from __future__ import annotations

import re
import unicodedata

# --- sheet names -------------------------------------------------------------
SHEET_GUIDE = "填报说明"
SHEET_DEPARTMENT = "部门整体"
SHEET_PROJECT_PREFIX = "项目"
SHEET_LISTS = "下拉列表"
SHEET_RESULTS = "校验结果"
SHEET_SUMMARY = "项目汇总表"
SHEET_INDICATORS = "指标明细表"
SHEET_OVERVIEW = "部门概况"
SHEET_MARKS = "_校验标记"
SHEET_UNITS = "单位汇总"
SHEET_ISSUES = "校验问题"
SHEET_FILES = "文件清单"

#: Sheets written by the tool; the reader never takes them for input.
OUTPUT_SHEETS = frozenset(
    {
        SHEET_LISTS,
        SHEET_RESULTS,
        SHEET_SUMMARY,
        SHEET_INDICATORS,
        SHEET_OVERVIEW,
        SHEET_MARKS,
        SHEET_UNITS,
        SHEET_ISSUES,
        SHEET_FILES,
    }
)

# --- project sheet -------------------------------------------------------------
PROJECT_TITLE = "项目绩效目标表"
UNIT = "单位"
AMOUNT_UNIT = "单位：万元"
CODE = "项目编码"
NAME = "项目名称"
BUDGET_BLOCK = "预算规模及资金用途"
BUDGET = "预算数"
FISCAL = "其中：财政资金"
OTHER = "其他资金"
USE = "资金用途"
PLAN_BLOCK = "资金支出计划（%）"
CHECKPOINTS = ("3月底", "6月底", "10月底", "12月底")
GOALS = "绩效目标"
IND_LEVEL1 = "一级指标"
IND_LEVEL2 = "二级指标"
IND_LEVEL3 = "三级指标"
IND_DESCRIPTION = "绩效指标描述"
IND_VALUE = "指标值"
IND_BASIS = "指标值确定依据"
INDICATOR_HEADERS = (IND_LEVEL1, IND_LEVEL2, IND_LEVEL3, IND_DESCRIPTION, IND_VALUE, IND_BASIS)
BREAKDOWN = "资金明细（选填）"
BREAKDOWN_PURPOSE = "用途"
BREAKDOWN_AMOUNT = "金额"

# --- department sheet ------------------------------------------------------------
DEPT_TITLE = "部门整体绩效目标"
DEPT_UNIT_CODE = "单位编码"
DEPT_UNIT_NAME = "单位名称"
DEPT_YEAR = "年度"
DEPT_OVERALL = "部门年度发展规划目标"
DEPT_DUTIES = "分项绩效目标"
DEPT_SAFEGUARDS = "工作保障措施"
DEPT_TOTAL = "部门预算总额（万元，选填）"

# --- dropdown defaults --------------------------------------------------------------
BASIS_CHOICES = ("职责活动目标", "计划标准", "行业标准", "历史标准", "其他")

# --- guide sheet ------------------------------------------------------------------------
GUIDE_TITLE = "绩效目标表填报说明"
GUIDE_LINES = (
    "一、本工作簿用于填报本单位的部门整体绩效目标和每个预算项目的绩效目标表（金额单位：万元，保留两位小数）。",
    "二、先填「部门整体」：单位编码、单位名称、年度，以及部门年度发展规划目标、分项绩效目标、工作保障措施。",
    "三、每个项目一张表：复制一张空白的「项目」工作表（右键工作表标签 → 移动或复制 → 建立副本），"
    "工作表可以改名，程序按表内的标签识别项目表，不看工作表名称。",
    "四、预算数 = 财政资金 + 其他资金；其他资金没有就留空（按 0 计）。",
    "五、资金支出计划填累计百分比（如 25、50、75、100），逐季不减少，12月底应为 100。",
    "六、绩效指标至少包括产出指标、效果（效益）指标、满意度指标各一项；一级、二级指标请从下拉列表选择；"
    "指标不够可以在指标表内插入行。",
    "七、指标值写成「运算符 + 数值 + 单位」，如 ≥30人次、≥90%、100百分比；不能量化的写定性描述。",
    "八、资金明细为选填；填写时各行金额之和应等于预算数。",
    "九、点击「校验」按钮：有问题的单元格标为红色（错误）或黄色（警告）并附批注，"
    "「校验结果」工作表列出全部问题，点击单元格地址可跳转。点击「清除标记」恢复原样。",
    "十、点击「汇总」按钮：生成「项目汇总表」「指标明细表」「部门概况」三张表，不改动填报内容。",
    "十一、没有 Excel 按钮时，可在命令行运行：workbook-tools validate 文件名.xlsx",
)

_SPACES = re.compile(r"\s+")


def norm(value: object) -> str:
    """Normalise a cell text for label comparison.

    NFKC folds full-width forms (（％） → (%)), all whitespace goes, and a trailing
    colon is dropped, so ``"预算数： "`` and ``"预算数"`` compare equal.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _SPACES.sub("", text)
    return text.rstrip(":")


def is_label(value: object, label: str) -> bool:
    """Whether a cell's text is the given label (after :func:`norm`)."""
    return norm(value) == norm(label)


# --- 校验结果 sheet and cell notes --------------------------------------------------------
RESULT_TITLE = "校验结果"
RESULT_HEADERS = ("工作表", "单元格", "级别", "代码", "说明")
RESULT_SUMMARY = "共 {total} 条：错误 {errors} 条，警告 {warnings} 条。指标体系：{profile}。{unit}"
RESULT_NONE = "未发现问题。"
RESULT_WORKBOOK = "（整个工作簿）"
NOTE_HEADER = "workbook-tools 校验："

# --- consolidation tables -----------------------------------------------------------------
COL_FILE = "文件"
COL_UNIT_CODE = "单位编码"
COL_UNIT_NAME = "单位名称"
COL_YEAR = "年度"
COL_SHEET = "工作表"
COL_CELL = "单元格"
COL_CODE = "项目编码"
COL_NAME = "项目名称"
COL_BUDGET = "预算数"
COL_FISCAL = "财政资金"
COL_OTHER = "其他资金"
COL_PLAN = "计划{checkpoint}(%)"
COL_INDICATORS = "指标数"
COL_ERRORS = "错误"
COL_WARNINGS = "警告"
COL_STATUS = "校验状态"
COL_PROJECTS = "项目数"
COL_SEVERITY = "级别"
COL_RULE = "代码"
COL_MESSAGE = "说明"
COL_NATURE = "指标性质"
COL_NUMBER = "数值"
COL_VALUE_UNIT = "计量单位"
COL_RESULT = "处理结果"
TOTAL_ROW = "合计"
CATEGORY_OTHER = "其他"

OVERVIEW_TITLE = "部门概况"
OVERVIEW_FIELDS = "项目"
OVERVIEW_VALUE = "内容"
OVERVIEW_PLAN_TITLE = "累计计划支出（万元）"
OVERVIEW_PLAN_HEADERS = ("时间", "累计计划支出（万元）", "占预算（%）")
OVERVIEW_BUDGET_TITLE = "各项目预算数（万元）"
CHART_BUDGET = "各项目预算数（万元）"
CHART_PLAN = "累计计划支出（万元）"
FILE_READ = "已读取"

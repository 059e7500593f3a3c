"""Every Chinese label of the template and of the output sheets, in one place.

The reader finds fields by these labels (label-anchored, DESIGN §3), the template
builder writes them, and the output writers use them as headers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    return _norm_text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=8192)  # the same labels and short texts recur on every sheet of every file
def _norm_text(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


def is_label(value: object, label: str) -> bool:
    """Whether a cell's text is the given label (after :func:`norm`)."""
    return norm(value) == norm(label)


# --- 校验结果 sheet and cell notes --------------------------------------------------------
RESULT_TITLE = "校验结果"
RESULT_HEADERS = ("工作表", "单元格", "级别", "代码", "说明")
RESULT_SUMMARY = "共 {total} 条：错误 {errors} 条，警告 {warnings} 条{infos}。指标体系：{profile}。{unit}"
RESULT_INFOS = "，提示 {count} 条"  # only when there are notes (P006)
RESULT_NONE = "未发现问题。"
RESULT_WORKBOOK = "（整个工作簿）"
RESULT_UNIT = "单位：{code} {name}。"
NOTE_HEADER = "workbook-tools 校验："
NOTE_LINE = "{code} {severity}：{message}"
MESSAGE_TRIMMED = "…（共 {count} 字）"
NOTE_KEPT = "\n——\n原有批注（清除标记后恢复）：{text}"

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

#: Table column key (``outputs.tables``) → its header; a profile's category names stand as they are.
COLUMNS = {
    "file": COL_FILE,
    "unit_code": COL_UNIT_CODE,
    "unit_name": COL_UNIT_NAME,
    "year": COL_YEAR,
    "sheet": COL_SHEET,
    "cell": COL_CELL,
    "code": COL_CODE,
    "name": COL_NAME,
    "budget": COL_BUDGET,
    "fiscal": COL_FISCAL,
    "other": COL_OTHER,
    **{f"plan_{i}": COL_PLAN.format(checkpoint=c) for i, c in enumerate(CHECKPOINTS, 1)},
    "indicators": COL_INDICATORS,
    "errors": COL_ERRORS,
    "warnings": COL_WARNINGS,
    "status": COL_STATUS,
    "projects": COL_PROJECTS,
    "severity": COL_SEVERITY,
    "rule": COL_RULE,
    "message": COL_MESSAGE,
    "nature": COL_NATURE,
    "number": COL_NUMBER,
    "value_unit": COL_VALUE_UNIT,
    "result": COL_RESULT,
    "level1": IND_LEVEL1,
    "level2": IND_LEVEL2,
    "level3": IND_LEVEL3,
    "description": IND_DESCRIPTION,
    "value": IND_VALUE,
    "basis": IND_BASIS,
}

#: Machine values → words: a finding's severity, a file's status, an indicator value's nature.
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS = {"ok": "通过", "warnings": "通过（有警告）", "errors": "有错误", "unreadable": "无法读取"}
NATURE = {
    "≥": "大于等于",
    "≤": "小于等于",
    ">": "大于",
    "<": "小于",
    "=": "等于",
    "": "等于",
    "qualitative": "定性",
    "deadline": "期限",
    "range": "区间",
    "±": "上下浮动",
    ":": "比例",
}

OVERVIEW_TITLE = "部门概况"
#: 部门概况 row key → its label (category rows use the profile's names).
OVERVIEW_ROWS = {
    "unit_code": COL_UNIT_CODE,
    "unit_name": COL_UNIT_NAME,
    "year": COL_YEAR,
    "projects": COL_PROJECTS,
    "budget": f"{COL_BUDGET}（万元）",
    "fiscal": f"其中：{COL_FISCAL}（万元）",
    "other": f"{COL_OTHER}（万元）",
    "indicators": COL_INDICATORS,
    "status": COL_STATUS,
}
OVERVIEW_STATUS = "{status}（错误 {errors} 条，警告 {warnings} 条）"
OVERVIEW_FIELDS = "项目"
OVERVIEW_VALUE = "内容"
OVERVIEW_PLAN_TITLE = "累计计划支出（万元）"
OVERVIEW_PLAN_HEADERS = ("时间", "累计计划支出（万元）", "占预算（%）")
OVERVIEW_BUDGET_TITLE = "各项目预算数（万元）"
CHART_BUDGET = "各项目预算数（万元）"
CHART_PLAN = "累计计划支出（万元）"
PROGRESS_UNIT = "个文件"
PROGRESS_READING = "读取"


# --- lists and profiles ------------------------------------------------------------------------
LIST_SEPARATOR = "、"
PROFILE_MISSING = "配置文件不存在：{path}"
PROFILE_UNKNOWN = "没有名为「{name}」的配置；可用：{known}，或给出 .toml 文件路径"
PROFILE_NOT_TOML = "配置文件 {source} 格式错误（不是有效的 TOML）：{error}"
PROFILE_KEY_MISSING = "配置文件 {source} 缺少「{key}」"
PROFILE_KEY_TYPE = "配置文件 {source} 的「{key}」类型不对：{value}"
PROFILE_NOT_STRINGS = "配置文件 {source} 的「{key}」应为非空文字的列表"
PROFILE_NO_CATEGORIES = "配置文件 {source} 没有任何一级指标（categories）"
PROFILE_CATEGORY_NAME = "配置文件 {source} 的第 {number} 个一级指标缺少 name"
PROFILE_REQUIRED_UNKNOWN = "配置文件 {source} 的必备一级指标「{name}」不在 categories 中"
PROFILE_BAD_PATTERN = "配置文件 {source} 的 project_code_pattern 不是有效的正则表达式：{error}"
PROFILE_NOT_NUMBER = "配置文件 {source} 的 amount_tolerance / min_satisfaction 应为数字"
PROFILE_KIND = "配置文件 {source} 的一级指标「{name}」kind 应为 {kinds} 之一"
PROFILE_RECOMMENDED_UNKNOWN = "配置文件 {source} 的建议一级指标（recommended）「{name}」不在 categories 中"
PROFILE_LEVEL2_SYNONYMS_TYPE = (
    "配置文件 {source} 的一级指标「{name}」的 level2_synonyms 应为「别名 = 标准二级指标名」的表，如 "
    '{{ "环境效益指标" = "生态效益指标" }}'
)
PROFILE_LEVEL2_SYNONYM_TARGET = (
    "配置文件 {source} 的一级指标「{name}」的二级指标同义词「{alias}」指向「{canonical}」，"
    "但它不在该一级指标的 level2 中"
)
PROFILE_LEVEL2_SYNONYM_CLASH = (
    "配置文件 {source} 的二级指标同义词「{alias}」本身是二级指标名，或在不同一级指标下指向不同的二级指标"
)
PROFILE_RULE_UNKNOWN = (
    "配置文件 {source} 的「{key}」中有未知的规则代码「{code}」（应为规则代码或其前缀，如 I、I01、A003；"
    "用 workbook-tools rules 查看全部规则）"
)
PROFILE_RULE_ALWAYS = (
    "配置文件 {source} 的「{key}」不能包含 {code}：文件无法读取时（{always}）总会报告错误，"
    "不能忽略，也不能改级别"
)
PROFILE_SEVERITY_WORD = "配置文件 {source} 的 [severity] 中 {code} 的级别「{value}」无效，应为 {words} 之一"
PROFILES_TITLE = "内置的指标体系配置（用 --profile 名称 选用；也可复制一份修改后用 --profile 文件.toml）："
PROFILES_ENTRY = "{name}{default}　{title}"
PROFILES_DEFAULT = "（默认）"
PROFILES_DESCRIPTION = "    {description}"

# --- reports and the terminal ------------------------------------------------------------------
TEXT_TOTALS = "合计 {files} 个文件：错误 {errors} 条，警告 {warnings} 条，无法读取 {unreadable} 个"
UNIT_OUTPUT_SUFFIX = "_汇总"
CLI_FILE_PROBLEM = "{code} {path}：{message}"
CLI_INTERNAL_ERROR = "内部错误（{kind}: {error}）。请把命令和文件一起反馈给维护人员。"
CLI_TEMPLATE_WRITTEN = "已生成模板：{path}"
CLI_NEW_WRITTEN = "已新建：{path}（{code} {name}，{year} 年，{projects} 张项目表）"
CLI_REPORT_WRITTEN = "报告已写入：{path}"
CLI_MARKED_WRITTEN = "已写出带标记的工作簿：{path}"
CLI_CLEARED = "已清除标记，恢复 {count} 个单元格：{path}"
CLI_NO_RULE = "没有规则「{code}」；用 workbook-tools rules 查看全部规则"
CLI_UNIT_WRITTEN = "已写出：{path}（{projects} 个项目；项目汇总表、指标明细表、部门概况；校验：{status}）"
CLI_WRITTEN = "已写出：{path}"
CLI_WRITE_FAILED = "无法保存 {path}：文件正在被 Excel 使用或没有写权限，请关闭后重试（原文件未改动）"
CLI_BATCH_SUMMARY = (
    "文件 {files} 个：读取 {units} 个单位，无法读取 {unreadable} 个；错误 {errors} 条，警告 {warnings} 条"
)

#: A command used wrongly (``jobs.Usage``) → what the terminal says.
USAGE = {
    "output_and_in_place": "--output 与 --in-place 只能选一个",
    "output_not_folder": "校验多个文件时，--output 应为文件夹",
    "in_place_needs_one": "--in-place 只用于单个工作簿",
    "batch_needs_output": "汇总多个单位时需要 -o 输出工作簿",
    "not_found": "找不到：{paths}",
    "no_workbooks": "没有找到任何 .xlsx / .xlsm / .xls 文件",
    "exists": "文件已存在：{path}（加 --force 覆盖）",
    "output_is_input": "输出文件就是输入文件 {path}：要直接改写原文件请用 --in-place，否则请换一个输出文件名",
}

#: Help texts of the commands and options.
HELP = {
    "main": "绩效目标表工具：模板、校验、汇总。",
    "profile": "指标体系配置：内置名称或 .toml 文件路径",
    "template": "由代码生成标准填报模板（templates/target_template.xlsx）。",
    "new": "用标准模板为一个单位新建填报工作簿。",
    "unit_code": "单位编码，如 711002",
    "unit_name": "单位名称，如 定州市总工会",
    "year": "年度，如 2020",
    "projects": "项目表张数",
    "force": "覆盖已存在的文件",
    "xlsm": "生成带「校验」「汇总」「清除标记」按钮的 .xlsm 工作簿（需先在电脑上运行一次 setup.cmd）",
    "show": "显示工作簿中读到的单位、项目、金额、支出计划和指标个数。",
    "json": "输出 JSON",
    "validate": "校验工作簿。退出码：0 没有错误，1 有错误，2 文件无法读取或用法错误。",
    "format": "输出格式；不写时按 --report 文件的扩展名（.html/.htm、.json、.txt），否则为 text",
    "validate_output": "写出带标记的副本（多个文件时为文件夹）；原文件不动",
    "in_place": "直接在原文件上标记（先备份为 文件名.bak，原子写入）",
    "report": "报告写入文件（格式按扩展名：.html/.htm 为 HTML，.json 为 JSON，.txt 为文字）",
    "clear": "清除校验标记，恢复单元格原来的填充和批注（不加 -o 时改写原文件，先备份为 文件名.bak）。",
    "clear_output": "写到另一个文件",
    "rules": "列出全部校验规则；给出代码（如 A003）时显示这条规则的完整说明。",
    "consolidate_short": "汇总：一个单位加入汇总表，或把多个单位汇总成一个工作簿和报告。",
    "consolidate": (
        "汇总。一个工作簿：加入项目汇总表、指标明细表、部门概况。文件夹或多个文件：汇总多个单位。"
        "退出码：0 已写出且没有错误，1 已写出但发现错误（含无法读取的文件），2 用法错误。\n\n"
        "\b\nworkbook-tools consolidate 单位.xlsx     # 写到 out/单位_汇总.xlsx\n"
        "workbook-tools consolidate 文件夹/ -o out/汇总.xlsx --report out/报告.html"
    ),
    "consolidate_output": "输出工作簿（一个单位时默认为 out/名称_汇总.xlsx）",
    "consolidate_in_place": "单个工作簿：直接写入原文件（先备份为 文件名.bak）",
    "batch": "即使只给一个文件也按多单位汇总处理",
    "html": "HTML 报告文件（.html/.htm）",
    "csv": "各表另存 CSV 的文件夹",
    "workers": "并行进程数",
    "profiles": "列出内置的指标体系配置：名称、标题和一句话说明。",
}

# --- the rule catalog --------------------------------------------------------------------------
RULE_DOC_SECTIONS = ("说明", "为什么", "示例", "怎么改")
CATALOG_LINE = "{code}  {severity}  {title}"
CATALOG_MESSAGE = "消息：{message}"
CATALOG_SECTION = "【{section}】"
README_RULES_HEADER = "| 代码 | 级别 | 标题 | 消息 |"

# --- template prompts, the show command ---------------------------------------------------------
FONT_SONG = "宋体"
PROMPT_LEVEL1 = "请从下拉列表选择一级指标"
PROMPT_LEVEL2 = "请从下拉列表选择二级指标"
PROMPT_BASIS = "可从下拉列表选择，也可直接填写"
LIST_ERROR_TITLE = "输入不在列表中"
LIST_ERROR = "请从下拉列表中选择"
COL_SERIAL = "序号"
SHOW_PROJECT_COUNT = "{count} 个项目"
SHOW_YEAR = "{year} 年"
SHOW_NO_YEAR = "年度未填"
SHOW_HEAD = "{code} {name}　{year}　{source}"
SHOW_TOTALS = "预算合计 {budget} 万元，指标 {indicators} 个"
SHOW_NOTE = "（合计行的 3月底…12月底 为累计计划支出金额，单位：万元）"

# --- words read from cells (the parser's vocabulary) -------------------------------------------
YEAR_SUFFIX = "年"
PERCENT_WORD = "百分比"
#: Operators written in words before the number (after NFKC folding) → canonical operator.
WORD_OPERATORS = {
    "大于等于": "≥",
    "大于或等于": "≥",
    "不小于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "至少": "≥",
    "最少": "≥",
    "达到": "≥",
    "达": "≥",
    "小于等于": "≤",
    "小于或等于": "≤",
    "不大于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "至多": "≤",
    "最多": "≤",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "不足": "<",
    "等于": "=",
}
#: … and after it ("30人次以上").
SUFFIX_OPERATORS = {
    "及以上": "≥",
    "或以上": "≥",
    "以上": "≥",
    "及以下": "≤",
    "或以下": "≤",
    "以下": "≤",
    "以内": "≤",
    "之内": "≤",
    "内": "≤",
}
AMOUNT_UNITS = ("万元", "万")  # a text amount "450万元" is in 万元
YUAN = "元"
WAN_YUAN = "万元"
BREAKDOWN_START = "其中"
SENTENCE_ENDS = "。；;"
ITEM_SEPARATORS = "，,、：:（）()"
STATED_PREFIX = "预计"

# --- indicator value grammar (parse/indicator_value.py) ---
#: Words before the number that are no operator (人均≥2次, 约30人, 每年两次): kept as the qualifier.
VALUE_QUALIFIERS = (
    *("人均", "户均", "年均", "月均", "日均", "平均", "累计", "全年", "年度", "总计", "合计"),
    *("每年", "每季度", "每月", "每周", "每天", "每日", "每人", "每户", "每次", "每场", "每期"),
    *("约", "大约", "预计", "力争", "确保", "完成", "实现", "同比", "环比", "同期", "增幅", "降幅"),
)
#: Verbs of a change or a level (提高10%, 下降3%, 降至5%, 控制在5%以内) and the words after them.
VALUE_VERBS = (
    *("提高", "提升", "增长", "增加", "下降", "降低", "减少", "缩短", "压缩", "节约", "节省", "降"),
    *("控制", "保持", "稳定", "维持"),
)
VALUE_VERB_LINKS = ("到", "至", "在")
#: A comparison base (较上年提高10%, 比去年增长5%; 较2019年 is read as digits + YEAR_SUFFIX).
VALUE_COMPARE = ("较", "比")
VALUE_COMPARE_BASES = ("上年度", "上年", "上一年度", "上一年", "去年", "前一年", "基期", "上期", "上月")
#: Words after the unit kept as the annotation (5次完成, 100人左右); after % any text is.
VALUE_ANNOTATIONS = ("完成", "达标", "合格", "左右", "含", "到位", "全覆盖", "覆盖", "及时")
#: Words between the two numbers of a range (10至20人).
VALUE_RANGE_WORDS = ("至", "到")
#: Amount units; a unit cost (元/人, 万元/个) counts as an amount too.
VALUE_AMOUNT_UNITS = ("元", "千元", "万元", "百万元", "亿元")
#: Chinese numerals (十二个月, 一百份, 两次) …
NUMERAL_DIGITS = dict(zip("零一二三四五六七八九", range(10))) | {"两": 2}
NUMERAL_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
#: … read only before one of these measure words, so 一流水平, 一致好评, 两个确保 stay words.
MEASURE_WORDS = frozenset(
    {
        *("人", "人次", "名", "位", "户", "户次", "家", "个", "项", "次", "场", "场次", "期", "篇", "份"),
        *("件", "套", "台", "批", "批次", "所", "座", "处", "本", "册", "部", "条", "张", "块", "辆"),
        *("栋", "间", "例", "起", "宗", "笔", "轮", "届", "班", "门", "类", "种", "支", "队", "组", "节"),
        *("课时", "学时", "天", "日", "周", "年", "个月", "小时", "个工作日", "工作日", "个季度"),
        *("个百分点", "百分点"),
    }
)
#: 零 before one of these nouns is the number 0 with the noun as unit (零事故, 零投诉).
ZERO_NOUNS = frozenset(
    {
        *("事故", "安全事故", "责任事故", "重大事故", "投诉", "有效投诉", "差错", "失误", "违规"),
        *("违纪", "上访", "伤亡", "死亡", "拖欠", "欠薪", "纠纷", "缺陷", "遗漏", "延误", "不良记录"),
    }
)
#: Dates and deadlines: 2020年12月31日前, 12月底前, 2020年度, 6月份, 年底前, 年内.
DATE_MONTH = "月"
DATE_DAYS = ("日", "号")
DATE_YEAR_TAILS = ("度",)
DATE_MONTH_TAILS = ("份",)
DATE_ENDS = ("底", "末")
DATE_THIS_YEAR = ("当年", "本年", "年度", "年")
#: After a date: 前/之前/以前 (and 内/以内/之内: within) make the deadline "≤".
DATE_BEFORE = ("之前", "以前", "前", "之内", "以内", "内")
#: Words before a date (于2020年12月底前, 截至2020年12月31日): kept as the qualifier.
DATE_LEADS = ("于", "在", "截至", "截止", "截止到", "截止至", "每年")

# --- the Excel buttons -------------------------------------------------------------------------
EXCEL_TITLE = "绩效目标表工具"
BUTTONS = {"validate": "校验", "consolidate": "汇总", "clear": "清除标记"}
RIBBON_TAB = "绩效目标"
RIBBON_GROUP = "绩效目标表"
WEB_BUTTON = "{command}（网页版）"
EXCEL_VALIDATED = (
    "校验完成：错误 {errors} 条，警告 {warnings} 条。详见「校验结果」工作表，点击单元格地址可跳转。"
)
EXCEL_NO_NOTES = "（此版本的 Excel 不支持批注：已标色但未加批注，请看「校验结果」。）"
EXCEL_CLEARED = "已清除校验标记，恢复 {count} 个单元格。"
EXCEL_CONSOLIDATED = "汇总完成：{projects} 个项目，已生成「项目汇总表」「指标明细表」「部门概况」。"
EXCEL_NO_PROJECTS = "没有找到项目表（应有带「项目编码」「预算数」「一级指标」标签的工作表），无法汇总。"
EXCEL_PROTECTED = (
    "工作表「{sheet}」受保护且不允许设置格式，无法标记；请先在「审阅 → 撤销工作表保护」后再点「校验」。"
)
EXCEL_FAILED = "操作没有完成（{kind}）。工作簿没有被改乱；请保存后重试，仍不行请把文件发给维护人员。"

# --- excel-setup ---
SETUP_STEPS = ("创建虚拟环境", "安装 workbook-tools 和 xlwings")
SETUP_NOT_WINDOWS = "excel-setup 只能在 Windows 上运行（本机是 {system}）；加 --dry-run 可查看将要做的设置。"
SETUP_STORE_PYTHON = (
    "不能使用微软应用商店版的 Python（{python}）：它写入 AppData 的文件 Excel 看不到。"
    "请从 python.org 下载安装 Python（勾选 Add python.exe to PATH）后再运行。"
)
SETUP_PLAN_TITLE = "将为当前用户做以下设置（--dry-run：本次没有做任何改动）："
SETUP_VENV = "虚拟环境：{path}"
SETUP_PLAN_STEP = "{number}. {step}："
SETUP_SOURCE_WHEELS = "   安装来源：文件夹 {path}（不联网）"
SETUP_SOURCE_INDEX = "   安装来源：软件包索引（需要联网）"
SETUP_PLAN_CONFIG = "{number}. 写入 xlwings 配置文件 {path}（其他设置保留不变），内容："
SETUP_PLAN_CHECK = "{number}. 自检：用虚拟环境的 Python 导入 Excel 按钮的入口，xlwings 版本应为 {version}："
SETUP_ANY_VERSION = "（任意）"
SETUP_INTERPRETER = "Excel 按钮使用的 Python：{path}"
SETUP_STEP_DONE = "已完成：{step}（{command}）"
SETUP_STEP_NOT_DONE = "未完成：{step}（{command}）"
SETUP_STEP_FAILED = "「{step}」失败（退出码 {code}），原因见上方输出。"
SETUP_NOT_STARTED = "无法运行 {command}：{error}"
SETUP_CONFIG_FAILED = "无法写入 xlwings 配置文件 {path}：{error}"
SETUP_CONFIG_WRITTEN = "已写入 xlwings 配置文件 {path}："
SETUP_CHECKED = "自检通过：{python} 能导入 Excel 按钮的入口，xlwings {version}。"
SETUP_CHECK_FAILED = "自检失败：虚拟环境的 Python 无法导入 Excel 按钮的入口（退出码 {code}）：{detail}"
SETUP_CHECK_VERSION = (
    "自检失败：虚拟环境中的 xlwings 是 {found}，应为 {expected}（与工作簿中的 VBA 模块一致）。"
)
SETUP_MISSING = "自检失败：缺少 {path}，Excel 按钮将无法启动 Python。"
SETUP_READY = "设置完成。打开 填报模板.xlsm（启用宏），点「校验」即可；按钮使用 {interpreter}。"
SETUP_NOT_READY = "设置没有完成，按钮还不能使用。请把以上内容截图发给维护人员。"
HELP.update(
    {
        "excel_setup": (
            "（Windows）一次性设置本机，让工作簿中的「校验」「汇总」「清除标记」按钮可以使用："
            "建立本用户的虚拟环境，安装本程序和 xlwings，写入 xlwings 配置，最后自检。"
        ),
        "wheelhouse": "从这个文件夹中的安装包（.whl）安装，不联网",
        "dry_run": "只显示将要做的设置，不做任何改动（任何系统上都可运行）",
    }
)

# --- terminal and help (issue 12c) ---
#: click's own words, said in Chinese by the click classes of ``hosts/cli.py``.
CLICK_USAGE = "用法："
#: click's section headings (its English words, as click passes them) → ours.
CLICK_HEADINGS = {"Options": "选项：", "Commands": "命令：", "Positional arguments": "参数："}
CLICK_OPTIONS_METAVAR = "[选项]"
CLICK_SUBCOMMAND_METAVAR = "命令 [参数]…"
CLICK_DEFAULT = "默认：{default}"
CLICK_RANGE = "范围：{range}"
CLICK_REQUIRED = "必填"
CLICK_NOTES = "[{notes}]"
CLICK_NOTE_SEPARATOR = "；"
CLICK_SENTENCE_END = "。"
CLICK_VERSION = "%(prog)s 版本 %(version)s"
CLICK_ERROR = "错误：{message}"
CLICK_TRY_HELP = "用「{command} {option}」查看帮助。"
CLICK_ABORTED = "已中止。"
CLICK_MISSING_ARGUMENT = "缺少参数「{name}」"
CLICK_MISSING_OPTION = "缺少选项「{name}」"
CLICK_MISSING_COMMAND = "缺少命令：请在 {command} 后面写要运行的命令"
CLICK_NO_OPTION = "没有选项「{name}」"
CLICK_NO_COMMAND = "没有命令「{name}」"
CLICK_DID_YOU_MEAN = "（是不是要用 {names}？）"
CLICK_NEEDS_VALUE = "选项「{name}」后面要写一个值"
CLICK_TAKES_NO_VALUE = "选项「{name}」不带值"
CLICK_EXTRA_ARGUMENTS = "多出的参数：{args}"
CLICK_BAD_VALUE = "「{name}」的值不对：{problem}"
CLICK_NOT_A_CHOICE = "「{value}」不是可选的值（可选：{choices}）"
CLICK_NOT_AN_INTEGER = "「{value}」不是整数"
CLICK_OUT_OF_RANGE = "{value} 不在 {range} 之间"
CLICK_PATH_MISSING = "「{value}」不存在"
CLICK_PATH_IS_FOLDER = "「{value}」是文件夹，这里要的是文件"
CLICK_PATH_IS_FILE = "「{value}」是文件，这里要的是文件夹"
CLICK_UNUSABLE = "「{value}」无法使用"
#: Punctuation that never starts a line of wrapped help text, and that never ends one.
LINE_NEVER_STARTS_WITH = "，。、；：！？）」』》〉】”’…)]}%"
LINE_NEVER_ENDS_WITH = "（「『《〈【“‘([{"
#: Placeholders in the usage lines and option lists (click's TEXT, PATH, INTEGER …).
METAVARS = {
    "file": "文件",
    "files": "文件…",
    "inputs": "文件或文件夹…",
    "code": "[规则代码]",
    "path": "路径",
    "folder": "文件夹",
    "profile": "名称|路径",
    "unit_code": "编码",
    "unit_name": "名称",
    "year": "年份",
    "number": "个数",
}
USAGE.update(
    {
        "report_format": (
            "报告文件 {path} 按扩展名应写成 {implied}，与 --format {format} 不符："
            "去掉 --format 即按扩展名写，或改用相符的扩展名（.html/.htm、.json、.txt）"
        ),
        "report_not_html": "汇总报告是 HTML，报告文件 {path} 的扩展名应为 .html 或 .htm",
    }
)
HELP.update(
    {
        "help": "显示本帮助并退出",
        "version": "显示版本并退出",
        "template_output": "模板文件",
        "new_output": "新建的工作簿（.xlsx；以 .xlsm 结尾时生成带按钮的工作簿）",
        "clear_short": "清除校验标记，恢复单元格原来的填充和批注。",
        "excel_setup_short": "（Windows）一次性设置本机，让工作簿中的按钮可以使用。",
    }
)

# --- summary sheets, batch sheets, HTML (issue 12b) ---
#: The line above a unit's own 项目汇总表 / 指标明细表 (the unit is said once, not on every row).
UNIT_HEADING = "{code} {name}　{year}{title}"
UNIT_HEADING_YEAR = "{year} 年度　"
UNIT_HEADING_AMOUNTS = "（金额单位：万元）"
OVERVIEW_SHARE = "占比（%）"
OVERVIEW_BUDGET_SORTED = "各项目预算数（万元，从大到小）"
#: Said instead of the cumulative-spending chart when a chart would tell nothing.
OVERVIEW_PLAN_SAME = "全部 {count} 个项目的资金支出计划相同（{plan}），累计计划支出见上表，不另作图。"
OVERVIEW_PLAN_EVEN = "各项目合计的累计计划支出为预算的 {plan}（%），与模板的默认进度相同，见上表，不另作图。"
OVERVIEW_PLAN_NONE = "预算数合计为 0，没有累计计划支出可作图。"
CHART_AXIS_AMOUNT = "万元"
#: Printed at the foot of every output sheet: the sheet's name and the page (Excel's codes).
PRINT_FOOTER = "&A　第 &P 页，共 &N 页"
#: The HTML report's section headings: how many rows a table has (its 合计 row not counted).
REPORT_COUNTS = {
    SHEET_UNITS: "{count} 个文件",
    SHEET_SUMMARY: "{count} 个项目",
    SHEET_INDICATORS: "{count} 个指标",
    SHEET_ISSUES: "{count} 条",
    SHEET_FILES: "{count} 个文件",
}

# --- project sheet print form (issue 12a) ---
#: The title of a project sheet, as in the seed: 「1、工会经费绩效目标表」 (its number among the
#: project sheets and the project's name; 项目 while the name is blank).
PROJECT_TITLE_NUMBERED = "{number}、{name}绩效目标表"
PROJECT_TITLE_NO_NAME = "项目"
#: How a title the tool keeps current ends (a cell ending otherwise is the clerk's own title).
PROJECT_TITLE_SUFFIX = "绩效目标表"
#: The right end of the unit line with the year from 部门整体 (AMOUNT_UNIT alone without a year).
AMOUNT_UNIT_WITH_YEAR = "{year}年度　" + AMOUNT_UNIT
#: Labels printed on two lines where the column is narrow, broken between words (the reader
#: ignores the line break: labels are compared without whitespace).
BUDGET_BLOCK_SHOWN = "预算规模及\n资金用途"
PLAN_BLOCK_SHOWN = "资金支出计划\n（%）"
BREAKDOWN_SHOWN = "资金明细\n（选填）"
#: Punctuation that never starts a line (kept with the character before it when wrapping).
NO_LINE_START = "，。、；：！？）》」』”’・%％"
#: Printed at the foot of every page of a project sheet.
PROJECT_FOOTER = "&A　第 &P 页，共 &N 页"

# --- Word document export (issue 13) ---
#: The published document (部门预算公开) as in the seed: two parts, each a heading of two lines
#: (the part's number, then its title), the department's three sections with the lead words
#: that open their text, and one numbered table per project (PROJECT_TITLE_NUMBERED).
DOC_PART_ONE = "第一部分"
DOC_PART_ONE_TITLE = DEPT_TITLE
DOC_PART_TWO = "第二部分"
DOC_PART_TWO_TITLE = "预算项目绩效目标"
DOC_SECTIONS = (
    ("一、总体绩效目标", "部门年度发展规划目标："),
    ("二、分项绩效目标", "部门职责分类绩效目标情况说明："),
    ("三、工作保障措施", "实现本年度发展规划目标的保障措施："),
)
#: The first page: the document's title, the heading of the table of contents, and what the
#: contents field shows until Word (F9) or WPS fills it in.
DOC_TITLE = "{name}{year}部门预算绩效目标"
DOC_TITLE_YEAR = "{year}年"
DOC_TITLE_COMBINED = "{year}部门预算绩效目标（{count} 个单位）"
DOC_TOC_TITLE = "目　录"
DOC_TOC_PLACEHOLDER = (
    "目录尚未生成：在 Word 中点击此处按 F9（或右键选择「更新域」），在 WPS 中右键选择「更新目录」。"
)
#: A unit's heading in a combined document (each unit is a section starting on a new page).
DOC_UNIT_HEADING = "{code}{name}"
#: Around the page number at the foot of every page.
DOC_PAGE_NUMBER = ("— ", " —")
#: Fonts of Chinese government documents: body 仿宋_GB2312 (where it is not installed, Word
#: looks for its alternative name 仿宋), headings 黑体.
FONT_FANGSONG_GB = "仿宋_GB2312"
FONT_FANGSONG = "仿宋"
FONT_HEITI = "黑体"
#: Paragraph styles the document adds (Word lists them by these names).
DOC_STYLE_TITLE = "文档标题"
DOC_STYLE_TABLE = "表格文字"
#: Output names: one document per unit (``711002定州市总工会_绩效目标.docx``), the combined one.
DOC_FILE_NAME = "{unit}_绩效目标.docx"
DOC_COMBINED_NAME = "绩效目标_汇总.docx"
CLI_DOCX_WRITTEN = "已写出：{path}（{unit}，{projects} 个项目；校验：{status}）"
CLI_DOCX_COMBINED = "已写出：{path}（{units} 个单位，{projects} 个项目）"
CLI_DOCX_SUMMARY = "文件 {files} 个：导出 {exported} 个，无法导出 {failed} 个；其中校验有错误的 {errors} 个"
USAGE.update(
    {
        "docx_output_folder": "导出多个单位时 -o 应为文件夹：{path}（要写成一个文档请加 --combined）",
        "docx_suffix": "Word 文档的文件名应以 .docx 结尾：{path}",
    }
)
HELP.update(
    {
        "export_docx_short": "导出 Word 公开文本：部门整体绩效目标和各项目的绩效目标表。",
        "export_docx": (
            "导出 Word 公开文本（部门预算公开的样式）：第一部分 部门整体绩效目标，第二部分 "
            "每个项目一张绩效目标表；开头有目录，在 Word 中按 F9 更新。一个工作簿写一个文档；"
            "文件夹或多个文件按单位各写一个文档（--combined 时写成一个文档）。"
            "无法读取的文件列出原因，其余照常导出。"
            "退出码：0 全部导出且没有错误，1 有文件无法导出或校验发现错误（文档照常写出），2 用法错误。\n\n"
            "\b\nworkbook-tools export-docx 单位.xlsx -o out/单位.docx\n"
            "workbook-tools export-docx 文件夹/ -o out/公开文本/\n"
            "workbook-tools export-docx 文件夹/ --combined -o out/全部单位.docx"
        ),
        "export_docx_output": (
            "输出：一个工作簿或 --combined 时为 .docx 文件（给文件夹时写在其中），多个单位时为文件夹；"
            "默认写到 out/"
        ),
        "combined": "多个单位写成一个文档，每个单位从新的一页开始",
    }
)

# --- Word/text document import (issue 13) ---
#: The department section of a published document: each text opens with its lead words and a
#: colon (the seed's words first; the workbook's own labels are accepted too).
IMPORT_DEPARTMENT_LEADS = {
    "overall_goal": ("部门年度发展规划目标", DEPT_OVERALL),
    "duty_goals": ("部门职责分类绩效目标情况说明", DEPT_DUTIES),
    "safeguards": ("实现本年度发展规划目标的保障措施", DEPT_SAFEGUARDS),
}
#: Headings of the document's parts and sections (after their numbering: 一、 1、 （一） 第一部分).
IMPORT_HEADINGS = (
    DEPT_TITLE,
    "总体绩效目标",
    "分项绩效目标",
    "工作保障措施",
    "预算项目绩效目标",
    "项目绩效目标",
    "部门预算项目绩效目标",
)
IMPORT_TOC_HEADING = "目录"
#: Paragraph style names of headings (Word's built-in ones are named in English whatever the UI says).
IMPORT_HEADING_STYLES = ("heading", "title", "标题")
#: Numbering before a heading: 一、 （一） 1、 1. 第一部分.
IMPORT_NUMERALS = "〇零一二三四五六七八九十百"
IMPORT_ENUM_MARKS = "、.．"
IMPORT_PART = ("第", "部分")
IMPORT_BRACKETS = ("（(", "）)")
#: A page number left in the text (1, - 1 -, — 1 —, 第 1 页, 第1页 共6页).
IMPORT_PAGE_NUMBER = r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?[-—–\s]*$"
#: A year stated in the document: 2020年, 2020 年度 (not 【2019】46号).
IMPORT_YEAR = r"(?<!\d)((?:19|20)\d{2})\s*年"
#: A document number before a project's name (冀财行【2019】46号, 冀工办发[2019]42号文) and a year
#: (2020年, 2020年度): left out of the sheet name derived from the name.
IMPORT_DOCUMENT_NUMBER = r"^\s*[^\s\d]{1,12}[〔【\[（(]\s*\d{4}\s*[〕】\]）)]\s*\d+\s*号文?[\s,，、:：]*"
IMPORT_LEADING_YEAR = r"^\s*(?:19|20)\d{2}\s*年度?[\s,，、]*"
#: Words of a project table besides the template's labels.
IMPORT_LABEL_SYNONYMS = {
    FISCAL: ("财政资金", "其中财政资金", "其中：财政拨款", "财政拨款"),
    PLAN_BLOCK: ("资金支出计划",),
    BREAKDOWN: ("资金明细",),
}
IMPORT_COLONS = "：:"
#: Where something was found, in the messages.
IMPORT_WHERE_PARAGRAPH = "第 {paragraph} 段"
IMPORT_WHERE_LINE = "第 {line} 行"
IMPORT_WHERE_TABLE = "表 {table}"
IMPORT_WHERE_ROW = "表 {table} 第 {row} 行"
IMPORT_WHERE_CELL = "表 {table} 第 {row} 行第 {cell} 格"
IMPORT_WHERE_IN_TEXT = "{where}（文本第 {line} 行）"
IMPORT_PROBLEM = "{where}：{reason}"
IMPORT_TEXT_SEPARATOR = "｜"
#: What could not be placed, and why.
IMPORT_UNPLACED_PARAGRAPH = (
    "这一段不属于部门整体绩效目标的三项内容，也不在项目绩效目标表中，未导入：「{text}」"
)
IMPORT_UNPLACED_CELL = "这一格不是绩效目标表的栏目，也不是栏目的内容，未导入：「{text}」"
IMPORT_UNPLACED_ROW = (
    "这一行不属于任何项目绩效目标表（表前没有「1、…绩效目标表」标题，表中也没有「项目编码」），"
    "未导入：「{text}」"
)
IMPORT_INDICATOR_CELLS = "指标行有 {count} 格，与指标表表头的 {expected} 格对不上，未导入：「{text}」"
IMPORT_MISSING_LABEL = "项目「{project}」中没有找到「{label}」，该项留空"
IMPORT_MISSING_HEADER = "项目「{project}」的指标表表头中没有「{label}」，各指标的这一项留空"
IMPORT_NO_INDICATORS = "项目「{project}」的指标表中没有指标"
IMPORT_INDICATOR_TABLE = "指标表（表头为「一级指标」…「指标值确定依据」）"
IMPORT_REPEATED_LABEL = (
    "「{label}」在项目「{project}」中又出现了一次，只导入了第一次的内容，这次的「{text}」未导入"
)
IMPORT_NAME_FROM_TITLE = "项目中没有「项目名称」，用了标题中的名称「{name}」"
IMPORT_DEPARTMENT_MISSING = "文档中没有「{label}：」，「部门整体」的这一项留空"
IMPORT_DEPARTMENT_REPEATED = "「{label}：」又出现了一次，只导入了第一次的内容，未导入：「{text}」"
IMPORT_NO_YEAR = "文档中没有写明年度（如标题或项目名称中的「2020年」），「部门整体」的年度留空，请补填"
IMPORT_YEARS_DIFFER = "文档中写了不同的年度（{years}），取了 {year} 年，请核对"
IMPORT_NO_UNIT = "文档中没有单位行（如「711002定州市总工会」），单位编码和名称留空，请补填"
IMPORT_NO_UNIT_CODE = "单位行「{text}」中没有单位编码，请在「部门整体」补填"
IMPORT_UNIT_DIFFERS = (
    "项目「{project}」的单位是「{unit}」，与其他项目表的「{chosen}」不一致；工作簿各表都用了「{chosen}」"
)
IMPORT_NO_PROJECTS = (
    "文档中没有项目绩效目标表（带「项目编码」「预算数」「一级指标」的表格），工作簿中只有一张空白项目表"
)
IMPORT_TEXT_TRIMMED = "文字有 {count} 字，超过 Excel 单元格的上限 {limit} 字，只导入了前 {limit} 字"
IMPORT_FORMULA_GUARDED = "「{text}」以「=」开头，为免 Excel 把它当作公式，改成了全角的「＝」"
IMPORT_FULL_WIDTH_EQUALS = "＝"
#: Why a document could not be imported at all (X001 / X005: 文件无法读取 / 文件过大或结构异常).
IMPORT_REASONS = {
    "extension": "扩展名「{detail}」不能导入：应为 Word 文档（.docx）或从中提取的纯文本（.txt）",
    "legacy_word": (
        "这是旧版 Word（.doc）或 WPS 文件，或是设置了打开密码的文档：请在 Word 中去掉密码，"
        "另存为 .docx 或纯文本（.txt）后再导入"
    ),
    "not_docx": "扩展名是 .docx，但内容不是 Word 文档（可能已损坏或是改了扩展名的其他文件）",
    "no_body": (
        "文件中没有 Word 文档的正文（word/document.xml），不是 .docx 文档（可能是改了扩展名的其他文件）"
    ),
    "corrupt": "Word 文档已损坏，无法读取（{detail}）",
    "binary": "文件内容不是文字（可能是改了扩展名的 Word、Excel 或其他文件；Word 文档请用 .docx 扩展名）",
    "encoding": (
        "无法识别文件的文字编码（应为 UTF-8 或 GB18030/GBK）：请用记事本打开，「另存为」UTF-8 后再导入"
    ),
    "too_large": "文件有 {0} MB，超出导入的上限 {1} MB（公开文本通常不到 1 MB）",
    "too_many_blocks": "文档有 {0} 个段落和表格行，超出导入的上限 {1} 个",
    "too_many_projects": "文档中有 {0} 个项目绩效目标表，超出一次导入的上限 {1} 个",
    "not_this_kind": (
        "文档中既没有部门整体绩效目标（「部门年度发展规划目标：」等），也没有项目绩效目标表"
        "（带「项目编码」的表格），不是部门预算公开的绩效目标文本"
    ),
}
CLI_IMPORT_WRITTEN = "已导入：{path}（{unit}，{year}，{projects} 个项目，{indicators} 个指标）"
CLI_IMPORT_NO_UNIT = "单位未填"
CLI_IMPORT_PROBLEMS = "以下 {count} 处内容没能放进工作簿，请对照原文补填："
CLI_IMPORT_ALL_PLACED = "文档中的内容都已放进工作簿。"
CLI_IMPORT_NEXT = "下一步：workbook-tools validate {path}"
USAGE.update(
    {
        "import_output": "导入写出的是 Excel 工作簿：输出文件 {path} 的扩展名应为 .xlsx（带按钮的为 .xlsm）",
    }
)
HELP.update(
    {
        "import": (
            "从公开文本导入：把部门预算公开的绩效目标文本（Word 文档 .docx，或从中提取的纯文本 .txt）"
            "转成标准填报工作簿，每个项目一张表。没能放进工作簿的内容逐条列出所在位置。"
            "退出码：0 全部导入，1 已写出但有内容没能导入，2 文件无法读取或用法错误。\n\n"
            "\b\nworkbook-tools import 公开文本.docx -o out/单位.xlsx\n"
            "workbook-tools validate out/单位.xlsx"
        ),
        "import_output": "写出的工作簿（.xlsx；以 .xlsm 结尾或加 --xlsm 时生成带按钮的工作簿）",
        "import_short": "从公开文本导入：把 Word 文档（.docx）或纯文本（.txt）转成填报工作簿。",
    }
)

"""Every rule's severity, Chinese title and Chinese message template, in one place.

Codes are stable (DESIGN §5): never renumber, only add. A message names the values
involved; its placeholders are filled by the rule that raises it.
"""

from __future__ import annotations

E, W = "error", "warning"

#: code → (severity, title, message template)
CATALOG: dict[str, tuple[str, str, str]] = {
    "X001": (E, "文件无法读取", "文件无法读取：{reason}"),
    "X002": (E, "文件已加密", "{reason}"),
    "X003": (E, "没有项目表", "没有找到项目表（应有带「项目编码」「预算数」「一级指标」标签的工作表）"),
    "X004": (
        E,
        "公式没有计算结果",
        "「{field}」是公式，但文件中没有计算结果（由不计算公式的程序保存）；请用 Excel 打开并保存后再提交",
    ),
    "F001": (E, "必填项未填", "「{field}」未填写"),
    "F002": (E, "项目编码格式不对", "项目编码「{code}」格式不对，应形如 {example}"),
    "F003": (W, "项目编码与单位不符", "项目编码「{code}」前 {digits} 位「{prefix}」与单位编码 {unit} 不一致"),
    "F004": (E, "项目编码重复", "项目编码「{code}」重复：{other}"),
    "F005": (W, "项目名称重复", "项目名称「{name}」重复：{other}"),
    "A001": (E, "金额不是数字", "「{field}」不是数字：{raw}"),
    "A002": (E, "金额为负数", "「{field}」为负数：{value}"),
    "A003": (E, "预算数与资金来源不符", "预算数 {budget} ≠ 财政资金 {fiscal} + 其他资金 {other}"),
    "A004": (E, "资金明细合计不符", "资金明细合计 {total} ≠ 预算数 {budget}（{count} 行）"),
    "A005": (W, "资金用途所列金额不符", "资金用途中列明的 {items} 合计 {total} 万元，与预算数 {budget} 不符"),
    "A006": (W, "金额填成了文字", "「{field}」填的是文字「{raw}」，已按 {value} 读取；请改为数字"),
    "P001": (E, "支出计划未填或不是数字", "资金支出计划「{checkpoint}」{problem}"),
    "P002": (E, "支出计划超出 0–100", "资金支出计划「{checkpoint}」为 {value}，应在 0–100 之间"),
    "P003": (
        E,
        "累计支出计划减少",
        "资金支出计划「{checkpoint}」{value} 小于「{previous}」{previous_value}，累计进度不能减少",
    ),
    "P004": (E, "12月底不是 100", "资金支出计划「12月底」为 {value}，应为 100"),
    "I001": (E, "没有绩效指标", "项目「{project}」没有填写任何绩效指标"),
    "I002": (E, "一级指标不在指标体系中", "一级指标「{level1}」不在指标体系中（可选：{allowed}）"),
    "I003": (E, "二级指标不属于其一级指标", "二级指标「{level2}」不属于「{level1}」（可选：{allowed}）"),
    "I004": (E, "缺少必备的一级指标", "缺少「{category}」（每个项目至少要有一项）"),
    "I005": (E, "指标内容未填", "指标「{name}」的「{field}」未填写"),
    "I006": (E, "指标值未填或无法识别", "指标「{name}」的指标值{problem}"),
    "I007": (E, "百分比超出 0–100", "指标「{name}」的指标值 {value} 是百分比，应在 0–100 之间"),
    "I008": (W, "三级指标重复", "三级指标「{name}」在本项目中重复（另见 {other}）"),
    "I009": (W, "指标与类别不符", "指标「{name}」{reason}"),
    "I010": (W, "指标值单位与名称不符", "指标「{name}」{reason}"),
    "I011": (W, "满意度目标偏低", "满意度指标「{name}」目标 {value} 低于审核下限 {minimum}%"),
    "I012": (W, "定性指标值", "指标「{name}」的指标值「{raw}」是定性描述，建议量化"),
    "D001": (E, "部门整体缺失或单位未填", "{reason}"),
    "D002": (E, "部门预算总额不符", "部门预算总额 {declared} ≠ 各项目预算数合计 {total}（{count} 个项目）"),
    "D003": (W, "单位不一致", "本表单位「{unit}」与部门整体「{department}」不一致"),
}

SEVERITY_LABEL = {E: "错误", W: "警告"}

# Fragments that rules put into the placeholders above.
EMPTY_VALUE = "（空）"
NOT_FILLED = "未填写"
NOT_A_NUMBER = "不是数字：{raw}"
UNPARSEABLE = "「{raw}」无法识别，应写成「≥30人次」「≥90%」「100百分比」这样的形式"
NO_DEPARTMENT_SHEET = "没有找到「部门整体」工作表（应有带「单位编码」「部门年度发展规划目标」标签的工作表）"
DEPARTMENT_FIELD_EMPTY = "部门整体的「{field}」未填写"
DUPLICATE_IN_SHEET = "与工作表「{sheet}」相同"
DUPLICATE_IN_FILE = "与 {file}（{unit}）工作表「{sheet}」相同"
DUPLICATE_MORE = " 等共 {count} 个文件"
SATISFACTION_OUTSIDE = "是满意度指标，应放在「{expected}」下，而不是「{level1}」"
NOT_SATISFACTION_INSIDE = "放在「{level1}」下，但名称不是满意度（满意度/满意率）"
TIMELINESS_WITHOUT_TIME = "是「{level2}」，但名称、描述和指标值都没有说到时间（如完成时间、及时率、×月底前）"
RATE_NOT_PERCENT = "名称是比率（率/%），但指标值「{raw}」不是百分比"
UNIT_MISMATCH = "名称写明单位「{declared}」，但指标值「{raw}」的单位是「{unit}」"
MARK_NOTE_HEADER = "workbook-tools 校验："

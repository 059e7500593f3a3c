"""X005 文件过大或结构异常."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Finding, ReadRule, Severity, register
from workbook_tools.read.problems import ReadError, ReadProblem


@register
class FileTooLarge(ReadRule):
    """## 说明

    文件大小或结构超出了绩效目标表工作簿的合理范围，为保护电脑（内存、时间）不予读取，并写明超出的是哪一项上限：
    压缩包内的部件数、解压后的总大小或单个部件大小、压缩比（「压缩炸弹」）、某张工作表的范围
    （行数 × 列数，例如远处的 XFD1048576 单元格有内容），或 XML 中含有实体 / DTD 声明（可能用于攻击）。

    ## 为什么

    一张正常的绩效目标表只有几十到几百行。超出上限的文件多半是误存了大量空格式、粘贴了别的数据，
    或是被恶意构造的文件；读取它可能耗尽内存、让整批汇总中断。拒绝读取并说明原因，其他文件照常处理。

    ## 示例

    某项目表的 XFD1048576 单元格被误填了一个空格：
        文件过大或结构异常：工作表「工会经费」的范围是 1048576 行 × 16384 列，超出上限（4000000 个单元格）
    一个 10 KB 的文件解压后有 2 GB：
        文件过大或结构异常：压缩比 200000 倍，超出上限 200 倍（可能是「压缩炸弹」）

    ## 怎么改

    在 Excel 中删除表格范围以外多余的行和列（选中后「删除」，不是「清除内容」），保存后再提交；
    若文件来历不明，不要打开，请向报送单位重新索取。
    """

    code = "X005"
    severity = Severity.ERROR
    title = "文件过大或结构异常"
    message = "文件过大或结构异常：{reason}"
    fields = ("reason",)

    @classmethod
    def check(cls, error: ReadError) -> Iterator[Finding]:
        if error.problem is ReadProblem.UNSAFE_XML:
            yield cls.at(None, reason=UNSAFE)
        elif error.problem is ReadProblem.TOO_LARGE:
            what, *numbers = error.detail.split(":")
            yield cls.at(None, reason=REASONS[what].format(*numbers))


UNSAFE = "文件中的 XML 含有实体或 DTD 声明（可能是恶意构造的文件），不予读取"
REASONS = {
    "parts": "压缩包内有 {0} 个部件，超出上限 {1} 个",
    "total": "解压后共 {0} MB，超出上限 {1} MB",
    "part": "其中一个部件解压后有 {0} MB，超出上限 {1} MB",
    "ratio": "压缩比 {0} 倍，超出上限 {1} 倍（可能是「压缩炸弹」）",
    "sheet": "工作表「{0}」的范围是 {1} 行 × {2} 列，超出上限（{3} 个单元格）",
}

"""X001 文件无法读取."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Finding, ReadRule, Severity, register
from workbook_tools.read.problems import ReadError, ReadProblem


@register
class FileUnreadable(ReadRule):
    """## 说明

    文件不能作为 Excel 工作簿读取（或写回），整个文件无法校验，消息写明原因：文件不存在、给的是文件夹、
    扩展名不是 .xlsx/.xlsm/.xls、空文件（0 字节）、内容不是工作簿（改了扩展名的其他文件）、工作簿已损坏、
    .xls 旧格式无法写入标记或汇总表、工作簿无法改写（原文件不动）。
    `workbook-tools validate` 遇到这种文件以退出码 2 结束；批量汇总时该文件记入「文件清单」
    并写明原因，其余文件照常处理。

    ## 为什么

    读不出来的文件里没有可审核的数据，只能退回填报单位；批量汇总时，一个坏文件不能拖住其他单位。

    ## 示例

    把 Word 文档改名为 711002定州市总工会.xlsx 后提交：
        文件无法读取：文件内容不是 Excel 工作簿（可能已损坏或是改了扩展名的其他文件）
    提交 .xls 文件并要求写入校验标记：
        文件无法读取：.xls 旧格式无法写入标记或汇总表，请在 Excel 中另存为 .xlsx

    ## 怎么改

    按消息处理：换成正确的文件，或用 Excel 打开后「另存为」.xlsx（带按钮的用 .xlsm）再提交；
    文件已损坏的，请填报单位重新发送。
    """

    code = "X001"
    severity = Severity.ERROR
    title = "文件无法读取"
    message = "文件无法读取：{reason}"
    fields = ("reason",)

    @classmethod
    def check(cls, error: ReadError) -> Iterator[Finding]:
        reason = REASONS.get(error.problem)
        if reason is not None:
            yield cls.at(None, reason=reason.format(detail=error.detail or "无"))


REASONS = {
    ReadProblem.MISSING: "文件不存在",
    ReadProblem.BROKEN_LINK: "这是一个快捷方式（链接），指向不存在的文件或形成循环",
    ReadProblem.FOLDER: "这是一个文件夹，不是工作簿",
    ReadProblem.EXTENSION: "扩展名「{detail}」不是可读取的格式（应为 .xlsx/.xlsm/.xls/.ods），请另存为 .xlsx",
    ReadProblem.CANNOT_OPEN: "无法打开文件：{detail}",
    ReadProblem.EMPTY: "文件是空的（0 字节）",
    ReadProblem.NOT_WORKBOOK: "文件内容不是 Excel 工作簿（可能已损坏或是改了扩展名的其他文件）",
    ReadProblem.CORRUPT: "工作簿已损坏，无法读取（{detail}）",
    ReadProblem.LEGACY_UNREADABLE: "{detail} 格式需完整安装（workbook-tools[cli]）才能读取，或另存为 .xlsx",
    ReadProblem.LEGACY_FORMAT: "{detail} 格式无法写入标记或汇总表，请在 Excel 中另存为 .xlsx",
    ReadProblem.NOT_REWRITABLE: "工作簿无法改写（{detail}），原文件未改动",
    ReadProblem.CRASHED: "读取时程序异常退出（文件可能已损坏），已跳过，其他文件照常处理",
}

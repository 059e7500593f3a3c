"""X002 文件已加密."""

from __future__ import annotations

from collections.abc import Iterator

from workbook_tools.check.registry import Finding, ReadRule, Severity, register
from workbook_tools.read.problems import ReadError, ReadProblem


@register
class FileEncrypted(ReadRule):
    """## 说明

    文件设置了打开密码（已加密），不输入密码就读不出任何内容，整个文件无法校验和汇总。只有「打开密码」
    会报此项，模板自带的工作表保护（无密码）不算。

    ## 为什么

    财政局审核和汇总时没有各单位的密码，加了密的文件既不能校验也不能汇总，只能退回。

    ## 示例

    在 Excel「文件 → 信息 → 保护工作簿 → 用密码进行加密」中设了密码后提交：
        文件设置了打开密码（已加密），请去掉密码后另存再提交

    ## 怎么改

    输入密码打开文件，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中把密码清空、点确定，保存后再提交。
    """

    code = "X002"
    severity = Severity.ERROR
    title = "文件已加密"
    message = "文件设置了打开密码（已加密），请去掉密码后另存再提交"
    fields = ()

    @classmethod
    def check(cls, error: ReadError) -> Iterator[Finding]:
        if error.problem is ReadProblem.ENCRYPTED:
            yield cls.at(None)

"""D rules: the 部门整体 sheet and the unit across sheets."""

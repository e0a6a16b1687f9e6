"""Error and problem messages in English and 简体中文: where, what was expected, how to fix it.

Placeholders in braces are filled by `addin.domain.i18n.text`; both languages take the same ones.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # where a cell is (problems.Layout.where)
    "where.sheet": ("sheet '{sheet}'", "工作表“{sheet}”"),
    "where.column": ("column '{header}'", "列“{header}”"),
    "where.column_letter": ("column '{header}' ({letter})", "列“{header}”（{letter}列）"),
    "where.row": ("row {row}", "第 {row} 行"),
    "where.line": ("line {row}", "第 {row} 行"),
    "where.join": (", ", "，"),
    # one unreadable cell (problems.Problem)
    "problem": ("{where}: {value} is not {expected}", "{where}：{value} 不是{expected}"),
    "problem.then": ("; {consequence}", "；{consequence}"),
    "problem.blank": ("blank", "空白"),
    "problem.more": ("... and {count} more", "……另有 {count} 处"),
    "expected.number": ("a number", "数字"),
    "expected.date": (
        "a date (use YYYY-MM-DD or a date cell)",
        "日期（请用 YYYY-MM-DD 或日期单元格）",
    ),
    "expected.kind": (
        "a kind (customer / prospect, 客户 / 潜在客户)",
        "有效类型（客户 / 潜在客户，customer / prospect）",
    ),
    "expected.sales": ("a sales figure", "销售额"),
    "expected.not_negative": ("zero or more (net returns?)", "零或正数（是否为退货净额？）"),
    "then.blank": ("it counts as blank", "按空白处理"),
    "then.no_class": ("the customer gets no class", "该客户不参与分类"),
    "then.class_c": ("the customer is put in class C", "该客户归为C类"),
    # the customer table (validation)
    "error.no_rows": (
        "{where}: the table has headers but no customer rows. "
        "Fix: add at least one row with an id and a name.",
        "{where}：表格只有标题行，没有客户数据。修正：至少添加一行带编号和名称的客户。",
    ),
    "error.same_column": (
        "{where}: the headers '{first}' and '{second}' both mean '{en}' ({zh}). "
        "Fix: rename or delete one of them.",
        "{where}：标题“{first}”和“{second}”都表示“{zh}”（{en}）。修正：重命名或删除其中一列。",
    ),
    "error.missing_column": (
        "'{en}' ({zh}) is missing; fix: {fix}",
        "缺少“{zh}”（{en}）列；修正：{fix}",
    ),
    "fix.rename": ("rename '{found}' to '{en}' (or '{zh}')", "将“{found}”改名为“{zh}”（或“{en}”）"),
    "fix.add_column": ("add a column '{en}' (or '{zh}')", "添加“{zh}”列（或“{en}”）"),
    "error.missing_columns": (
        "{where}: {missing}. Columns found: {found}.",
        "{where}：{missing}。现有列：{found}。",
    ),
    "none": ("none", "无"),
    "error.blank_required": (
        "{count} required cell(s) are blank: every row needs an id and a name. "
        "Fix: fill them in or delete the rows.",
        "{count} 个必填单元格为空：每行都需要客户编号和名称。修正：补全或删除这些行。",
    ),
    "blank_cell": ("{where}: blank", "{where}：空白"),
    "error.duplicate_ids": (
        "{where}: {count} customer id(s) appear more than once. Fix: give each customer its own id.",
        "{where}：{count} 个客户编号重复出现。修正：为每个客户设置唯一编号。",
    ),
    "duplicate_rows": ("'{id}' in rows {rows}", "“{id}”出现在第 {rows} 行"),
    "more_ids": ("... and {count} more ids", "……另有 {count} 个编号"),
    "error.strict": (
        "{count} cell(s) cannot be read. Fix them and run again:",
        "{count} 个单元格无法读取。请修正后重新运行：",
    ),
    # settings and rule
    "error.setting": (
        "{where}: {value} is not {expected}. Fix: correct the cell.",
        "{where}：{value} 不是{expected}。修正：更正该单元格。",
    ),
    "error.settings": (
        "{where}: {error} Fix: correct the Settings sheet.",
        "{where}：{error} 修正：更正设置表。",
    ),
    "expected.share": ("a share such as {example}", "占比，例如 {example}"),
    "expected.method": ("'value' or 'count'", "“value”或“count”"),
    "expected.grouping": ("blank, 'rep' or 'region'", "空白、“rep”或“region”"),
    "expected.color": (
        "a colour as 6 hex digits, e.g. {example}",
        "6 位十六进制颜色，例如 {example}",
    ),
    "error.method": (
        "method must be 'value' or 'count', not {value}.",
        "分类方法须为“value”或“count”，而不是 {value}。",
    ),
    "error.share_range": (
        "{name} must be a share between 0 and 1 (for example 0.8 for 80%), not {value}.",
        "{name} 须为 0 到 1 之间的占比（例如 0.8 表示 80%），而不是 {value}。",
    ),
    "error.share_order": (
        "{a_name} ({a}) must be below {b_name} ({b}): A customers are the top of the list, B the next.",
        "{a_name}（{a}）须小于 {b_name}（{b}）：A类在前，B类其次。",
    ),
    "error.grouping": (
        "abc_by must be blank, 'rep' or 'region', not {value}.",
        "abc_by 须为空白、“rep”或“region”，而不是 {value}。",
    ),
    "error.no_group_column": (
        "cannot classify by '{column}': there is no such column (columns: {columns}).",
        "无法按“{column}”分组分类：没有该列（现有列：{columns}）。",
    ),
    "error.language": (
        "language must be 'en' or 'zh', not {value}.",
        "语言须为“en”或“zh”，而不是 {value}。",
    ),
    # files
    "error.no_file": (
        "{path}: no such file. Fix: check the path and name.",
        "{path}：文件不存在。修正：检查路径和文件名。",
    ),
    "error.is_folder": ("{path}: is a folder, not a file.", "{path}：这是文件夹，不是文件。"),
    "error.no_access": (
        "{path}: permission denied. Fix: close it or check access.",
        "{path}：无权访问。修正：关闭该文件或检查权限。",
    ),
    "error.not_workbook": (
        "{name}: not an Excel workbook or CSV file. Fix: save it from Excel as .xlsx (Excel "
        "Workbook) or .csv (CSV UTF-8) and try again.",
        "{name}：不是 Excel 工作簿或 CSV 文件。修正：在 Excel 中另存为 .xlsx（Excel 工作簿）或 "
        ".csv（CSV UTF-8）后重试。",
    ),
    "error.unreadable_workbook": (
        "{name}: cannot be read as a workbook ({detail}). Fix: open it in Excel, save as .xlsx "
        "and try again.",
        "{name}：无法作为工作簿读取（{detail}）。修正：用 Excel 打开并另存为 .xlsx 后重试。",
    ),
    "error.encrypted": (
        "{name}: the workbook is password protected. Fix: in Excel, File > Info > Protect "
        "Workbook > Encrypt with Password, clear the password, save, and try again.",
        "{name}：工作簿受密码保护。修正：在 Excel 中依次点击 文件 > 信息 > 保护工作簿 > "
        "用密码进行加密，清空密码并保存后重试。",
    ),
    "error.xls": (
        "{name}: an old-style .xls workbook. Fix: open it in Excel and save as .xlsx.",
        "{name}：旧版 .xls 工作簿。修正：用 Excel 打开并另存为 .xlsx。",
    ),
    "error.no_table": (
        "{name}: no Excel table named '{table}' and no sheet called Customers (客户). Sheets: "
        "{sheets}; tables: {tables}. Fix: select the customer list and press Ctrl+T to make a "
        "table, then name it '{table}' (Table Design > Table Name), or rename its sheet to "
        "'Customers'.",
        "{name}：没有名为“{table}”的 Excel 表格，也没有名为“客户”（Customers）的工作表。工作表："
        "{sheets}；表格：{tables}。修正：选中客户清单按 Ctrl+T 创建表格，并命名为“{table}”"
        "（表设计 > 表名称），或将其工作表改名为“客户”。",
    ),
    "error.table_missing": (
        "{name}: no Excel table named '{table}' (tables: {tables}). Fix: select the data, press "
        "Ctrl+T, and name the table '{table}' (Table Design > Table Name).",
        "{name}：没有名为“{table}”的 Excel 表格（现有表格：{tables}）。修正：选中数据按 Ctrl+T，"
        "并将表格命名为“{table}”（表设计 > 表名称）。",
    ),
    "error.empty_sheet": (
        "{name}, sheet '{sheet}': the sheet is empty. Fix: put the headers in the first row and "
        "one customer per row.",
        "{name}，工作表“{sheet}”：工作表为空。修正：第一行放标题，每行一个客户。",
    ),
    "error.empty_csv": (
        "{name}: the file is empty. Fix: export the customer list with a header row.",
        "{name}：文件为空。修正：导出带标题行的客户清单。",
    ),
    "error.bad_csv": (
        "{name}: not a readable CSV file ({detail}).",
        "{name}：无法读取的 CSV 文件（{detail}）。",
    ),
    "error.csv_encoding": (
        "{name}: the text is neither UTF-8 nor GBK/GB18030. Fix: in Excel, Save As > CSV UTF-8 "
        "(Comma delimited).",
        "{name}：文本既不是 UTF-8 也不是 GBK/GB18030。修正：在 Excel 中另存为“CSV UTF-8（逗号分隔）”。",
    ),
    "error.same_file": (
        "{name}: the output would overwrite the input. Fix: choose another -o OUTPUT.",
        "{name}：输出会覆盖输入文件。修正：用 -o 指定另一个输出文件。",
    ),
    "error.no_folder": (
        "{path}: the folder {folder} does not exist. Fix: create it or choose another output path.",
        "{path}：文件夹 {folder} 不存在。修正：先创建该文件夹或选择其他输出路径。",
    ),
    "error.open_in_excel": (
        "{name} is open in Excel ({lock} exists). Fix: close it in Excel and try again, or write "
        "to another file.",
        "{name} 正在 Excel 中打开（存在 {lock}）。修正：在 Excel 中关闭后重试，或写入其他文件。",
    ),
    "error.cannot_write": (
        "{path}: cannot be written (permission denied). Fix: close it in Excel, or check that "
        "the folder is writable, and try again.",
        "{path}：无法写入（权限被拒绝）。修正：在 Excel 中关闭该文件，或检查文件夹是否可写，然后重试。",
    ),
    # Excel functions
    "error.cell": ("Error: {message}", "错误：{message}"),
    "error.one_column": (
        "select one column or one row, not {rows}×{columns} cells.",
        "请选择一列或一行，而不是 {rows}×{columns} 个单元格。",
    ),
    "error.not_share": (
        "{value} is not a share; use e.g. 80% or 0.8.",
        "{value} 不是占比；请用 80% 或 0.8 这样的值。",
    ),
    "error.group_size": (
        "groups has {groups} cells but sales has {sales}: select ranges of the same size.",
        "分组区域有 {groups} 个单元格，销售额区域有 {sales} 个：请选择大小相同的区域。",
    ),
    "error.column_taken": (
        "{where}: the column right of the table is not empty ({cell} holds {value}), so the "
        "'{header}' column cannot be added there. Fix: add a '{header}' column to the table "
        "yourself, or clear that column.",
        "{where}：表格右侧的列不为空（{cell} 为 {value}），无法在此添加“{header}”列。"
        "修正：自行在表格中添加“{header}”列，或清空该列。",
    ),
    "error.group_column": (
        "{where}: cannot classify within each {en} ({zh}): the table has no such column. Fix: "
        "add a '{en}' column, or leave abc_by (--by) blank.",
        "{where}：无法按{zh}（{en}）分组分类：表格中没有该列。修正：添加“{zh}”列，或将 abc_by（--by）留空。",
    ),
    "error.output_folder_given": (
        "{path} is a folder. Fix: give the output a file name ending in .xlsx.",
        "{path} 是文件夹。修正：输出请指定以 .xlsx 结尾的文件名。",
    ),
    "error.output_suffix": (
        "{path}: custdev writes Excel workbooks. Fix: give the output a name ending in .xlsx.",
        "{path}：custdev 输出的是 Excel 工作簿。修正：输出文件名请以 .xlsx 结尾。",
    ),
    "error.not_a_folder": (
        "{path} is a file, not a folder. Fix: choose a folder for --out.",
        "{path} 是文件，不是文件夹。修正：--out 请指定文件夹。",
    ),
    "then.not_classified": ("the row is not classified", "该行不参与分类"),
    # command line help
    "cli.help.cli": (
        "Customer development in Excel: ABC classification of customers (客户开发与维护).",
        "Excel 中的客户开发与维护：客户ABC分类（customer development）。",
    ),
    "cli.help.debug": ("show tracebacks", "显示完整的错误追踪"),
    "cli.help.demo": (
        "write demo data and classified demo workbooks",
        "生成演示数据和已分类的演示工作簿",
    ),
    "cli.help.demo_out": ("folder (default: ./demo)", "输出文件夹（默认 ./demo）"),
    "cli.help.demo_lang": ("one language (default: both)", "只生成一种语言（默认两种都生成）"),
    "cli.help.customers": ("rows (default 240)", "行数（默认 240）"),
    "cli.help.classify": (
        "classify customers A/B/C into a new workbook",
        "将客户分为A/B/C类并写入新工作簿",
    ),
    "cli.help.classify_long": (
        "Read customers from .xlsx/.xlsm/.csv and write a classified workbook made from the "
        "template. The input file is never modified.",
        "从 .xlsx/.xlsm/.csv 读取客户，按模板写出已分类的工作簿。输入文件不会被修改。",
    ),
    "cli.help.input": ("customers as .xlsx, .xlsm or .csv", "客户清单（.xlsx、.xlsm 或 .csv）"),
    "cli.help.output": (
        "workbook to write (default: INPUT_classified.xlsx)",
        "要写出的工作簿（默认：输入文件名_classified.xlsx）",
    ),
    "cli.help.method": ("value (default) or count", "value（默认，按销售额）或 count（按客户数）"),
    "cli.help.a_share": (
        "threshold of class A (default 0.8; 0.2 with count)",
        "A类阈值（默认 0.8；count 方法为 0.2）",
    ),
    "cli.help.b_share": (
        "threshold of class B (default 0.95; 0.5 with count)",
        "B类阈值（默认 0.95；count 方法为 0.5）",
    ),
    "cli.help.by": ("classify within each rep or region", "按业务员或区域分别分类"),
    "cli.help.lang": (
        "language of the workbook and the messages (default: the input's)",
        "工作簿和提示信息的语言（默认与输入相同）",
    ),
    "cli.help.strict": (
        "stop on any unreadable cell instead of reporting it",
        "遇到无法读取的单元格即停止，而不是仅报告",
    ),
    "cli.help.templates": ("write the empty workbook templates", "写出空白工作簿模板"),
    "cli.help.templates_out": ("folder (default: .)", "输出文件夹（默认当前文件夹）"),
    "cli.help.not_share": (
        "{value} is not a share between 0 and 1; use e.g. 0.8 or 80%",
        "{value} 不是 0 到 1 之间的占比；请用 0.8 或 80% 这样的值",
    ),
    "cli.help.not_positive": ("{value} is not a positive whole number", "{value} 不是正整数"),
    # command line
    "cli.error": ("error: {message}", "错误：{message}"),
    "cli.warning": ("warning: {message}", "警告：{message}"),
    "cli.internal": (
        "internal error: {kind}: {message} (run again with --debug and report it)",
        "内部错误：{kind}：{message}（请加 --debug 重新运行并报告此问题）",
    ),
    "cli.interrupted": ("interrupted; nothing was written", "已中断，未写入任何文件"),
    # reading a CSV file (workbook.reader)
    "error.csv_extra_values": (
        "{where}: {found} values but {columns} headers (line {header}), so values would land in "
        "the wrong columns (lines with too many values: {lines}). Fix: put double quotes around "
        'any value that holds the separator \'{sep}\' (e.g. "1,200" or "Acme, Inc."), or '
        "delete the extra values, then save and try again.",
        "{where}：有 {found} 个值，但标题（第 {header} 行）只有 {columns} 个，值会错位到别的列"
        '（值过多的行：{lines}）。修正：给含有分隔符“{sep}”的值加上英文双引号（如 "1,200"），'
        "或删除多余的值，保存后重试。",
    ),
    "error.csv_open_quote": (
        '{where}: a double quote (") that starts a value here is never closed, so the rest of '
        "the file would be read as one value. Fix: add the closing quote or delete the stray "
        "one, then save and try again.",
        '{where}：此行某个值开头的英文双引号（"）没有闭合，文件其余部分会被读成一个值。'
        "修正：补上闭合的引号或删除多余的引号，保存后重试。",
    ),
    # --- batch generation and refresh (issue 5) ---
    "error.total_row": (
        "{where}: the table '{table}' has a total row, so its rows cannot be replaced. Fix: turn "
        "the total row off (Table Design > Total Row) in the template and try again.",
        "{where}：表格“{table}”带有汇总行，无法替换其数据行。修正：在模板中关闭汇总行"
        "（表设计 > 汇总行）后重试。",
    ),
    "error.template_kind": (
        "{path}: a template must be 'en', 'zh' or an .xlsx, .xlsm, .xltx or .xltm workbook. Fix: "
        "choose one of those for --template.",
        "{path}：模板须为“en”、“zh”或 .xlsx、.xlsm、.xltx、.xltm 工作簿。修正：--template 请指定其中之一。",
    ),
    "error.refresh_kind": (
        "{path}: custdev refreshes .xlsx and .xlsm workbooks. Fix: open it in Excel and save it "
        "as .xlsx (or .xlsm to keep macros).",
        "{path}：custdev 只能刷新 .xlsx 和 .xlsm 工作簿。修正：用 Excel 打开并另存为 .xlsx"
        "（含宏请存为 .xlsm）。",
    ),
    "error.plan_window": (
        "--start and --weeks go together: give both or neither.",
        "--start 与 --weeks 须同时指定或同时省略。",
    ),
    "batch.blank_group": ("(blank)", "（空白）"),
    "batch.progress": ("{done}/{total} workbooks", "{done}/{total} 个工作簿"),
    "batch.done": (
        "Wrote {written} of {total} workbook(s) to {folder}; {failed} failed. Manifest: {manifest}",
        "已写出 {written}/{total} 个工作簿到 {folder}；失败 {failed} 个。清单：{manifest}",
    ),
    "batch.failed": ("{group} ({file}): {message}", "{group}（{file}）：{message}"),
    "batch.internal": (
        "internal error: {kind}: {message} (run again with --debug and report it)",
        "内部错误：{kind}：{message}（请加 --debug 重新运行并报告此问题）",
    ),
    "batch.plan_ignored": (
        "note: visit plans are not part of this release; --start {start} --weeks {weeks} were "
        "checked and not used.",
        "提示：本版本尚不包含拜访计划；已检查 --start {start} --weeks {weeks}，但未使用。",
    ),
    "refresh.written": ("Refreshed {path}", "已刷新 {path}"),
    "refresh.dry_run": (
        "Dry run: {path} was not changed.",
        "试运行：{path} 未被修改。",
    ),
    "refresh.backup": ("Backup: {path}", "备份：{path}"),
    "cli.help.generate": (
        "write one workbook per rep (or region) from a template",
        "按业务员（或区域）从模板各生成一个工作簿",
    ),
    "cli.help.generate_long": (
        "Read customers from .xlsx/.xlsm/.csv and write one classified workbook per rep or region "
        "into a folder, with a manifest (manifest.csv and manifest.json). The template is 'en', "
        "'zh' or your own workbook with a table named Customers; everything else in it is kept.",
        "从 .xlsx/.xlsm/.csv 读取客户，按业务员或区域各写出一个已分类的工作簿到文件夹，并写出清单"
        "（manifest.csv 和 manifest.json）。模板为“en”、“zh”或带有名为 Customers 的表格的自有工作簿，"
        "其中其他内容原样保留。",
    ),
    "cli.help.template": (
        "'en', 'zh' or a workbook with a Customers table (default: the --lang template)",
        "“en”、“zh”或带 Customers 表格的工作簿（默认：--lang 对应的模板）",
    ),
    "cli.help.generate_by": (
        "one workbook per rep or per region",
        "每个业务员或每个区域一个工作簿",
    ),
    "cli.help.generate_out": (
        "folder for the workbooks and the manifest",
        "工作簿和清单的输出文件夹",
    ),
    "cli.help.jobs": (
        "worker processes (default 1)",
        "并行进程数（默认 1）",
    ),
    "cli.help.start": (
        "first day of the visit plan, YYYY-MM-DD (with --weeks)",
        "拜访计划的首日，YYYY-MM-DD（与 --weeks 同用）",
    ),
    "cli.help.weeks": (
        "weeks of the visit plan (with --start)",
        "拜访计划的周数（与 --start 同用）",
    ),
    "cli.help.refresh": (
        "recompute classes, colours and summary inside an existing workbook",
        "在现有工作簿中重新计算分类、颜色和汇总",
    ),
    "cli.help.refresh_long": (
        "Recompute what custdev computes inside WORKBOOK and keep everything else (charts, images, "
        "comments, macros, buttons, formats) as it is. Refuses while the workbook is open in Excel.",
        "在工作簿中重新计算 custdev 计算的内容，其他内容（图表、图片、批注、宏、按钮、格式）原样保留。"
        "工作簿在 Excel 中打开时不会写入。",
    ),
    "cli.help.workbook": (
        "the .xlsx or .xlsm workbook to refresh",
        "要刷新的 .xlsx 或 .xlsm 工作簿",
    ),
    "cli.help.backup": (
        "keep a copy of the workbook as it was, next to it",
        "在同一文件夹中保留工作簿原样的副本",
    ),
    "cli.help.dry_run": (
        "compute and report, but write nothing",
        "只计算并报告，不写入任何文件",
    ),
    "cli.help.not_date": (
        "{value} is not a date like 2026-03-02",
        "{value} 不是 2026-03-02 这样的日期",
    ),
}

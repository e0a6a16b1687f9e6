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
    "expected.number_in_range": (
        "a number between -10^15 and 10^15 (15 digits, as Excel keeps)",
        "介于 -10^15 与 10^15 之间的数（Excel 只保留 15 位数字）",
    ),
    "expected.date": (
        "a date (use YYYY-MM-DD or a date cell)",
        "日期（请用 YYYY-MM-DD 或日期单元格）",
    ),
    "expected.abc_class": ("an ABC class (A, B or C)", "ABC 类别（A、B 或 C）"),
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
    "error.too_many_rows": (
        "{where}: {rows:,} rows are more than an Excel sheet holds under its header "
        "({most:,}). Fix: split the file, for example by region, and run custdev on each part.",
        "{where}：{rows:,} 行超出 Excel 工作表在标题行下能容纳的行数（{most:,}）。修正：拆分文件"
        "（例如按区域），再分别运行 custdev。",
    ),
    "error.too_many_columns": (
        "{where}: the table has {columns:,} columns; with custdev's own columns the workbook "
        "would need {width:,}, more than Excel's {most:,}. Fix: remove the columns you do not need.",
        "{where}：表格有 {columns:,} 列；加上 custdev 自己的列，工作簿需要 {width:,} 列，超出 Excel 的"
        "上限 {most:,} 列。修正：删除不需要的列。",
    ),
    "error.cell_too_long": (
        "{where}: {length:,} characters, more than the {most:,} an Excel cell holds. Fix: shorten "
        "the text or split it over several columns.",
        "{where}：{length:,} 个字符，超出 Excel 单元格的上限 {most:,} 个字符。修正：缩短文字或分到多列。",
    ),
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
    "error.is_folder": (
        "{path}: is a folder, not a file. Fix: give the path of a file in it, such as "
        "{path}/customers.xlsx.",
        "{path}：这是文件夹，不是文件。修正：请给出其中某个文件的路径，例如 {path}/customers.xlsx。",
    ),
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
    "error.part_too_big": (
        "{name}: the part {part} unpacks to {size} MB, more than custdev reads ({limit} MB; a "
        "workbook of a million customers stays below it). Fix: split the workbook, or save it "
        "again in Excel if it should be small.",
        "{name}：部件 {part} 解压后为 {size} MB，超过 custdev 的读取上限（{limit} MB；百万客户的工作簿"
        "也不会超过）。修正：拆分工作簿；如果它本应很小，请用 Excel 重新保存。",
    ),
    "error.package_too_big": (
        "{name}: the workbook unpacks to more than {limit} MB (at the part {part}), more than "
        "custdev reads. Fix: split the workbook, or save it again in Excel.",
        "{name}：工作簿解压后超过 {limit} MB（在部件 {part} 处），超过 custdev 的读取上限。"
        "修正：拆分工作簿，或用 Excel 重新保存。",
    ),
    "error.part_ratio": (
        "{name}: the part {part} is packed {ratio}:1, far tighter than any real workbook (a zip "
        "bomb?); it was not unpacked. Fix: save the workbook again in Excel, or use the original.",
        "{name}：部件 {part} 的压缩比为 {ratio}:1，远超真实工作簿（疑似压缩炸弹），未解压。"
        "修正：用 Excel 重新保存，或使用原始文件。",
    ),
    "error.part_size": (
        "{name}: the part {part} unpacks to more than the size the file declares for it (a zip "
        "bomb or a damaged file); it was not read. Fix: save the workbook again in Excel.",
        "{name}：部件 {part} 解压后大于文件声明的大小（疑似压缩炸弹或文件损坏），未读取。"
        "修正：用 Excel 重新保存工作簿。",
    ),
    "error.part_damaged": (
        "{name}: the part {part} is damaged ({detail}). Fix: open the workbook in Excel, let it "
        "repair the file, save it and try again.",
        "{name}：部件 {part} 已损坏（{detail}）。修正：用 Excel 打开工作簿，让其修复后保存，再重试。",
    ),
    "error.part_missing": (
        "{name}: the workbook has no {part} part, which every workbook needs. Fix: open it in "
        "Excel, save it as .xlsx and try again.",
        "{name}：工作簿缺少每个工作簿都需要的部件 {part}。修正：用 Excel 打开并另存为 .xlsx 后重试。",
    ),
    "error.part_xml": (
        "{name}: the part {part} is not well-formed XML ({detail}). Fix: open the workbook in "
        "Excel, save it and try again.",
        "{name}：部件 {part} 不是格式正确的 XML（{detail}）。修正：用 Excel 打开工作簿，保存后重试。",
    ),
    "error.part_dtd": (
        "{name}: the part {part} declares a DTD or entities, which workbooks never do (an XML "
        "attack?); it was not read. Fix: save the workbook again in Excel, or use the original.",
        "{name}：部件 {part} 声明了 DTD 或实体，正常工作簿从不如此（疑似 XML 攻击），未读取。"
        "修正：用 Excel 重新保存工作簿，或使用原始文件。",
    ),
    "error.xlsb": (
        "{name}: a binary .xlsb workbook, which custdev cannot read. Fix: open it in Excel and "
        "save it as .xlsx (Excel Workbook).",
        "{name}：二进制 .xlsb 工作簿，custdev 无法读取。修正：用 Excel 打开并另存为 .xlsx（Excel 工作簿）。",
    ),
    "error.backslash_part": (
        "{name}: the zip entry {part} is named with backslashes, which a workbook package does "
        "not allow (an old zip tool wrote it). Fix: open it in Excel, save it as .xlsx and try "
        "again.",
        "{name}：压缩包条目 {part} 的名称使用了反斜杠，工作簿包不允许这样（由旧的压缩工具写入）。"
        "修正：用 Excel 打开并另存为 .xlsx 后重试。",
    ),
    "error.strict_ooxml": (
        "{name}: saved as Strict Open XML Spreadsheet, which custdev does not write. Fix: open it "
        "in Excel and save it as .xlsx (Excel Workbook, not Strict).",
        "{name}：以 Strict Open XML 电子表格格式保存，custdev 无法写入。修正：用 Excel 打开并另存为 "
        ".xlsx（Excel 工作簿，而非 Strict 格式）。",
    ),
    "error.write_check": (
        "{name}: custdev stopped before writing, because the workbook it made did not read back "
        "as meant ({detail}). Nothing was written; your file is unchanged. Fix: please report "
        "this with the file.",
        "{name}：custdev 在写入前停止，因为生成的工作簿读回的内容与预期不符（{detail}）。"
        "未写入任何内容，文件保持不变。修正：请连同文件报告此问题。",
    ),
    "error.table_too_big": (
        "{name}: the table {table} covers {ref}, {cells:,} cells, far more than its data can "
        "fill; it was not read. Fix: in Excel, Table Design > Resize Table to the rows and "
        "columns it holds.",
        "{name}：表格 {table} 覆盖 {ref}，共 {cells:,} 个单元格，远超其数据量，未读取。"
        "修正：在 Excel 中用 表设计 > 调整表格大小，使其只覆盖实际数据。",
    ),
    "error.past_last_row": (
        "{where}: {rows} rows would end past Excel's last row, 1,048,576. Fix: split the "
        "customers over several workbooks (custdev generate --by rep).",
        "{where}：{rows} 行将超出 Excel 的最后一行（1,048,576）。修正：把客户拆分到多个工作簿"
        "（custdev generate --by rep）。",
    ),
    "error.past_last_column": (
        "{where}: a column would go past Excel's last column, XFD (16,384). Fix: remove unused "
        "columns from the table.",
        "{where}：列将超出 Excel 的最后一列 XFD（16,384）。修正：删除表格中不用的列。",
    ),
    "error.text_too_long": (
        "{where}: cell {cell} would hold {length:,} characters, more than Excel's 32,767. Fix: "
        "shorten that text in the input.",
        "{where}：单元格 {cell} 将包含 {length:,} 个字符，超过 Excel 的上限 32,767。修正：缩短输入中的该文本。",
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
        "{name}: the text is in no encoding custdev can tell (neither UTF-8 nor a Chinese or "
        "Western one). Fix: in Excel, Save As > CSV UTF-8 (Comma delimited), or give the "
        "encoding with --encoding.",
        "{name}：无法判断文本编码（既不是 UTF-8，也不是中文或西文编码）。修正：在 Excel 中另存为"
        "“CSV UTF-8（逗号分隔）”，或用 --encoding 指定编码。",
    ),
    "error.csv_not_in_encoding": (
        "{name}, line {line}: the text is not {encoding}. Fix: give the file's encoding with "
        "--encoding (such as utf-8, gb18030 or cp1252), or save it again as CSV UTF-8.",
        "{name}，第 {line} 行：文本不是 {encoding} 编码。修正：用 --encoding 指定文件的编码"
        "（例如 utf-8、gb18030 或 cp1252），或重新另存为 CSV UTF-8。",
    ),
    "error.unknown_encoding": (
        "{value} is not an encoding Python knows. Fix: give one such as utf-8, gb18030 or cp1252.",
        "{value} 不是 Python 支持的编码。修正：请使用 utf-8、gb18030 或 cp1252 等编码。",
    ),
    "warn.csv_guess": (
        "{name}: the encoding was guessed, not certain: read as {encoding}; line {line} reads "
        "“{sample}”. If that looks wrong, run again with --encoding (such as gb18030, cp1252 "
        "or utf-8).",
        "{name}：编码是推测的，并不确定：已按 {encoding} 读取；第 {line} 行为“{sample}”。"
        "如果显示不对，请加 --encoding 重新运行（例如 gb18030、cp1252 或 utf-8）。",
    ),
    "warn.csv_mixed": (
        "{name}: {count} line(s) are not UTF-8 like the rest of the file and were read as "
        "{encoding}: lines {lines}; line {line} reads “{sample}”. Fix: check those lines, or save "
        "the file again as CSV UTF-8 (--strict refuses such a file).",
        "{name}：有 {count} 行与文件其余部分不同，不是 UTF-8，已按 {encoding} 读取：第 {lines} 行；"
        "第 {line} 行为“{sample}”。修正：检查这些行，或重新另存为 CSV UTF-8（--strict 会拒绝此类文件）。",
    ),
    "error.csv_mixed": (
        "{name}: {count} line(s) are not UTF-8 like the rest of the file (they look like "
        "{encoding}): lines {lines}. Fix: save the file again as CSV UTF-8, or run without "
        "--strict to read each line in its own encoding.",
        "{name}：有 {count} 行与文件其余部分不同，不是 UTF-8（看似 {encoding}）：第 {lines} 行。"
        "修正：重新另存为 CSV UTF-8，或去掉 --strict 以按各行自身的编码读取。",
    ),
    "error.no_folder": (
        "{path}: the folder {folder} does not exist. Fix: create it or choose another output path.",
        "{path}：文件夹 {folder} 不存在。修正：先创建该文件夹或选择其他输出路径。",
    ),
    "error.open_in_excel": (
        "{name} is open in Excel ({lock} exists). Fix: {fix}.",
        "{name} 正在 Excel 中打开（存在 {lock}）。修正：{fix}。",
    ),
    # The fix for a workbook open in Excel: what each command can do instead.
    "fix.locked": ("close it in Excel and try again", "在 Excel 中关闭后重试"),
    "fix.locked_output": (
        "close it in Excel and try again, or write to another file with -o OUTPUT",
        "在 Excel 中关闭后重试，或用 -o 写入其他文件",
    ),
    "fix.locked_folder": (
        "close it in Excel and try again, or write into another folder with --out",
        "在 Excel 中关闭后重试，或用 --out 写入其他文件夹",
    ),
    "fix.locked_refresh": (
        "close it in Excel (everyone who has it open), then run refresh again; nothing was changed",
        "在 Excel 中关闭它（所有打开它的人都须关闭），然后重新运行 refresh；文件未作任何更改",
    ),
    "error.cannot_write": (
        "{path}: cannot be written (permission denied). Fix: close it in Excel, or check that "
        "the folder is writable, and try again.",
        "{path}：无法写入（权限被拒绝）。修正：在 Excel 中关闭该文件，或检查文件夹是否可写，然后重试。",
    ),
    "error.write_failed": (
        "{path}: could not be written: {reason}. Nothing was written there; a file that was "
        "there is unchanged. Fix: {fix}",
        "{path}：无法写入：{reason}。该位置未写入任何内容，原有文件保持不变。修正：{fix}",
    ),
    "reason.disk_full": ("the disk is full", "磁盘已满"),
    "reason.too_large": (
        "the file is larger than this system allows (a file size limit)",
        "文件超出本系统允许的大小（文件大小限制）",
    ),
    "fix.free_space": (
        "free some space on the disk, or write to another disk.",
        "清理磁盘空间，或写到其他磁盘。",
    ),
    "fix.check_disk": (
        "check the disk and the folder, then try again.",
        "检查磁盘和文件夹后重试。",
    ),
    "error.output_is_input": (
        "{path} is also read by this run ({role}): custdev never writes over a file it reads. "
        "Nothing was written. Fix: {fix}",
        "{path} 也是本次运行读取的文件（{role}）：custdev 从不覆盖它读取的文件。未写入任何文件。"
        "修正：{fix}",
    ),
    "role.input": ("the input", "输入文件"),
    "role.template": ("the template", "模板"),
    "role.former": ("the former customers list", "既有客户名单"),
    "error.output_exists": (
        "{path} already exists and was not made by this run; nothing was written. Fix: {fix}",
        "{path} 已存在，且不是本次运行生成的；未写入任何文件。修正：{fix}",
    ),
    "error.outputs_exist": (
        "{folder}: {count} file(s) this run would write already exist ({names}); nothing was "
        "written. Fix: {fix}",
        "{folder}：本次运行要写的 {count} 个文件已存在（{names}）；未写入任何文件。修正：{fix}",
    ),
    "fix.force_or_output": (
        "add --force to replace it, or name another output with -o.",
        "加 --force 以替换它，或用 -o 指定另一个输出文件。",
    ),
    "fix.force_or_folder": (
        "add --force to replace them, or choose another folder with --out.",
        "加 --force 以替换它们，或用 --out 选择另一个文件夹。",
    ),
    "fix.other_output": (
        "choose another output (-o) or another folder (--out).",
        "请指定另一个输出文件（-o）或另一个文件夹（--out）。",
    ),
    "error.changed_meanwhile": (
        "{name} changed on disk while custdev was working on it (saved by someone else?), so "
        "it was left as it is. custdev's result was saved as {aside}. Fix: compare the two, "
        "keep the one you want, and run refresh again on it.",
        "{name} 在 custdev 处理期间被修改（可能有人保存了它），因此保持原样未被覆盖。custdev "
        "的结果另存为 {aside}。修正：比较两个文件，保留需要的那个，再对它运行 refresh。",
    ),
    "error.changed_meanwhile_unsaved": (
        "{name} changed on disk while custdev was working on it (saved by someone else?), so "
        "it was left as it is and nothing was written. Fix: run refresh again.",
        "{name} 在 custdev 处理期间被修改（可能有人保存了它），因此保持原样，未写入任何文件。"
        "修正：请重新运行 refresh。",
    ),
    "error.appeared_meanwhile": (
        "{path} appeared while custdev was working, so it was left as it is and nothing was "
        "written. Fix: add --force to replace it, or write elsewhere.",
        "{path} 在 custdev 处理期间出现，因此保持原样，未写入任何文件。修正：加 --force 以替换它，"
        "或写到其他位置。",
    ),
    # Excel functions
    "error.cell": ("Error: {message}", "错误：{message}"),
    "error.unexpected": (
        "custdev stopped at an unexpected error ({kind}: {message}). What was written before it "
        "stays; run it again, and if it happens again, send this message and the workbook to "
        "whoever looks after custdev.",
        "custdev 因意外错误而停止（{kind}：{message}）。此前写入的内容保留；请再运行一次，如果"
        "仍然出错，请将此消息和工作簿发给负责 custdev 的同事。",
    ),
    "error.one_column": (
        "select one column or one row, not {rows}×{columns} cells.",
        "请选择一列或一行，而不是 {rows}×{columns} 个单元格。",
    ),
    "error.argument": (
        "{name} = {value} is not {expected}.",
        "{name} = {value} 不是{expected}。",
    ),
    "error.no_visits_due": (
        "no visit falls due from {start} to {end}: the last visits run to {last}, so the next "
        "ones fall due later. Fix: start after the last visits, or leave start blank for next "
        "Monday.",
        "{start} 至 {end} 没有到期的拜访：最近一次拜访在 {last}，之后的拜访才到期。修正：把开始日期"
        "放在最近拜访之后，或留空以从下周一开始。",
    ),
    "error.nothing_to_plan": (
        "no visit falls due from {start} to {end}: no customer or prospect needs a visit then.",
        "{start} 至 {end} 没有到期的拜访：此期间没有客户或潜在客户需要拜访。",
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
    "cli.help.version": ("show the version and exit", "显示版本号并退出"),
    "cli.help.every_lang": (
        "language of the help and the messages (en or zh), and the command's --lang",
        "帮助和提示信息的语言（en 或 zh），也作为命令的 --lang",
    ),
    # argparse's own words (addin/argparse_i18n.py): the English is argparse's message id, as
    # Python 3.11-3.13 spell it, with its %-placeholders, which the Chinese keeps.
    "argparse.usage": ("usage: ", "用法："),
    "argparse.positionals": ("positional arguments", "位置参数"),
    "argparse.options": ("options", "选项"),
    "argparse.heading": ("%(heading)s:", "%(heading)s："),
    "argparse.subcommands": ("subcommands", "子命令"),
    "argparse.help": ("show this help message and exit", "显示此帮助信息并退出"),
    "argparse.version": ("show program's version number and exit", "显示程序版本号并退出"),
    "argparse.default": (" (default: %(default)s)", "（默认：%(default)s）"),
    "argparse.error": ("%(prog)s: error: %(message)s\n", "%(prog)s：错误：%(message)s\n"),
    "argparse.warning": ("%(prog)s: warning: %(message)s\n", "%(prog)s：警告：%(message)s\n"),
    "argparse.argument": (
        "argument %(argument_name)s: %(message)s",
        "参数 %(argument_name)s：%(message)s",
    ),
    "argparse.required": ("the following arguments are required: %s", "缺少以下必需参数：%s"),
    "argparse.unrecognized": ("unrecognized arguments: %s", "无法识别的参数：%s"),
    "argparse.invalid_choice": (
        "invalid choice: %(value)r (choose from %(choices)s)",
        "无效的选择：%(value)r（可选：%(choices)s）",
    ),
    "argparse.unknown_parser": (
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    ),
    "argparse.invalid_type": ("invalid %(type)s value: %(value)r", "无效的 %(type)s 值：%(value)r"),
    "argparse.one": ("expected one argument", "需要一个值"),
    "argparse.at_most_one": ("expected at most one argument", "最多需要一个值"),
    "argparse.at_least_one": ("expected at least one argument", "至少需要一个值"),
    "argparse.count": ("expected %s argument", "需要 %s 个值"),
    "argparse.count_plural": ("expected %s arguments", "需要 %s 个值"),
    "argparse.ambiguous": (
        "ambiguous option: %(option)s could match %(matches)s",
        "选项有歧义：%(option)s 可匹配 %(matches)s",
    ),
    "argparse.not_allowed": ("not allowed with argument %s", "不能与参数 %s 同时使用"),
    "argparse.ignored": ("ignored explicit argument %r", "已忽略显式给出的参数 %r"),
    "argparse.one_of": ("one of the arguments %s is required", "须给出参数 %s 之一"),
    "argparse.cannot_open": (
        "can't open '%(filename)s': %(error)s",
        "无法打开“%(filename)s”：%(error)s",
    ),
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
    "cli.help.templates": (
        "write the empty workbook templates (.xlsx, and .xlsm with the macros and buttons)",
        "写出空白工作簿模板（.xlsx，以及带宏和按钮的 .xlsm）",
    ),
    "cli.help.templates_out": ("folder (default: .)", "输出文件夹（默认当前文件夹）"),
    "cli.help.not_share": (
        "{value} is not a share between 0 and 1; use e.g. 0.8 or 80%",
        "{value} 不是 0 到 1 之间的占比；请用 0.8 或 80% 这样的值",
    ),
    "cli.help.not_positive": ("{value} is not a positive whole number", "{value} 不是正整数"),
    # command line
    "cli.error": ("error: {message}", "错误：{message}"),
    "cli.warning": ("warning: {message}", "警告：{message}"),
    "cli.note": ("note: {message}", "提示：{message}"),
    "cli.ask": ("{question} [{default}]", "{question} [{default}]"),
    "cli.internal": (
        "internal error: {kind}: {message} (run again with --debug and report it)",
        "内部错误：{kind}：{message}（请加 --debug 重新运行并报告此问题）",
    ),
    "cli.interrupted": ("interrupted; nothing was written", "已中断，未写入任何文件"),
    "cli.interrupted_after": (
        "interrupted; written in full before that: {files}; nothing else was written",
        "已中断；此前已完整写入：{files}；其他均未写入",
    ),
    "cli.and_more": ("and {count} more", "等另外 {count} 个"),
    "cli.help.encoding": (
        "text encoding of CSV input, such as utf-8, gb18030 or cp1252 (default: detected)",
        "CSV 输入的文本编码，例如 utf-8、gb18030 或 cp1252（默认自动识别）",
    ),
    "cli.help.force": (
        "replace output files that already exist (never a file this command reads)",
        "替换已存在的输出文件（绝不替换本命令读取的文件）",
    ),
    "error.out_of_memory": (
        "not enough memory for this input; nothing was written. Fix: close other programs, or "
        "split the input (for example one file per region), and try again.",
        "内存不足，无法处理此输入；未写入任何文件。修正：关闭其他程序，或拆分输入（例如每个区域一个"
        "文件）后重试。",
    ),
    "error.system": (
        "{path}: {reason}. Fix: check the disk, the path and your access to it, then try again.",
        "{path}：{reason}。修正：检查磁盘、路径及访问权限后重试。",
    ),
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
    # --- prospects, pipeline and segmentation (issue 3) ---
    "expected.stage": (
        "a stage: Closed / 已成交 (red), Short term / 短期有望成交 (yellow) or "
        "Potential / 潜在客户 (green)",
        "阶段：已成交 / Closed（红色）、短期有望成交 / Short term（黄色）或"
        "潜在客户 / Potential（绿色）",
    ),
    "expected.decision": (
        "a follow-up decision: Keep visiting / 继续拜访, Don't give up / 不放弃 or Give up / 放弃",
        "跟进决定：继续拜访 / Keep visiting、不放弃 / Don't give up 或 放弃 / Give up",
    ),
    "expected.loyalty": (
        "loyalty to the competitor: Low / 低 or High / 高",
        "对手忠诚度：低 / Low 或 高 / High",
    ),
    "expected.target_level": (
        "a target: Main / 主要目标 or Secondary / 次要目标",
        "目标类型：主要目标 / Main 或 次要目标 / Secondary",
    ),
    "expected.source": (
        "a source: Sold to me before / 以前卖给我的, Peer / 同行 or "
        "Bought my former product / 买过我以前产品的",
        "来源：以前卖给我的 / Sold to me before、同行 / Peer 或 "
        "买过我以前产品的 / Bought my former product",
    ),
    "expected.positive": ("a number above zero, e.g. {example}", "大于零的数，例如 {example}"),
    "expected.days": ("a whole number of days, e.g. {example}", "整数天数，例如 {example}"),
    "expected.name": (
        "a name of at most 40 characters, without commas or double quotes",
        "最多 40 个字符、不含逗号或双引号的名称",
    ),
    "then.no_colour": ("the row gets no colour", "该行不着色"),
    "then.no_decision": ("the prospect counts as having no next step", "该客户按“无下一步”统计"),
    "then.no_effort": ("the effort is left open", "投入精力暂不确定"),
    "then.target_derived": (
        "the target is taken from the class and stage",
        "目标类型按分类和阶段推定",
    ),
    "error.target": (
        "the pipeline target must be a number above zero, not {value}.",
        "潜在客户目标数须为大于零的数，而不是 {value}。",
    ),
    "error.stale_days": (
        "the days before a prospect is stale must be a whole number above zero, not {value}.",
        "判定久未拜访的天数须为大于零的整数，而不是 {value}。",
    ),
    "error.stage_name": (
        "the stage name {value} cannot be used: a stage name has 1 to {most} characters and no "
        "commas or double quotes, which would break the drop-down list of stages.",
        "阶段名称 {value} 不可用：阶段名称须为 1 到 {most} 个字符，且不含逗号或双引号"
        "（否则会破坏阶段下拉列表）。",
    ),
    "error.stage_names": (
        "two stages have the same name {value}: each stage needs its own name.",
        "两个阶段的名称都是 {value}：每个阶段须有不同的名称。",
    ),
    "cli.help.pipeline": (
        "colour prospects and measure pipeline health per rep",
        "潜在客户着色并统计各业务员的潜在客户健康度",
    ),
    "cli.help.pipeline_long": (
        "Read customers and prospects, colour prospects by stage (red closed, yellow likely "
        "soon, green potential), and write a workbook with the Pipeline table, segments and "
        "the dashboard. The input is never modified.",
        "读取客户与潜在客户，按阶段着色（红色已成交、黄色短期有望成交、绿色潜在客户），"
        "写出含 Pipeline 表、客户区隔和仪表板的工作簿。输入文件不会被修改。",
    ),
    "cli.help.pipeline_output": (
        "workbook to write (default: INPUT_pipeline.xlsx)",
        "输出工作簿（默认：输入文件名_pipeline.xlsx）",
    ),
    "cli.help.target": (
        "live prospects each rep should hold (default 25, or the Settings sheet)",
        "每位业务员应保有的潜在客户数（默认 25，或设置表中的值）",
    ),
    "cli.help.stale_days": (
        "days without a visit before a prospect is stale (default 60)",
        "超过多少天未拜访视为久未拜访（默认 60）",
    ),
    "cli.help.as_of": (
        "count staleness from this day, YYYY-MM-DD (default today)",
        "从此日期起计算久未拜访，格式 YYYY-MM-DD（默认今天）",
    ),
    "cli.help.not_number": ("{value} is not a number above zero", "{value} 不是大于零的数"),
    "cli.help.not_date": (
        "{value} is not a date as YYYY-MM-DD",
        "{value} 不是 YYYY-MM-DD 格式的日期",
    ),
    "error.cell_value": ("{value} is not {expected}", "{value} 不是{expected}"),
    "error.same_size": (
        "this range has {found} cells but the first one has {wanted}; select ranges of one size",
        "此区域有 {found} 个单元格，而第一个区域有 {wanted} 个；请选择大小相同的区域",
    ),
    "cli.help.former": (
        "add a rep's former customers as prospects (既有客户利用法)",
        "把业务员以前的客户作为潜在客户加入（既有客户利用法）",
    ),
    "cli.help.former_long": (
        "Add the customers of a rep's previous job or industry to INPUT as green prospects, "
        "tagged with their source, skipping anyone already there (same id, or same name and "
        "phone). Writes a new workbook; neither file is modified.",
        "把业务员以前工作或行业的客户作为绿色潜在客户加入 INPUT，并标注来源；已有的客户"
        "（编号相同，或名称和电话相同）不会重复加入。写出新的工作簿，两个输入文件都不会被修改。",
    ),
    "cli.help.former_list": (
        "the former customers (.xlsx, .xlsm or .csv); ids are optional",
        "以前的客户清单（.xlsx、.xlsm 或 .csv）；编号可省略",
    ),
    "cli.help.former_output": (
        "workbook to write (default: INPUT_with_former.xlsx)",
        "输出工作簿（默认：输入文件名_with_former.xlsx）",
    ),
    "cli.help.source": (
        "why they are a shortcut: sold_to_me, peer or former_product (or 同行, ...); "
        "default: asked on a terminal, else former_product",
        "来源：sold_to_me（以前卖给我的）、peer（同行）或 former_product（买过我以前产品的）；"
        "默认：在终端中询问，否则为 former_product",
    ),
    "cli.help.former_rep": (
        "the rep who brings them; default: asked on a terminal, else the workbook's only rep",
        "带来这些客户的业务员；默认：在终端中询问，否则为工作簿中唯一的业务员",
    ),
    "former.same_id": (
        "former list row {row} is already in the table as {id} (same id); not added",
        "以前客户清单第 {row} 行已在表中（编号 {id} 相同），未重复加入",
    ),
    "former.same_name_phone": (
        "former list row {row} is already in the table as {id} (same name and phone); not added",
        "以前客户清单第 {row} 行已在表中，即 {id}（名称和电话相同），未重复加入",
    ),
    "former.same_name": (
        "former list row {row} is already in the table as {id} (same name; a phone is missing "
        "on one side, so the name alone decided); not added",
        "以前客户清单第 {row} 行已在表中，即 {id}（名称相同；一方缺少电话，仅按名称判断），未重复加入",
    ),
    "former.assumed_source": (
        "no --source given: the {count} new prospects are tagged {code} ({label}). To choose, "
        "run again with --source sold_to_me, peer or former_product.",
        "未指定 --source：{count} 个新潜在客户的来源记为 {code}（{label}）。如需更改，请加 "
        "--source sold_to_me、peer 或 former_product 重新运行。",
    ),
    "former.assumed_rep": (
        "no --rep given: the {count} new prospects go to {rep}, the only rep in the workbook. "
        "To choose another, run again with --rep NAME.",
        "未指定 --rep：{count} 个新潜在客户归入 {rep}（工作簿中唯一的业务员）。"
        "如需更改，请加 --rep 姓名 重新运行。",
    ),
    "former.source_keys": (
        "sold_to_me ({sold_to_me}), peer ({peer}) or former_product ({former_product})",
        "sold_to_me（{sold_to_me}）、peer（{peer}）或 former_product（{former_product}）",
    ),
    "former.ask_source": (
        "Source of the {count} new prospects: {keys}",
        "{count} 个新潜在客户的来源：{keys}",
    ),
    "former.ask_rep": (
        "Rep who brings the {count} new prospects (the workbook has: {reps})",
        "带来这 {count} 个新潜在客户的业务员（工作簿中有：{reps}）",
    ),
    "error.former_rep": (
        "the {count} new prospects need a rep, and the workbook has {reps} ({names}). "
        "Fix: name the rep who brings them with --rep NAME.",
        "{count} 个新潜在客户需要业务员，而工作簿中有 {reps} 位（{names}）。"
        "修正：用 --rep 姓名 指定带来这些客户的业务员。",
    ),
    "error.former_rep_blank": (
        "the rep's name is blank. Fix: type a name.",
        "业务员姓名为空。修正：请输入姓名。",
    ),
    "error.source_option": (
        "--source {value} is not a source. Fix: use {keys}.",
        "--source {value} 不是有效的来源。修正：请使用 {keys}。",
    ),
    "done.former": (
        "Added {added} former customers as prospects; {skipped} were already in the table.",
        "已加入 {added} 个以前的客户作为潜在客户；{skipped} 个已在表中。",
    ),
    # --- visit plans (issue 4) ---
    "error.plan_weeks": (
        "a plan covers 1 to {most} weeks, not {value}. Fix: give a number of weeks from 1 to "
        "{most} (plan the next year again when it comes).",
        "计划覆盖 1 到 {most} 周，而不是 {value}。修正：请填写 1 到 {most} 之间的周数"
        "（下一年到时再重新计划）。",
    ),
    "error.date_range": (
        "{value} is outside the dates a plan can use ({first} to {last}). Fix: give a date in "
        "that range, such as next Monday.",
        "{value} 超出计划可用的日期范围（{first} 至 {last}）。修正：请给出此范围内的日期，"
        "例如下周一。",
    ),
    "error.country": (
        "{value} is not a country the holiday calendar knows. Fix: use a code such as CN, US or "
        "DE, or 'none' for weekdays only.",
        "节假日日历中没有国家 {value}。修正：请使用 CN、US、DE 等代码，或填 none 表示只排除周末。",
    ),
    "error.no_visit_slots": (
        "morning_visits and afternoon_visits are both 0, so no visit fits in a day. Fix: set at "
        "least one of them above 0.",
        "morning_visits 和 afternoon_visits 都为 0，一天排不下任何拜访。修正：至少将其中一项设为大于 0。",
    ),
    "error.a_mornings": (
        "a_mornings is {value}. Fix: write preferred (A visits may take an afternoon before a C "
        "visit does) or strict (A visits only in the morning).",
        "a_mornings 为 {value}。修正：填 preferred（A类可在C类之前占用下午名额）或 strict（A类只排上午）。",
    ),
    "error.day_end": (
        "day_end {end} leaves no time for a visit after morning_start {start}. Fix: set day_end "
        "later, e.g. 18:00.",
        "day_end {end} 在 morning_start {start} 之后放不下一次拜访。修正：把 day_end 设晚一些，例如 18:00。",
    ),
    "error.speed": (
        "travel_speed_kmh is {value}. Fix: use a speed above 0, e.g. 30 in a city.",
        "travel_speed_kmh 为 {value}。修正：填大于 0 的速度，例如市内 30。",
    ),
    "error.not_date": (
        "{value} is not a date. Fix: write it as YYYY-MM-DD, e.g. 2026-03-02, or use DATE().",
        "{value} 不是日期。修正：请写成 YYYY-MM-DD，例如 2026-03-02，或使用 DATE()。",
    ),
    "error.no_rep": (
        "{where}: no customer belongs to rep '{rep}'. Reps in the table: {reps}. Fix: check the "
        "spelling of the rep.",
        "{where}：没有属于业务员“{rep}”的客户。表中的业务员：{reps}。修正：检查业务员姓名的拼写。",
    ),
    "error.visit_code": (
        "{value} is not a class (A, B, C) or a prospect colour (red, yellow, green).",
        "{value} 不是客户类别（A、B、C）或潜在客户颜色（red、yellow、green）。",
    ),
    "error.plan_columns": (
        "customers needs a header row with at least 'Customer ID' and 'Name' ({detail}).",
        "客户区域需要标题行，至少包含“客户编号”和“客户名称”（{detail}）。",
    ),
    "expected.visits": (
        "a number of visits per month such as {example}",
        "每月拜访次数，例如 {example}",
    ),
    "expected.count": ("a whole number such as {example}", "整数，例如 {example}"),
    "expected.clock": ("a time such as {example}", "时间，例如 {example}"),
    "expected.a_mornings": ("preferred or strict", "preferred 或 strict"),
    "expected.country": (
        "a country code such as {example} (or none)",
        "国家代码，例如 {example}（或 none）",
    ),
    "setting.visits_a": ("Visits a month: class A", "每月拜访次数：A类"),
    "setting.visits_b": ("Visits a month: class B", "每月拜访次数：B类"),
    "setting.visits_c": ("Visits a month: class C", "每月拜访次数：C类"),
    "setting.visits_yellow_keep": (
        "Visits a month: yellow, keep visiting",
        "每月拜访：黄色、继续拜访",
    ),
    "setting.visits_yellow_dont_give_up": (
        "Visits a month: yellow, don't give up",
        "每月拜访：黄色、不放弃",
    ),
    "setting.visits_green_keep": (
        "Visits a month: green, keep visiting",
        "每月拜访：绿色、继续拜访",
    ),
    "setting.visits_green_dont_give_up": (
        "Visits a month: green, don't give up",
        "每月拜访：绿色、不放弃",
    ),
    "setting.min_gap_days": ("Minimum days between visits", "两次拜访最少间隔天数"),
    "setting.morning_visits": ("Visits per morning", "每个上午拜访数"),
    "setting.afternoon_visits": ("Visits per afternoon", "每个下午拜访数"),
    "setting.morning_start": ("First morning visit", "上午首次拜访时间"),
    "setting.afternoon_start": ("First afternoon visit", "下午首次拜访时间"),
    "setting.visit_minutes": ("Minutes per visit", "每次拜访分钟数"),
    "setting.travel_minutes": (
        "Minutes to reach a customer without coordinates",
        "无坐标客户的路程分钟数",
    ),
    "setting.day_end": ("Back at the base by", "最晚返回时间"),
    "setting.travel_speed_kmh": (
        "Driving speed (km/h, straight line)",
        "行车速度（公里/小时，按直线）",
    ),
    "setting.a_mornings": ("Class A in the morning", "A类客户排上午"),
    "setting.long_day_km": ("Warn when a day drives more than (km)", "单日行车超过（公里）时提醒"),
    "setting.manager_top_n": ("Manager along: top A customers", "主管陪同：销售额前 N 名A类客户"),
    "setting.manager_visits_per_week": ("Manager's visits per week", "主管每周陪同拜访数"),
    "setting.country": ("Public holidays of (country)", "法定节假日（国家）"),
    "setting.plan_weeks": ("Weeks to plan", "计划周数"),
    "setting.card_lead_days": ("Days to send gifts and cards ahead", "礼物与贺卡提前天数"),
    "help.visits_a": (
        "4 = weekly. A customers are visited in the morning.",
        "4 = 每周一次。A类客户安排在上午拜访。",
    ),
    "help.visits_b": ("2 = twice a month.", "2 = 每月两次。"),
    "help.visits_c": (
        "1 = monthly; red (closed) prospects without a class too.",
        "1 = 每月一次；无类别的红色（已成交）潜在客户同此。",
    ),
    "help.visits_yellow_keep": (
        "Yellow: likely to close soon; keep visiting.",
        "黄色：短期有望成交；继续拜访。",
    ),
    "help.visits_yellow_dont_give_up": (
        "Yellow, follow-up 'don't give up'.",
        "黄色，跟进决定为“不放弃”。",
    ),
    "help.visits_green_keep": (
        "Green: potential customer; keep visiting.",
        "绿色：潜在客户；继续拜访。",
    ),
    "help.visits_green_dont_give_up": (
        "Green, 'don't give up': 0.5 = every other month. Given up: never.",
        "绿色、“不放弃”：0.5 = 每两个月一次。已放弃：不拜访。",
    ),
    "help.min_gap_days": (
        "Never two visits of one customer closer than this.",
        "同一客户两次拜访至少相隔的天数。",
    ),
    "help.morning_visits": (
        "Per rep; the morning is for class A.",
        "每位业务员；上午留给A类客户。",
    ),
    "help.afternoon_visits": ("Per rep; B, C and prospects.", "每位业务员；B类、C类和潜在客户。"),
    "help.morning_start": ("HH:MM", "时:分（HH:MM）"),
    "help.afternoon_start": ("HH:MM", "时:分（HH:MM）"),
    "help.visit_minutes": (
        "How long a visit lasts; the drive between two visits comes from the distance.",
        "每次拜访的时长；两次拜访之间的路程按距离计算。",
    ),
    "help.travel_minutes": (
        "Used for a leg to or from a customer whose latitude and longitude are missing.",
        "客户缺少经纬度时，往返该客户的路程按此计算。",
    ),
    "help.day_end": (
        "The working day runs from the first visit time, leaving the base, to this time, back at it.",
        "工作日从上午首次拜访时间离开驻地开始，到此时间返回驻地为止。",
    ),
    "help.travel_speed_kmh": (
        "Speed as the crow flies between customers: 30 suits a city; the drive time follows.",
        "客户之间按直线距离计算的速度：市内约 30；路程时间据此计算。",
    ),
    "help.a_mornings": (
        "preferred: an A visit may take an afternoon before a C visit does; strict: mornings only.",
        "preferred：A类可在C类之前占用下午名额；strict：A类只排上午。",
    ),
    "help.long_day_km": (
        "Days that drive more are listed on the Month sheet and printed as warnings.",
        "超过此里程的日子列在月度汇总中，并作为提醒输出。",
    ),
    "help.manager_top_n": (
        "The N biggest A customers get the senior manager along.",
        "销售额最高的 N 个A类客户由主管陪同拜访。",
    ),
    "help.manager_visits_per_week": (
        "The manager's own capacity; one rep per half-day.",
        "主管自身的陪同能力；每个半天只陪一位业务员。",
    ),
    "help.country": (
        "CN (with make-up working days 调休), US, DE…; none = weekends only.",
        "CN（含调休上班日）、US、DE 等；none = 只排除周末。",
    ),
    "help.plan_weeks": ("Planning horizon; 4 = next month.", "计划期；4 = 下个月。"),
    "help.card_lead_days": (
        "Birthday gifts and holiday cards are due this many days before.",
        "生日礼物和节日贺卡提前这么多天寄出。",
    ),
    "sheet.plan": ("Visit Plan", "拜访计划"),
    "sheet.unscheduled": ("Unscheduled", "未排入"),
    "sheet.week": ("Week", "周历"),
    "sheet.month": ("Month", "月度汇总"),
    "sheet.cards": ("Customer cards", "客户卡"),
    "sheet.checklist": ("Checklist", "出发前检核"),
    "sheet.touches": ("Touch calendar", "关怀日历"),
    "sheet.manager": ("Manager visits", "主管陪同"),
    "plan.title": ("Visit plan {start} – {end}", "拜访计划 {start} 至 {end}"),
    "plan.date": ("Date", "日期"),
    "plan.weekday": ("Day", "星期"),
    "plan.slot": ("Slot", "时段"),
    "plan.start": ("Start", "开始时间"),
    "plan.rep": ("Rep", "业务员"),
    "plan.customer_id": ("Customer ID", "客户编号"),
    "plan.name": ("Name", "客户名称"),
    "plan.group": ("Class / colour", "类别/颜色"),
    "plan.purpose": ("Purpose", "拜访目的"),
    "plan.manager": ("With manager", "主管陪同"),
    "plan.route": ("Route order", "路线顺序"),
    "plan.distance": ("Distance (km)", "距离（公里）"),
    "plan.drive": ("Drive (min)", "路程（分钟）"),
    "plan.by.solver": (
        "Routes by the solver ({seconds:g} s per rep); km and drive from the base and back.",
        "路线由求解器排出（每位业务员 {seconds:g} 秒）；里程与路程含往返驻地。",
    ),
    "plan.by.quick": (
        "Routes by the quick planner (--quick); km and drive from the base and back.",
        "路线由快速排程排出（--quick）；里程与路程含往返驻地。",
    ),
    "plan.by.fallback": (
        "Routes by the quick planner: the route solver is not installed here (xlwings Lite).",
        "路线由快速排程排出：此环境未安装路线求解器（xlwings Lite）。",
    ),
    "plan.due": ("Due", "应访日期"),
    "plan.reason": ("Reason", "原因"),
    "plan.yes": ("yes", "是"),
    "half.morning": ("morning", "上午"),
    "half.afternoon": ("afternoon", "下午"),
    "group.A": ("A", "A类"),
    "group.B": ("B", "B类"),
    "group.C": ("C", "C类"),
    # The Stage words of the customer table (and the dashboard), after the colour they give.
    "group.red": ("red (Closed)", "红色（已成交）"),
    "group.yellow": ("yellow (Short term)", "黄色（短期有望成交）"),
    "group.green": ("green (Potential)", "绿色（潜在客户）"),
    "purpose.A": ("Key account: review orders and needs", "重点客户：回顾订单与需求"),
    "purpose.B": ("Regular visit: grow usage and product lines", "例行拜访：提高用量与产品线"),
    "purpose.C": ("Keep in touch: check satisfaction", "保持联系：了解满意度"),
    "purpose.red": ("New customer: first order follow-up", "新成交客户：首单跟进"),
    "purpose.yellow": ("Close the deal", "推动成交"),
    "purpose.green": ("Develop the prospect: learn needs", "开发潜在客户：了解需求"),
    "reason.capacity": (
        "capacity: more valuable visits took the rep's slots and time in its window",
        "能力不足：该时段内业务员的名额和时间已被更重要的拜访占用",
    ),
    "reason.holidays": ("holidays: no working day in its window", "节假日：该时段内没有工作日"),
    "reason.horizon": (
        "horizon: it can only happen after the plan ends",
        "计划期：只能在本计划结束后进行",
    ),
    "reason.too_far": (
        "too far: the drive from the base and back does not fit in a working day",
        "太远：从驻地往返加拜访无法在一个工作日内完成",
    ),
    "week.title": (
        "Week of {start}: {rep} · {visits} visits · {km} km · {hours} h driving",
        "{start} 当周：{rep} · 拜访 {visits} 次 · {km} 公里 · 行车 {hours} 小时",
    ),
    "week.travel": ("Drive", "行车"),
    "week.day_travel": ("{km} km · {minutes} min", "{km} 公里 · {minutes} 分钟"),
    "month.title": ("Monthly summary {start} – {end}", "月度汇总 {start} 至 {end}"),
    "month.visits": ("Visits", "拜访数"),
    "month.days": ("Visit days", "拜访天数"),
    "month.km": ("Distance (km)", "里程（公里）"),
    "month.manager": ("With manager", "主管陪同"),
    "month.unscheduled": ("Not fitted", "未排入"),
    "month.drive": ("Drive (h)", "行车（小时）"),
    "month.long_days": ("Days over {km:g} km", "超过 {km:g} 公里的天数"),
    "month.week": ("Week", "周"),
    "month.by_week": ("Per rep and week", "按业务员和周"),
    "month.long_title": ("Days driving more than {km:g} km", "行车超过 {km:g} 公里的日子"),
    "month.date": ("Date", "日期"),
    "month.back": ("Back at base", "返回驻地"),
    "scope.title": ("This plan (refresh plans again with it)", "本计划范围（刷新时按此重排）"),
    "scope.key": ("Key", "键"),
    "scope.value": ("Value", "值"),
    "scope.all": ("(all reps)", "（全部业务员）"),
    "coverage.title": ("Coverage per class", "各类别覆盖率"),
    "coverage.customers": ("Customers", "客户数"),
    "coverage.due": ("Visits due", "应访次数"),
    "coverage.planned": ("Planned", "已排入"),
    "coverage.share": ("Coverage", "覆盖率"),
    "manager.line": (
        "Manager along: {given} of {wanted} visits asked for (see {sheet})",
        "主管陪同：{wanted} 次请求中安排了 {given} 次（见“{sheet}”）",
    ),
    "manager.title": (
        "Manager visits asked for: {given} of {wanted} arranged",
        "主管陪同请求：{wanted} 次中安排了 {given} 次",
    ),
    "manager.note": (
        "Asked for by the top {top} A customers by sales and by the With manager (主管陪同) column; "
        "at most {per_week} a week, one rep per half-day.",
        "请求来自销售额前 {top} 名的A类客户和“主管陪同”列；每周最多 {per_week} 次，每个半天只陪一位业务员。",
    ),
    "manager.status": ("Status", "状态"),
    "manager.why": ("Asked because", "请求原因"),
    "manager.why.top": ("top A by sales", "销售额前列的A类"),
    "manager.why.flag": ("marked With manager", "标注主管陪同"),
    "manager.arranged": ("arranged", "已安排"),
    "manager.manager_full": ("not arranged: the manager's week is full", "未安排：主管本周已满"),
    "manager.manager_busy": (
        "not arranged: the manager is with another rep then",
        "未安排：主管当时陪同其他业务员",
    ),
    "manager.unscheduled": (
        "not arranged: the visit is not planned ({reason})",
        "未安排：该拜访未排入（{reason}）",
    ),
    "card.visits": ("Visits in this plan", "本期拜访"),
    "card.next_goal": ("Next visit goal", "下次拜访目标"),
    "card.sales_history": ("Sales · last visit", "年销售额 · 上次拜访"),
    "checklist.title": ("Route sheet 出发前检核: {rep}, {date}", "路线与出发前检核：{rep}，{date}"),
    "checklist.summary": (
        "{count} stop(s) · leave the base {leave} · back {back} · {km} km · {minutes} min driving",
        "{count} 个拜访 · {leave} 离开驻地 · {back} 返回 · {km} 公里 · 行车 {minutes} 分钟",
    ),
    "checklist.stop": ("#", "序"),
    "checklist.contact": ("Contact · phone", "联系人 · 电话"),
    "checklist.goal": ("Goal", "目标"),
    "checklist.done": ("Done", "完成"),
    "checklist.1": ("Appearance and dress appropriate", "仪容仪表、着装得体"),
    "checklist.2": ("Sales map (行销地图) and today's route", "行销地图与今日路线"),
    "checklist.3": (
        "Know the industry's situation, style and habits",
        "了解该行业的状况、作风与习惯",
    ),
    "checklist.4": ("Customers classified and graded", "客户已分类、分级"),
    "checklist.5": ("Customer card ready (客户卡)", "客户卡已准备"),
    "checklist.6": ("Visit goals and visit-count quota set", "拜访目标与拜访数量指标已定"),
    "checklist.7": ("Key customers clear", "重点客户明确"),
    "checklist.8": (
        "Advertising, promotion and PR activities in step",
        "广告、促销、公关活动配合一致",
    ),
    "checklist.9": (
        "Equipment complete (samples, brochures, forms)",
        "装备齐全（样品、资料、表单）",
    ),
    "checklist.10": ("An information-gathering outline", "信息收集提纲"),
    "checklist.11": ("Scripts for being turned away or refused", "被拒绝、被挡驾时的应对话术"),
    "checklist.12": ("All likely-order opportunities listed", "列出所有可能成交的机会"),
    "checklist.13": (
        "An influential introducer or word of mouth used",
        "借助有影响力的介绍人或口碑",
    ),
    "checklist.14": ("The key person / decision maker known", "清楚关键人/决策人"),
    "checklist.15": ("Letters and calls made, appointment booked", "已写信、打电话，预约已确认"),
    "checklist.16": ("The pitch that will move this customer", "准备好能打动该客户的说辞"),
    "checklist.17": (
        "The contact's or decision maker's interests and hobbies known",
        "了解联系人或决策人的兴趣爱好",
    ),
    "touch.due": ("Due", "截止日期"),
    "touch.occasion": ("Occasion", "事由"),
    "touch.action": ("Action", "行动"),
    "touch.date": ("Date", "日期"),
    "touch.note": ("Note", "备注"),
    "occasion.birthday": ("Birthday", "生日"),
    "occasion.holiday": ("Public holiday", "节日"),
    "occasion.brochure": ("New product", "新产品"),
    "occasion.celebration": ("Celebration", "喜事"),
    "occasion.condolence": ("Bereavement", "丧事"),
    "action.gift": ("Simple birthday gift", "生日小礼物"),
    "action.card": ("Greeting card", "贺卡"),
    "action.brochure": ("New-product brochure", "新品资料"),
    "action.letter": ("Condolence letter", "慰问信"),
    "touch.cards_for": (
        "{holiday}: cards to {count} customers",
        "{holiday}：给 {count} 位客户寄贺卡",
    ),
    "warning.long_day": (
        "{rep} drives {km} km on {date} (more than {limit:g} km; see the Month sheet)",
        "{rep} 在 {date} 行车 {km} 公里（超过 {limit:g} 公里；见月度汇总）",
    ),
    "done.planned": (
        "Planned {planned} visits for {reps} rep(s), {start} to {end}; {unscheduled} did not fit "
        "(see Unscheduled).",
        "已为 {reps} 位业务员排入 {planned} 次拜访（{start} 至 {end}）；{unscheduled} 次未排入（见“未排入”）。",
    ),
    "cli.help.plan": (
        "plan visits day by day into a new workbook",
        "逐日排出拜访计划并写入新工作簿",
    ),
    "cli.help.plan_long": (
        "Read customers from .xlsx/.xlsm/.csv, classify them, and write the visit plan: plan "
        "table, weekly calendar, monthly summary, customer cards and checklists. The input "
        "file is never modified.",
        "从 .xlsx/.xlsm/.csv 读取客户并分类，写出拜访计划：计划表、周历、月度汇总、客户卡和出发前检核表。"
        "输入文件不会被修改。",
    ),
    "cli.help.plan_output": (
        "workbook to write (default: INPUT_plan.xlsx)",
        "要写出的工作簿（默认：输入文件名_plan.xlsx）",
    ),
    "cli.help.start": ("first day (default: next Monday)", "第一天（默认：下周一）"),
    "cli.help.weeks": ("weeks to plan (default 4)", "计划周数（默认 4）"),
    "cli.help.country": (
        "public holidays of this country (default CN; none = weekends only)",
        "按该国法定节假日（默认 CN；none = 只排除周末）",
    ),
    "cli.help.rep": ("plan only this rep's customers", "只为该业务员的客户排计划"),
    "cli.help.quick": (
        "quick planner only: plan in a blink, with more km and fewer visits",
        "只用快速排程：瞬间排好，但里程更多、拜访更少",
    ),
    "cli.help.time_limit": (
        "seconds the route solver spends per rep (default {seconds}); the plan stays the same "
        "on a slower machine, it only takes longer",
        "路线求解器为每位业务员花费的秒数（默认 {seconds}）；机器较慢时计划不变，只是耗时更长",
    ),
    "cli.help.plan_jobs": (
        "plan this many reps side by side (processes)",
        "同时为多少位业务员排计划（进程数）",
    ),
    "plan.progress": ("{done}/{total} reps planned", "已排 {done}/{total} 位业务员"),
    "error.sheet_taken": (
        "{name}: the sheet '{sheet}' holds the table '{table}', which the plan did not write, so "
        "the plan will not replace that sheet. Fix: move the table to another sheet or rename "
        "the sheet, then plan again.",
        "{name}：工作表“{sheet}”中有表格“{table}”，它不是拜访计划生成的，因此计划不会覆盖该工作表。"
        "修正：把该表格移到其他工作表或重命名该工作表后，再重新排计划。",
    ),
    "weekday.0": ("Mon", "周一"),
    "weekday.1": ("Tue", "周二"),
    "weekday.2": ("Wed", "周三"),
    "weekday.3": ("Thu", "周四"),
    "weekday.4": ("Fri", "周五"),
    "weekday.5": ("Sat", "周六"),
    "weekday.6": ("Sun", "周日"),
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
    "batch.blank_group": ("(blank)", "（空白）"),
    "batch.interrupted": (
        "not written: the run was interrupted (Ctrl-C) before this workbook was made. Fix: run "
        "generate again (with --force to replace the workbooks already written).",
        "未写出：在生成此工作簿之前运行被中断（Ctrl-C）。修正：重新运行 generate"
        "（加 --force 以替换已写出的工作簿）。",
    ),
    "batch.written_unreported": (
        "written in full, but the run lost track of it before its figures were counted (the "
        "process writing it was killed or ran out of memory, or Ctrl-C came): they are missing "
        "from this manifest. Fix: check the workbook, or run generate again with --force.",
        "已完整写出，但在统计其数据之前运行失去了对它的跟踪（写它的进程被终止或内存不足，或按了 "
        "Ctrl-C）：本清单中缺少这些数据。修正：检查该工作簿，或加 --force 重新运行 generate。",
    ),
    "batch.interrupted_run": (
        "interrupted: {written} of {total} workbook(s) were written to {folder}, the others were "
        "not. Manifest: {manifest}",
        "已中断：已写出 {written}/{total} 个工作簿到 {folder}，其余未写出。清单：{manifest}",
    ),
    "batch.worker_stopped": (
        "the process writing it stopped before it was done (killed, or out of memory); nothing "
        "was written for it. Fix: run generate again for the failed ones, with fewer --jobs if "
        "memory is short.",
        "写它的进程在完成前停止了（被终止或内存不足）；该文件未写入。修正：为失败的项重新运行 "
        "generate，内存不足时减少 --jobs。",
    ),
    # manifest.csv is for people (Excel): its headers and statuses speak the run's language;
    # manifest.json is for scripts and keeps English keys and statuses.
    "manifest.group": ("group", "分组"),
    "manifest.file": ("file", "文件"),
    "manifest.status": ("status", "状态"),
    "manifest.customers": ("customers", "客户数"),
    "manifest.A": ("A", "A类"),
    "manifest.B": ("B", "B类"),
    "manifest.C": ("C", "C类"),
    "manifest.problems": ("problems", "问题数"),
    "manifest.details": ("details", "问题详情"),
    "manifest.ok": ("ok", "成功"),
    "manifest.failed": ("failed", "失败"),
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
    "refresh.written": ("Refreshed {path}", "已刷新 {path}"),
    "refresh.up_to_date": (
        "{path} was already up to date: not rewritten.",
        "{path} 已是最新，未重写。",
    ),
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
    "cli.help.generate_start": (
        "first day of the visit plan, YYYY-MM-DD (with --weeks)",
        "拜访计划的首日，YYYY-MM-DD（与 --weeks 同用）",
    ),
    "cli.help.generate_weeks": (
        "weeks of the visit plan (with --start)",
        "拜访计划的周数（与 --start 同用）",
    ),
    "error.plan_effort_without_plan": (
        "--quick and --time-limit say how hard to plan the visits: add --start or --weeks to "
        "put a visit plan into each workbook",
        "--quick 和 --time-limit 设定拜访计划的排程力度：请加上 --start 或 --weeks，"
        "在每个工作簿中生成拜访计划",
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
}

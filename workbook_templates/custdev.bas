Attribute VB_Name = "custdev"
' Classic xlwings macros for custdev. customers_en.xlsm and customers_zh.xlsm carry this module
' and a button for each macro. For your own workbook: install the xlwings add-in
' (xlwings addin install), tick "xlwings" under Tools > References in the VBA editor (Alt+F11),
' then File > Import File... this file.

Sub ClassifyCustomers()
    RunPython "from addin.excel.macros import classify_customers; classify_customers()"
End Sub

Sub ColourProspects()
    RunPython "from addin.excel.macros import colour_prospects; colour_prospects()"
End Sub

Sub PlanVisits()
    RunPython "from addin.excel.macros import plan_visits; plan_visits()"
End Sub

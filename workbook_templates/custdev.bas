Attribute VB_Name = "custdev"
' Classic xlwings macros for custdev. Import into the workbook (Alt+F11, File > Import File...),
' with the xlwings add-in installed and "xlwings" ticked under Tools > References.

Sub ClassifyCustomers()
    RunPython "from addin.excel.macros import classify_customers; classify_customers()"
End Sub

Sub ColourProspects()
    RunPython "from addin.excel.macros import colour_prospects; colour_prospects()"
End Sub

Sub PlanVisits()
    RunPython "from addin.excel.macros import plan_visits; plan_visits()"
End Sub

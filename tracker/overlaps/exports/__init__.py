"""The overlap review as meeting papers: the rows (rows.py), the Word document (word.py), the workbook
(sheet.py) and their downloads (views.py)."""
